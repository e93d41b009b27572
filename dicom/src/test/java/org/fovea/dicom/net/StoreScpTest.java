package org.fovea.dicom.net;

import org.fovea.dicom.HeaderReader;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.net.peers.Dcmtk;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The workstation's listener receiving from DCMTK's storescu, a real sender. */
class StoreScpTest {

    private static final NetworkSettings SETTINGS = NetworkSettings.defaults().withLocal("FOVEA", 0, true);

    /** Remembers what the listener was told. */
    static final class Recorder implements StoreScp.StoreListener {
        final List<ImageHeader> stored = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();

        /** Waits until {@code n} images are indexed: the listener indexes after acknowledging. */
        void awaitStored(int n) throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (stored.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        @Override
        public void stored(ImageHeader header) {
            stored.add(header);
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
            Command.Result push = Dcmtk.run("storescu", storescu(scp.port(), List.of(), mr));
            assertThat(push.exit()).as(push.output()).isZero();
            recorder.awaitStored(128);
            assertThat(recorder.stored).hasSize(128);
            assertThat(recorder.failed).isEmpty();
            String study = HeaderReader.read(mr.get(0)).studyInstanceUid();
            var archived = ArchiveChecks.studyFiles(archive, study);
            assertThat(archived.keySet()).containsExactlyInAnyOrderElementsOf(OrthancSops.of(mr));
            ArchiveChecks.assertSamePixels(mr, archived);
            ArchiveChecks.assertIntact(archive);

            Command.Result again = Dcmtk.run("storescu", storescu(scp.port(), List.of(), mr.subList(0, 10)));
            assertThat(again.exit()).as(again.output()).isZero();
            scp.close();
            assertThat(recorder.stored).hasSize(128);
            assertThat(ArchiveChecks.studyFiles(archive, study)).hasSize(128);
            ArchiveChecks.assertIntact(archive);
        }
    }

    /**
     * storescu is killed once a few of its images are in the listener's receive folder. The
     * listener acknowledges an image before it indexes it, and indexes in batches, so a kill
     * triggered by the stored count could land after the last image (it did, 1 run in ~10): the
     * receive folder is watched instead, and an attempt whose kill came after the whole series
     * is tried again; every attempt must leave the archive intact.
     */
    @Test
    void senderKilledMidAssociationLeavesNoPartialFile(@TempDir Path tmp) throws Exception {
        List<Path> mr = TestData.mrPhantom();
        String study = HeaderReader.read(mr.get(0)).studyInstanceUid();
        boolean cutOff = false;
        for (int attempt = 0; attempt < 5 && !cutOff; attempt++) {
            Path home = tmp.resolve("home" + attempt);
            Recorder recorder = new Recorder();
            try (LocalArchive archive = LocalArchive.open(home);
                 StoreScp scp = StoreScp.start(SETTINGS, archive, recorder)) {
                Process sender = Dcmtk.start("storescu", storescu(scp.port(), List.of(), mr));
                while (sender.isAlive() && receivedFiles(archive.incomingDirectory()) < 5) {
                    Thread.sleep(1);
                }
                sender.destroyForcibly();
                sender.waitFor();
                scp.close();
                assertThat(ArchiveChecks.studyFiles(archive, study)).hasSize(recorder.stored.size());
                ArchiveChecks.assertIntact(archive);
                cutOff = recorder.stored.size() < mr.size();
            }
        }
        assertThat(cutOff).as("storescu was killed before the end of the series in one of 5 attempts").isTrue();
    }

