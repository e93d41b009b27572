package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.HeaderReader;
import org.fovea.dicom.net.peers.Dcmtk;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** C-STORE SCU to Orthanc and to DCMTK's storescp, with one result per file. */
class SendTest {

    private static final DicomClient CLIENT = new DicomClient(NetworkSettings.defaults());

    @Test
    void sendsChosenFilesToOrthancWithProgress(@TempDir Path dir) throws Exception {
        List<Path> files = TestData.mrPhantom().subList(0, 20);
        try (OrthancPeer pacs = OrthancPeer.start(dir, List.of())) {
            List<Integer> progress = new ArrayList<>();
            SendReport r = CLIENT.send(DicomNode.parse(pacs.address()), files, (done, total, current) -> progress.add(done),
                    CancelToken.none());
            assertThat(r.allSent()).isTrue();
            assertThat(r.results()).extracting(SendResult::file).containsExactlyElementsOf(files);
            assertThat(r.results()).allSatisfy(s -> assertThat(s.status()).isEqualTo("stored"));
            assertThat(progress).endsWith(20);
            assertThat(pacs.sopInstanceUids()).containsExactlyInAnyOrderElementsOf(OrthancSops.of(files));
        }
    }

    @Test
    void aFileThePeerRefusesIsReportedAndTheOthersAreStillSent(@TempDir Path dir) throws Exception {
        List<Path> good = TestData.mrPhantom().subList(0, 5);
        Path strange = dir.resolve("private-class.dcm");
        Files.copy(good.get(0), strange);
        // a SOP class storescp does not know, so it refuses the presentation context
        // dcmodify updates the file meta information's UIDs to match
        Command.Result modified = Dcmtk.run("dcmodify", List.of("-nb", "-m", "(0008,0016)=1.2.826.0.1.3680043.9.7433.99.1",
                "-m", "(0008,0018)=1.2.826.0.1.3680043.9.7433.99.2", strange.toString()));
        assertThat(modified.exit()).as(modified.output()).isZero();
        Path notDicom = dir.resolve("notes.txt");
        Files.writeString(notDicom, "not an image");
        List<Path> files = new ArrayList<>(good);
        files.add(2, strange);
        files.add(notDicom);

        Path received = Files.createDirectories(dir.resolve("received"));
        int port = OrthancPeer.freePort();
        Process storescp = Dcmtk.start("storescp", List.of("-aet", "STORESCP", "-od", received.toString(),
                String.valueOf(port)));
        try {
            DicomNode node = new DicomNode("dcmtk", "STORESCP", "127.0.0.1", port,
                    java.util.EnumSet.of(DicomNode.Service.STORE), RetrieveMethod.C_GET);
            awaitListening(node);
            SendReport r = CLIENT.send(node, files, TransferListener.none(), CancelToken.none());
            assertThat(r.results()).extracting(SendResult::file).containsExactlyElementsOf(files);
            assertThat(r.results().get(2).ok()).isFalse();
            assertThat(r.results().get(2).status()).contains("STORESCP@127.0.0.1");
            assertThat(r.results().get(6).ok()).isFalse();
            assertThat(r.results().get(6).status()).startsWith("not sent: not a readable DICOM file");
            assertThat(r.sent()).isEqualTo(5);
            try (Stream<Path> s = Files.list(received)) {
                List<String> got = new ArrayList<>();
                for (Path p : s.toList()) {
                    got.add(HeaderReader.read(p).sopInstanceUid());
                }
                assertThat(got).containsExactlyInAnyOrderElementsOf(OrthancSops.of(good));
            }
        } finally {
            Command.stop(storescp, Duration.ofSeconds(10));
        }
    }

    static void awaitListening(DicomNode node) throws InterruptedException {
        for (int i = 0; i < 100 && !CLIENT.echo(node).ok(); i++) {
            Thread.sleep(100);
        }
    }
}
