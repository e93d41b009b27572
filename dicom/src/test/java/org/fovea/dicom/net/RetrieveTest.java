package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.HeaderReader;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.net.peers.Dcmtk;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** C-GET and C-MOVE from a real Orthanc into a fresh archive: counts, UIDs and pixels. */
class RetrieveTest {

    @TempDir
    static Path dir;
    static OrthancPeer pacs;
    static int fovealPort;
    static NetworkSettings settings;
    static List<Path> demo;
    static Map<String, List<Path>> originalsByStudy = new HashMap<>();

    @BeforeAll
    static void startPacs() throws Exception {
        fovealPort = OrthancPeer.freePort();
        pacs = OrthancPeer.start(dir.resolve("orthanc"), List.of(new OrthancPeer.Modality("FOVEA", "127.0.0.1", fovealPort)));
        demo = TestData.demo(DemoSize.SMALL, dir);
        List<Path> all = new ArrayList<>(TestData.mrPhantom());
        all.addAll(demo);
        assertThat(pacs.upload(all)).isEqualTo(all.size());
        for (Path f : all) {
            originalsByStudy.computeIfAbsent(HeaderReader.read(f).studyInstanceUid(), k -> new ArrayList<>()).add(f);
        }
        settings = NetworkSettings.defaults().withLocal("FOVEA", fovealPort, true);
    }

    @AfterAll
    static void stopPacs() {
        pacs.close();
    }

    private static DicomNode node(RetrieveMethod method) {
        return DicomNode.parse(pacs.address()).withRetrieveMethod(method);
    }

    private static String studyOf(String accessionOrModality) throws Exception {
        Map<String, String> keys = accessionOrModality.startsWith("FV")
                ? Map.of("AccessionNumber", accessionOrModality) : Map.of("ModalitiesInStudy", accessionOrModality);
        return new DicomClient(settings).find(node(RetrieveMethod.C_GET), QueryLevel.STUDY, keys, CancelToken.none())
                .get(0).get("StudyInstanceUID");
    }

    /**
     * The 128-image MR phantom's study, by its own header: the PACS holds more MR studies once a
     * test has added its own (the long-header image).
     */
    private static String mrStudy() throws Exception {
        return HeaderReader.read(TestData.mrPhantom().get(0)).studyInstanceUid();
    }

    private static List<String> orthancSops(String study) throws Exception {
        return new DicomClient(settings).find(node(RetrieveMethod.C_GET), QueryLevel.IMAGE,
                Map.of("StudyInstanceUID", study), CancelToken.none()).stream().map(r -> r.get("SOPInstanceUID")).toList();
    }

