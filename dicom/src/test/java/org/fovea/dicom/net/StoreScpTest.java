package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.HeaderReader;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.net.peers.Dcmtk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The workstation's listener receiving from DCMTK's storescu, a real sender. */
class StoreScpTest {

    private static final NetworkSettings SETTINGS = NetworkSettings.defaults().withLocal("FOVEA", 0, true);

    /** Remembers what the listener was told. */
    static final class Recorder implements StoreScp.StoreListener {
        final List<ImageHeader> stored = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();
        volatile Consumer<Integer> onStored = n -> { };

        @Override
        public void stored(ImageHeader header) {
            stored.add(header);
            onStored.accept(stored.size());
        }

        @Override
        public void failed(String reason) {
            failed.add(reason);
        }
    }

    private static List<String> storescu(int port, List<String> options, List<Path> files) {
        List<String> args = new ArrayList<>(List.of("-aec", "FOVEA"));
        args.addAll(options);
        args.add("127.0.0.1");
        args.add(String.valueOf(port));
        files.forEach(f -> args.add(f.toString()));
        return args;
    }

    @Test
    void pushedSeriesIsArchivedAndADuplicateIsAcceptedButNotStoredTwice(@TempDir Path home) throws Exception {
        Recorder recorder = new Recorder();
        List<Path> mr = TestData.mrPhantom();
        try (LocalArchive archive = LocalArchive.open(home);
             StoreScp scp = StoreScp.start(SETTINGS, archive, recorder)) {
            assertThat(Dcmtk.run("echoscu", List.of("-aec", "FOVEA", "127.0.0.1", String.valueOf(scp.port()))).exit())
                    .isZero();
            Dcmtk.Result push = Dcmtk.run("storescu", storescu(scp.port(), List.of(), mr));
            assertThat(push.exit()).as(push.output()).isZero();
            assertThat(recorder.stored).hasSize(128);
            assertThat(recorder.failed).isEmpty();
            String study = HeaderReader.read(mr.get(0)).studyInstanceUid();
            var archived = ArchiveChecks.studyFiles(archive, study);
            assertThat(archived.keySet()).containsExactlyInAnyOrderElementsOf(OrthancSops.of(mr));
            ArchiveChecks.assertSamePixels(mr, archived);
            ArchiveChecks.assertIntact(archive);

            Dcmtk.Result again = Dcmtk.run("storescu", storescu(scp.port(), List.of(), mr.subList(0, 10)));
            assertThat(again.exit()).as(again.output()).isZero();
            assertThat(recorder.stored).hasSize(128);
            assertThat(ArchiveChecks.studyFiles(archive, study)).hasSize(128);
            ArchiveChecks.assertIntact(archive);
        }
    }

    @Test
    void senderKilledMidAssociationLeavesNoPartialFile(@TempDir Path home) throws Exception {
        Recorder recorder = new Recorder();
        List<Path> mr = TestData.mrPhantom();
        try (LocalArchive archive = LocalArchive.open(home);
             StoreScp scp = StoreScp.start(SETTINGS, archive, recorder)) {
            Process sender = Dcmtk.start("storescu", storescu(scp.port(), List.of(), mr));
            recorder.onStored = n -> {
                if (n == 30) {
                    sender.destroyForcibly();
                }
            };
            sender.waitFor();
            awaitEmptyReceiveFolder(archive);
            assertThat(recorder.stored.size()).isBetween(30, 127);
            assertThat(ArchiveChecks.studyFiles(archive, HeaderReader.read(mr.get(0)).studyInstanceUid()))
                    .hasSize(recorder.stored.size());
            ArchiveChecks.assertIntact(archive);
        }
    }

    @Test
    void decodableSyntaxesAreStoredAsReceivedAndOthersRefused(@TempDir Path home) throws Exception {
        Recorder recorder = new Recorder();
        Path jpegLossless = TestData.corpus("transfer-syntaxes").resolve("1.2.840.10008.1.2.4.70.dcm");
        Path jpeg2000 = TestData.corpus("transfer-syntaxes").resolve("1.2.840.10008.1.2.4.90.dcm");
        try (LocalArchive archive = LocalArchive.open(home);
             StoreScp scp = StoreScp.start(SETTINGS, archive, recorder)) {
            Dcmtk.Result ok = Dcmtk.run("storescu", storescu(scp.port(), List.of("-xs"), List.of(jpegLossless)));
            assertThat(ok.exit()).as(ok.output()).isZero();
            ImageHeader h = HeaderReader.read(jpegLossless);
            Path stored = ArchiveChecks.studyFiles(archive, h.studyInstanceUid()).get(h.sopInstanceUid());
            assertThat(HeaderReader.read(stored).transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.70");
            assertThat(dataSet(stored)).isEqualTo(dataSet(jpegLossless));

            Dcmtk.Result refused = Dcmtk.run("storescu", storescu(scp.port(), List.of("-R", "-xv"), List.of(jpeg2000)));
            // storescu falls back to the uncompressed context, the only one accepted, and cannot decompress JPEG 2000
            assertThat(refused.output()).contains("Store Failed").contains("unable to convert");
            assertThat(archive.containsInstance(HeaderReader.read(jpeg2000).sopInstanceUid())).isFalse();
            assertThat(recorder.stored).hasSize(1);
        }
    }

    /** The bytes after the file meta information: what went over the wire. */
    static byte[] dataSet(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        assertThat(new String(all, 128, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DICM");
        int groupLength = ByteBuffer.wrap(all, 132 + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int start = 132 + 12 + groupLength;
        return Arrays.copyOfRange(all, start, all.length);
    }

    static void awaitEmptyReceiveFolder(LocalArchive archive) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.walk(archive.incomingDirectory())) {
                if (s.noneMatch(Files::isRegularFile)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
    }
}
