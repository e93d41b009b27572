package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.HeaderReader;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.net.peers.Dcmtk;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrieves from a second, independent archive: DCMTK's dcmqrscp, which unlike Orthanc does not
 * answer SOP Classes in Study, so a C-GET plans its contexts from each instance's class.
 */
class RetrieveFromDcmqrscpTest {

    private static final String AE = "DCMQRSCP";

    @TempDir
    static Path dir;
    static Process dcmqrscp;
    static int port;
    static int fovealPort;
    static List<Path> mr;
    static String study;

    @BeforeAll
    static void start() throws Exception {
        port = OrthancPeer.freePort();
        fovealPort = OrthancPeer.freePort();
        Path db = Files.createDirectories(dir.resolve("db"));
        Path config = Files.writeString(dir.resolve("dcmqrscp.cfg"), String.join("\n",
                "NetworkTCPPort = " + port,
                "MaxPDUSize = 16384",
                "MaxAssociations = 16",
                "HostTable BEGIN",
                "fovea = (FOVEA, 127.0.0.1, " + fovealPort + ")",
                "HostTable END",
                "VendorTable BEGIN",
                "VendorTable END",
                "AETable BEGIN",
                AE + " " + db + " RW (200, 1024mb) ANY",
                "AETable END", ""));
        // as DCMTK runs by default, with Nagle's algorithm on (no TCP_NODELAY in its environment):
        // Fovea acknowledges at once (QuickAck), so the retrieves do not wait ~40 ms an image
        dcmqrscp = new ProcessBuilder(Dcmtk.tool("dcmqrscp").toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("dcmqrscp.log").toFile()).start();
        awaitListening(port);
        mr = TestData.mrPhantom();
        List<String> store = new ArrayList<>(List.of("-aec", AE, "127.0.0.1", String.valueOf(port)));
        mr.forEach(f -> store.add(f.toString()));
        // DCMTK to DCMTK: without TCP_NODELAY each image would wait for dcmqrscp's delayed ACK
        Command.Result stored = Dcmtk.run("storescu", store, Map.of("TCP_NODELAY", "1"));
        assertThat(stored.exit()).as(stored.output()).isZero();
        study = HeaderReader.read(mr.get(0)).studyInstanceUid();
    }

    @AfterAll
    static void stop() throws Exception {
        Command.stop(dcmqrscp, Duration.ofSeconds(10));
    }

    private static void awaitListening(int p) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", p)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("dcmqrscp did not start on port " + p);
    }

    private static RetrieveReport retrieve(RetrieveMethod method, LocalArchive archive) throws Exception {
        NetworkSettings settings = NetworkSettings.defaults().withLocal("FOVEA", fovealPort, true);
        DicomNode node = DicomNode.parse(AE + "@127.0.0.1:" + port).withRetrieveMethod(method);
        return new DicomClient(settings).retrieve(node, RetrieveRequest.study(study), archive, TransferListener.none(),
                CancelToken.none());
    }

    @ParameterizedTest
    @EnumSource(RetrieveMethod.class)
    void aRetrieveBringsEveryImageWithItsPixels(RetrieveMethod method, @TempDir Path home) throws Exception {
        try (LocalArchive archive = LocalArchive.open(home)) {
            long t0 = System.nanoTime();
            RetrieveReport r = retrieve(method, archive);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(r.failures()).isEmpty();
            assertThat(r.received()).isEqualTo(128);
            // dcmqrscp leaves Nagle's algorithm on: had each image waited for a delayed ACK (40 ms at
            // least on Linux), the 128 would take 5.1 s at least; acknowledged at once, about 1 s
            assertThat(seconds).as("seconds for 128 images from a Nagle peer").isLessThan(4.0);
            Map<String, Path> archived = ArchiveChecks.studyFiles(archive, study);
            assertThat(archived.keySet()).containsExactlyInAnyOrderElementsOf(OrthancSops.of(mr));
            ArchiveChecks.assertSamePixels(mr, archived);
            ArchiveChecks.assertIntact(archive);
        }
    }
}