    /** Complete images in the listener's receive folders. */
    private static long receivedFiles(Path incoming) throws java.io.IOException {
        if (!Files.isDirectory(incoming)) {
            return 0;
        }
        try (var files = Files.walk(incoming)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".dcm")).count();
        } catch (java.io.UncheckedIOException e) {
            return 0; // a file was moved into the archive while the folder was listed
        }
    }

    @Test
    void decodableSyntaxesAreStoredAsReceivedAndOthersRefused(@TempDir Path home) throws Exception {
        Recorder recorder = new Recorder();
        Path jpegLossless = TestData.corpus("transfer-syntaxes").resolve("1.2.840.10008.1.2.4.70.dcm");
        Path jpeg2000 = TestData.corpus("transfer-syntaxes").resolve("1.2.840.10008.1.2.4.90.dcm");
        try (LocalArchive archive = LocalArchive.open(home);
             StoreScp scp = StoreScp.start(SETTINGS, archive, recorder)) {
            Command.Result ok = Dcmtk.run("storescu", storescu(scp.port(), List.of("-xs"), List.of(jpegLossless)));
            assertThat(ok.exit()).as(ok.output()).isZero();
            recorder.awaitStored(1);
            ImageHeader h = HeaderReader.read(jpegLossless);
            Path stored = ArchiveChecks.studyFiles(archive, h.studyInstanceUid()).get(h.sopInstanceUid());
            assertThat(HeaderReader.read(stored).transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.70");
            assertThat(dataSet(stored)).isEqualTo(dataSet(jpegLossless));
            // the header is read from the first fragments as received: deflated, big endian and RLE too
            for (var proposal : Map.of("-xd", "1.2.840.10008.1.2.1.99", "-xb", "1.2.840.10008.1.2.2",
                    "-xr", "1.2.840.10008.1.2.5").entrySet()) {
                Path file = TestData.corpus("transfer-syntaxes").resolve(proposal.getValue() + ".dcm");
                int before = recorder.stored.size();
                Command.Result sent = Dcmtk.run("storescu", storescu(scp.port(), List.of(proposal.getKey()), List.of(file)));
                assertThat(sent.exit()).as(sent.output()).isZero();
                ImageHeader fh = HeaderReader.read(file);
                recorder.awaitStored(before + 1);
                Path kept = ArchiveChecks.studyFiles(archive, fh.studyInstanceUid()).get(fh.sopInstanceUid());
                assertThat(kept).as(proposal.getValue()).isNotNull();
                assertThat(HeaderReader.read(kept).transferSyntaxUid()).isEqualTo(proposal.getValue());
            }

            Command.Result refused = Dcmtk.run("storescu", storescu(scp.port(), List.of("-R", "-xv"), List.of(jpeg2000)));
            // storescu falls back to the uncompressed context, the only one accepted, and cannot decompress JPEG 2000
            assertThat(refused.output()).contains("Store Failed").contains("unable to convert");
            scp.close();
            assertThat(archive.containsInstance(HeaderReader.read(jpeg2000).sopInstanceUid())).isFalse();
            assertThat(recorder.stored).hasSize(4);
        }
    }

    /**
     * Objects the viewer could not show get Cannot Understand (0xC000), each with its reason told
     * to the listener, and the association goes on: DCMTK sends these as they are, re-encoded from
     * what it parsed, so the damage is in values (a missing UID, a size the pixels do not fill, a
     * number that is not one), not in the encoding.
     */
    @Test
    void anImageThatCannotBeStoredIsRefusedWithAFailureStatusAndTheOthersAreStored(@TempDir Path home)
            throws Exception {
        Recorder recorder = new Recorder();
        List<Path> mr = TestData.mrPhantom();
        Path noStudy = damaged(mr.get(0), home.resolve("no-study.dcm"), "-e", "(0020,000d)");
        Path rows = damaged(mr.get(2), home.resolve("rows.dcm"), "-m", "(0028,0010)=65535");
        Path frames = damaged(mr.get(3), home.resolve("frames.dcm"), "-i", "(0028,0008)=1000");
        Path intercept = damaged(mr.get(4), home.resolve("intercept.dcm"), "-i", "(0028,1052)=abc");
        try (LocalArchive archive = LocalArchive.open(home.resolve("home"));
             StoreScp scp = StoreScp.start(SETTINGS, archive, recorder)) {
            Command.Result push = Dcmtk.run("storescu", storescu(scp.port(), List.of("-v", "-nh"),
                    List.of(noStudy, rows, mr.get(1), frames, intercept)));
            assertThat(push.output().split("Received Store Response \\(Error: CannotUnderstand\\)", -1)).hasSize(5);
            assertThat(push.output()).contains("Received Store Response (Success)");
            scp.close();
            assertThat(recorder.failed).hasSize(4);
            assertThat(recorder.failed.get(0)).contains("no Study Instance UID");
            assertThat(recorder.failed.get(1)).contains("Pixel Data holds 32,768 bytes").contains("65535");
            assertThat(recorder.failed.get(2)).contains("1000 frame(s)");
            assertThat(recorder.failed.get(3)).contains("Rescale Intercept \"abc\" is not a number");
            assertThat(recorder.stored).singleElement()
                    .satisfies(h -> assertThat(h.sopInstanceUid()).isEqualTo(HeaderReader.read(mr.get(1)).sopInstanceUid()));
            ArchiveChecks.assertIntact(archive);
        }
    }

    /** A copy of {@code source} changed by dcmodify with {@code edit}. */
    static Path damaged(Path source, Path copy, String... edit) throws Exception {
        Files.copy(source, copy);
        List<String> args = new ArrayList<>(List.of("-nb"));
        args.addAll(List.of(edit));
        args.add(copy.toString());
        Command.Result r = Dcmtk.run("dcmodify", args);
        assertThat(r.exit()).as(r.output()).isZero();
        return copy;
    }

    @Test
    void anImageWhoseHeaderIsLongerThanItsFirstFragmentIsStoredWithItsWholeHeader(@TempDir Path home)
            throws Exception {
        // the listener reads a header from the first fragments it received (one 128 KB PDU here);
        // 300 KB of text (a UT) before the pixels push it past them, so it must read this one from the file
        Recorder recorder = new Recorder();
        List<Path> mr = TestData.mrPhantom();
        Path longHeader = Files.copy(mr.get(0), home.resolve("long-header.dcm"));
        Path comments = Files.writeString(home.resolve("comments.txt"), "x".repeat(300_000));
        Command.Result edit = Dcmtk.run("dcmodify", List.of("-nb", "-if", "(0040,a160)=" + comments, longHeader.toString()));
        assertThat(edit.exit()).as(edit.output()).isZero();
        try (LocalArchive archive = LocalArchive.open(home.resolve("home"));
             StoreScp scp = StoreScp.start(SETTINGS, archive, recorder)) {
            Command.Result push = Dcmtk.run("storescu", storescu(scp.port(), List.of(), List.of(longHeader, mr.get(1))));
            assertThat(push.exit()).as(push.output()).isZero();
            recorder.awaitStored(2);
            assertThat(recorder.failed).isEmpty();
            ImageHeader sent = HeaderReader.read(longHeader);
            var archived = ArchiveChecks.studyFiles(archive, sent.studyInstanceUid());
            assertThat(archived).containsKeys(sent.sopInstanceUid(), HeaderReader.read(mr.get(1)).sopInstanceUid());
            ImageHeader stored = HeaderReader.read(archived.get(sent.sopInstanceUid()));
            assertThat(stored.seriesInstanceUid()).isEqualTo(sent.seriesInstanceUid());
            assertThat(stored.instanceNumber()).isEqualTo(sent.instanceNumber());
            assertThat(dataSet(archived.get(sent.sopInstanceUid()))).isEqualTo(dataSet(longHeader));
            ArchiveChecks.assertIntact(archive);
        }
    }

    @Test
    void imagesAcknowledgedBeforeACrashAreInTheArchiveAfterTheNextStart(@TempDir Path home) throws Exception {
        List<Path> mr = TestData.mrPhantom();
        Path log = home.resolve("listener.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ListenThenHalt.class.getName(),
                home.resolve("home").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = awaitPort(child, log);
            Command.Result push = Dcmtk.run("storescu", storescu(port, List.of("-v"), mr));
            assertThat(push.exit()).as(push.output()).isZero();
            assertThat(push.output().split("Received Store Response \\(Success\\)", -1)).hasSize(129);
            child.getOutputStream().write("halt\n".getBytes());
            child.getOutputStream().flush();
            assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(9);
        } finally {
            child.destroyForcibly();
        }
        Path incoming = home.resolve("home").resolve("incoming");
        assertThat(TestData.dicomFiles(incoming)).as("acknowledged, not yet indexed").hasSize(128);

        try (LocalArchive archive = LocalArchive.open(home.resolve("home"))) {
            String study = HeaderReader.read(mr.get(0)).studyInstanceUid();
            var archived = ArchiveChecks.studyFiles(archive, study);
            assertThat(archived.keySet()).containsExactlyInAnyOrderElementsOf(OrthancSops.of(mr));
            ArchiveChecks.assertSamePixels(mr, archived);
            ArchiveChecks.assertIntact(archive);
            assertThat(incoming).isEmptyDirectory();
        }
    }

    /** The port a child listener prints once it listens. */
    private static int awaitPort(Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith("port=")) {
                        return Integer.parseInt(line.substring("port=".length()));
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child listener did not start: " + (Files.exists(log) ? Files.readString(log) : ""));
    }

    /** The bytes after the file meta information: what went over the wire. */
    static byte[] dataSet(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        assertThat(new String(all, 128, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DICM");
        int groupLength = ByteBuffer.wrap(all, 132 + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int start = 132 + 12 + groupLength;
        return Arrays.copyOfRange(all, start, all.length);
    }
}