    @Test
    void cGetStudyBringsEveryImageWithItsPixelsAndNothingTwice(@TempDir Path home) throws Exception {
        String study = studyOf("FVDEMO0001");
        // the demo's current CT: 60 axial slices and the scout
        int images = org.fovea.dicom.demo.DemoSize.SMALL.current().slices() + 1;
        try (LocalArchive archive = LocalArchive.open(home)) {
            AtomicInteger lastDone = new AtomicInteger();
            RetrieveReport r = new DicomClient(settings).retrieve(node(RetrieveMethod.C_GET), RetrieveRequest.study(study),
                    archive, (done, total, current) -> lastDone.set(done), CancelToken.none());
            assertThat(r.failures()).isEmpty();
            assertThat(r.expected()).isEqualTo(images);
            assertThat(r.received()).isEqualTo(images);
            assertThat(r.complete()).isTrue();
            assertThat(lastDone.get()).isEqualTo(images);
            Map<String, Path> archived = ArchiveChecks.studyFiles(archive, study);
            assertThat(archived.keySet()).containsExactlyInAnyOrderElementsOf(orthancSops(study));
            ArchiveChecks.assertSamePixels(originalsByStudy.get(study), archived);
            ArchiveChecks.assertIntact(archive);

            RetrieveReport again = new DicomClient(settings).retrieve(node(RetrieveMethod.C_GET),
                    RetrieveRequest.study(study), archive, TransferListener.none(), CancelToken.none());
            assertThat(again.received()).isZero();
            assertThat(again.alreadyPresent()).isEqualTo(images);
            assertThat(again.complete()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(RetrieveMethod.class)
    void aRetrieveFetchesOnlyWhatTheArchiveLacks(RetrieveMethod method, @TempDir Path home) throws Exception {
        String study = mrStudy();
        List<Path> originals = originalsByStudy.get(study);
        try (LocalArchive archive = LocalArchive.open(home)) {
            for (Path f : originals.subList(0, 50)) {
                archive.importFile(f);
            }
            RetrieveReport r = new DicomClient(settings).retrieve(node(method), RetrieveRequest.study(study),
                    archive, TransferListener.none(), CancelToken.none());
            assertThat(r.expected()).isEqualTo(128);
            assertThat(r.alreadyPresent()).isEqualTo(50);
            assertThat(r.received()).isEqualTo(78);
            assertThat(r.complete()).isTrue();
            Map<String, Path> archived = ArchiveChecks.studyFiles(archive, study);
            assertThat(archived.keySet()).containsExactlyInAnyOrderElementsOf(orthancSops(study));
            ArchiveChecks.assertSamePixels(originals, archived);
            ArchiveChecks.assertIntact(archive);
        }
    }

    @Test
    void cGetOfSelectedSeriesBringsOnlyThoseSeries(@TempDir Path home) throws Exception {
        String study = studyOf("FVDEMO0002");
        String series = new DicomClient(settings).find(node(RetrieveMethod.C_GET), QueryLevel.SERIES,
                Map.of("StudyInstanceUID", study), CancelToken.none()).get(0).get("SeriesInstanceUID");
        try (LocalArchive archive = LocalArchive.open(home)) {
            RetrieveReport r = new DicomClient(settings).retrieve(node(RetrieveMethod.C_GET),
                    new RetrieveRequest(study, List.of(series)), archive, TransferListener.none(), CancelToken.none());
            assertThat(r.received()).isEqualTo(30);
            assertThat(archive.series(study)).extracting(s -> s.seriesUid()).containsExactly(series);
            assertThat(archive.study(studyOf("FVDEMO0001"))).isEmpty();
            ArchiveChecks.assertSamePixels(originalsByStudy.get(study), ArchiveChecks.studyFiles(archive, study));
        }
    }

    /**
     * A first C-MOVE lists no instances: the listener tells its images by the C-MOVE their C-STOREs
     * name. A modality pushing to the same listener meanwhile is not taken for the PACS: its images
     * are stored as a push, and the retrieve counts only its own.
     */
    @Test
    void aFirstCMoveTakesItsOwnImagesWhileAModalityPushesAnotherStudy(@TempDir Path home) throws Exception {
        String study = mrStudy();
        String pushedStudy = studyOf("FVDEMO0002");
        List<Path> pushed = originalsByStudy.get(pushedStudy);
        try (LocalArchive archive = LocalArchive.open(home);
             StoreScp scp = StoreScp.start(settings, archive, StoreScp.StoreListener.none())) {
            DicomClient client = new DicomClient(settings);
            client.useStoreScp(scp);
            List<String> args = new ArrayList<>(List.of("-aet", "CT_SCANNER", "-aec", "FOVEA", "127.0.0.1",
                    String.valueOf(scp.port())));
            pushed.forEach(f -> args.add(f.toString()));
            java.util.concurrent.CompletableFuture<Command.Result> push = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> Dcmtk.run("storescu", args));
            RetrieveReport r = client.retrieve(node(RetrieveMethod.C_MOVE), RetrieveRequest.study(study), archive,
                    TransferListener.none(), CancelToken.none());
            Command.Result sent = push.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(sent.exit()).as(sent.output()).isZero();
            assertThat(r.failures()).isEmpty();
            assertThat(r.expected()).isEqualTo(128);
            assertThat(r.received()).isEqualTo(128);
            ArchiveChecks.assertSamePixels(originalsByStudy.get(study), ArchiveChecks.studyFiles(archive, study));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (ArchiveChecks.studyFiles(archive, pushedStudy).size() < pushed.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            ArchiveChecks.assertSamePixels(pushed, ArchiveChecks.studyFiles(archive, pushedStudy));
        }
    }

    @Test
    void cMoveWithATemporaryListener(@TempDir Path home) throws Exception {
        String study = studyOf("FVDEMO0002");
        try (LocalArchive archive = LocalArchive.open(home)) {
            RetrieveReport r = new DicomClient(settings).retrieve(node(RetrieveMethod.C_MOVE), RetrieveRequest.study(study),
                    archive, TransferListener.none(), CancelToken.none());
            assertThat(r.failures()).isEmpty();
            assertThat(r.received()).isEqualTo(30);
            assertThat(r.complete()).isTrue();
            Map<String, Path> archived = ArchiveChecks.studyFiles(archive, study);
            assertThat(archived.keySet()).containsExactlyInAnyOrderElementsOf(orthancSops(study));
            ArchiveChecks.assertSamePixels(originalsByStudy.get(study), archived);
            ArchiveChecks.assertIntact(archive);
        }
    }

    @Test
    void cMoveThroughTheRunningListenerWhichAlsoTellsItsListener(@TempDir Path home) throws Exception {
        String study = mrStudy();
        List<String> storedByListener = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LocalArchive archive = LocalArchive.open(home);
             StoreScp scp = StoreScp.start(settings, archive, new StoreScp.StoreListener() {
                 @Override
                 public void stored(org.fovea.dicom.ImageHeader header) {
                     storedByListener.add(header.sopInstanceUid());
                 }

                 @Override
                 public void failed(String reason) {
                 }
             })) {
            DicomClient client = new DicomClient(settings);
            client.useStoreScp(scp);
            RetrieveReport r = client.retrieve(node(RetrieveMethod.C_MOVE), RetrieveRequest.study(study), archive,
                    TransferListener.none(), CancelToken.none());
            assertThat(r.received()).isEqualTo(128);
            assertThat(storedByListener).containsExactlyInAnyOrderElementsOf(orthancSops(study));
            ArchiveChecks.assertSamePixels(originalsByStudy.get(study), ArchiveChecks.studyFiles(archive, study));
            ArchiveChecks.assertIntact(archive);
        }
    }

    /**
     * A PACS may hold an object the viewer could not show (here Rows says 65535 for 128 rows of
     * pixels): the retrieve answers its C-STORE with Cannot Understand, names it among its
     * failures, stores the rest of the study and leaves nothing of it behind.
     */
    @ParameterizedTest
    @EnumSource(RetrieveMethod.class)
    void anObjectTheViewerCouldNotShowIsRefusedAndTheRestOfTheStudyStored(RetrieveMethod method, @TempDir Path home)
            throws Exception {
        String study = "1.2.826.0.1.3680043.9.7433.77." + method.ordinal();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            files.add(StoreScpTest.damaged(TestData.mrPhantom().get(i), home.resolve(i + ".dcm"), "-gin",
                    "-m", "(0020,000d)=" + study, "-m", "(0020,000e)=" + study + ".1"));
        }
        Command.Result edit = Dcmtk.run("dcmodify", List.of("-nb", "-m", "(0028,0010)=65535", files.get(1).toString()));
        assertThat(edit.exit()).as(edit.output()).isZero();
        assertThat(pacs.upload(files)).isEqualTo(3);
        String damaged = HeaderReader.read(files.get(1)).sopInstanceUid();
        try (LocalArchive archive = LocalArchive.open(home.resolve("home"));
             StoreScp scp = StoreScp.start(settings, archive, StoreScp.StoreListener.none())) {
            DicomClient client = new DicomClient(settings);
            client.useStoreScp(scp);
            RetrieveReport r = client.retrieve(node(method), RetrieveRequest.study(study), archive,
                    TransferListener.none(), CancelToken.none());
            assertThat(r.received()).isEqualTo(2);
            assertThat(r.failures()).anySatisfy(f -> assertThat(f).contains(damaged).contains("65535"));
            assertThat(ArchiveChecks.studyFiles(archive, study)).hasSize(2).doesNotContainKey(damaged);
            ArchiveChecks.assertIntact(archive);
            try (var left = Files.walk(archive.incomingDirectory())) {
                assertThat(left.filter(f -> f.toString().endsWith(".dcm"))).isEmpty();
            }
        }
    }

    /**
     * A retrieved header is read from the first fragments kept as they arrived; 300 KB of text (a
     * UT) before the pixels push it past them, so the archive must read this one from its file.
     */
    @ParameterizedTest
    @EnumSource(RetrieveMethod.class)
    void anImageWhoseHeaderRunsPastItsFirstFragmentsIsRetrievedWhole(RetrieveMethod method, @TempDir Path home)
            throws Exception {
        Path longHeader = Files.copy(TestData.mrPhantom().get(0), home.resolve("long-header.dcm"));
        Path comments = Files.writeString(home.resolve("comments.txt"), "x".repeat(300_000));
        // a study of its own (new study, series and instance UIDs), so the other tests' counts hold
        Command.Result edit = Dcmtk.run("dcmodify", List.of("-nb", "-gst", "-gse", "-gin",
                "-if", "(0040,a160)=" + comments, longHeader.toString()));
        assertThat(edit.exit()).as(edit.output()).isZero();
        assertThat(pacs.upload(List.of(longHeader))).isEqualTo(1);
        ImageHeader sent = HeaderReader.read(longHeader);
        try (LocalArchive archive = LocalArchive.open(home.resolve("home"));
             StoreScp scp = StoreScp.start(settings, archive, StoreScp.StoreListener.none())) {
            DicomClient client = new DicomClient(settings);
            client.useStoreScp(scp);
            RetrieveReport r = client.retrieve(node(method), RetrieveRequest.study(sent.studyInstanceUid()), archive,
                    TransferListener.none(), CancelToken.none());
            assertThat(r.failures()).isEmpty();
            assertThat(r.received()).isEqualTo(1);
            Path stored = ArchiveChecks.studyFiles(archive, sent.studyInstanceUid()).get(sent.sopInstanceUid());
            assertThat(HeaderReader.read(stored).seriesInstanceUid()).isEqualTo(sent.seriesInstanceUid());
            assertThat(StoreScpTest.dataSet(stored)).isEqualTo(StoreScpTest.dataSet(longHeader));
            ArchiveChecks.assertIntact(archive);
        }
    }

    @Test
    void cancelStopsTheRetrieveKeepingOnlyWholeImages(@TempDir Path home) throws Exception {
        String study = mrStudy();
        // the 128 small MR images (4 MB) arrive in ~0.1 s on loopback and can all be in before the
        // ingest reports the 5th stored; then the cancel comes after the transfer and proves
        // nothing: try again
        for (int attempt = 1; attempt <= 10; attempt++) {
            CancelToken cancel = new CancelToken();
            try (LocalArchive archive = LocalArchive.open(home.resolve("attempt-" + attempt))) {
                RetrieveReport r = new DicomClient(settings).retrieve(node(RetrieveMethod.C_GET),
                        RetrieveRequest.study(study), archive, (done, total, current) -> {
                            if (done == 5) {
                                cancel.cancel();
                            }
                        }, cancel);
                assertThat(ArchiveChecks.studyFiles(archive, study)).hasSize(r.received());
                ArchiveChecks.assertIntact(archive);
                if (r.received() < 128) {
                    assertThat(r.cancelled()).isTrue();
                    assertThat(r.complete()).isFalse();
                    assertThat(r.received()).isGreaterThanOrEqualTo(5);
                    return;
                }
            }
        }
        throw new AssertionError("in 10 attempts the retrieve always finished before the cancel took effect");
    }
}
