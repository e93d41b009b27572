package org.fovea.dicom.archive;

import org.fovea.dicom.CancelToken;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LocalArchiveTest {

    static final Path CORPUS = Path.of(System.getProperty("fovea.shared", "../../shared"), "testdata", "dicom");
    static final Path TRANSFER_SYNTAXES = CORPUS.resolve("transfer-syntaxes");
    static final Path CHARSETS = CORPUS.resolve("charsets");
    static final Path LENA = CORPUS.resolve("series-lena");
    static final Path MR = CORPUS.resolve("series-mr-phantom-128");
    private static final String MR_FIRST = firstFile(MR);

    /** Corpus files whose transfer syntax the decoder does not handle today. */
    static final Map<String, String> REFUSED = Map.of(
            "1.2.840.10008.1.2.4.51.dcm", "JPEG Extended",
            "1.2.840.10008.1.2.4.80.dcm", "JPEG-LS Lossless",
            "1.2.840.10008.1.2.4.81.dcm", "JPEG-LS Near-Lossless",
            "1.2.840.10008.1.2.4.90.dcm", "JPEG 2000 Lossless",
            "1.2.840.10008.1.2.4.91.dcm", "JPEG 2000 (1.2.840.10008.1.2.4.91)",
            "ISO_IR13.dcm", "JPEG 2000 Lossless");

    @TempDir
    Path home;
    LocalArchive archive;

    @BeforeEach
    void open() {
        archive = LocalArchive.open(home);
    }

    @AfterEach
    void close() {
        archive.close();
    }

    private static String firstFile(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dcm")).sorted().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ImportReport importAll(Path... paths) {
        return archive.importPaths(List.of(paths), ImportListener.none(), CancelToken.none());
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** Every file under the archive directory with its SHA-256. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> s = Files.walk(archive.archiveDirectory())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                hashes.put(archive.archiveDirectory().relativize(p).toString(), StagedFile.sha256(p));
            }
        }
        return hashes;
    }

    @Test
    void importsTheCorpusRefusingUndecodableTransferSyntaxesByName() throws IOException {
        long total = count(CORPUS) - 1; // SOURCES.md is outside the imported folders

        List<int[]> progress = new ArrayList<>();
        ImportReport report = archive.importPaths(List.of(TRANSFER_SYNTAXES, CHARSETS, LENA, MR),
                (done, all, current) -> progress.add(new int[] {done, all}), CancelToken.none());

        assertThat(report.cancelled()).isFalse();
        List<ImportFailure> refused = report.failures().stream()
                .filter(f -> !f.file().getFileName().toString().equals("LICENSE")).toList();
        assertThat(refused).extracting(f -> f.file().getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(REFUSED.keySet());
        for (ImportFailure f : refused) {
            assertThat(f.reason()).contains(REFUSED.get(f.file().getFileName().toString())).contains("not supported");
            assertThat(f.message()).contains(f.file().getFileName().toString());
        }
        // the MR folder carries its licence text, which is not DICOM
        assertThat(report.failures()).filteredOn(f -> f.file().getFileName().toString().equals("LICENSE"))
                .singleElement().satisfies(f -> assertThat(f.reason()).startsWith("not a DICOM file"));
        assertThat(report.imported()).isEqualTo(total - REFUSED.size() - 1);
        assertThat(report.duplicates()).isZero();
        assertThat(progress).allSatisfy(p -> assertThat(p[1]).isEqualTo((int) total));
        assertThat(progress.get(progress.size() - 1)[0]).isEqualTo((int) total);

        assertThat(count(archive.archiveDirectory())).isEqualTo(total - REFUSED.size() - 1);
        assertThat(archive.verify(CancelToken.none())).isEmpty();
        // the file without a meta header is stored with the encoding PixelMed detected
        assertThat(archive.findStudies(StudyQuery.all()).stream()
                .filter(s -> s.studyDate() != null && s.studyDate().equals(LocalDate.of(1994, 6, 13)))).hasSize(1);
    }

    @Test
    void reimportCountsDuplicatesAndChangesNothing() throws IOException {
        ImportReport first = importAll(LENA, MR);
        assertThat(first.imported()).isEqualTo(133);
        Map<String, String> before = snapshot();

        ImportReport again = importAll(LENA, MR);

        assertThat(again.imported()).isZero();
        assertThat(again.duplicates()).isEqualTo(133);
        assertThat(again.failures()).extracting(f -> f.file().getFileName().toString()).containsExactly("LICENSE");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void storesFilesByteForByteUnderTheUidLayout() throws IOException {
        importAll(LENA);
        StudySummary study = archive.findStudies(StudyQuery.all()).get(0);
        SeriesSummary series = archive.series(study.studyUid()).get(0);
        List<InstanceEntry> instances = archive.instances(series.seriesUid());

        assertThat(instances).hasSize(5);
        for (InstanceEntry e : instances) {
            assertThat(e.file()).isEqualTo(archive.archiveDirectory().resolve(study.studyUid())
                    .resolve(series.seriesUid()).resolve(e.sopInstanceUid() + ".dcm"));
            Path source = LENA.resolve("Lena-" + e.instanceNumber() + ".dcm");
            assertThat(Files.readAllBytes(e.file())).isEqualTo(Files.readAllBytes(source));
        }
        assertThat(instances).extracting(InstanceEntry::instanceNumber).containsExactly(1, 2, 3, 4, 5);
        assertThat(instances).noneMatch(InstanceEntry::geometric);
    }

    @Test
    void listsGarbageAndEmptyFilesWithReasonsAndImportsTheRest(@TempDir Path in) throws IOException {
        Files.write(in.resolve("empty.dcm"), new byte[0]);
        Files.writeString(in.resolve("notes.txt"), "this is a radiology report, not an image\n".repeat(20));
        Files.copy(LENA.resolve("Lena-1.dcm"), in.resolve("good.dcm"));

        ImportReport report = importAll(in, in.resolve("missing.dcm"));

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.failures()).extracting(f -> f.file().getFileName().toString())
                .containsExactlyInAnyOrder("empty.dcm", "notes.txt", "missing.dcm");
        Map<String, String> reasons = new TreeMap<>();
        report.failures().forEach(f -> reasons.put(f.file().getFileName().toString(), f.reason()));
        assertThat(reasons.get("empty.dcm")).isEqualTo("the file is empty");
        assertThat(reasons.get("notes.txt")).startsWith("not a");
        assertThat(reasons.get("missing.dcm")).isEqualTo("no such file or folder");
    }

    @Test
    void findsChinesePatientsByAnyGroupOfTheirNameIgnoringCase() {
        importAll(CHARSETS);

        for (String text : List.of("张", "张伟", "ZHANG", "zhang", "Zhang Wei", "zhang^wei", "zhangwei")) {
            List<StudySummary> found = archive.findStudies(StudyQuery.byName(text));
            assertThat(found).as(text).hasSize(3)
                    .allSatisfy(s -> assertThat(s.patientName()).isEqualTo("张伟^=ZHANG^WEI"));
            assertThat(found).extracting(StudySummary::description).containsOnly("胸部CT平扫");
        }
        assertThat(archive.findStudies(StudyQuery.byName("李"))).isEmpty();
        assertThat(archive.findStudies(StudyQuery.byName("%"))).isEmpty();
        // Clunie's two Japanese files differ only in the alphabetic group (romaji vs. katakana)
        assertThat(archive.findStudies(StudyQuery.byName("yamada"))).extracting(StudySummary::patientName)
                .containsExactly("Yamada^Tarou=山田^太郎=やまだ^たろう");
        for (String text : List.of("山田太郎", "やまだ")) {
            assertThat(archive.findStudies(StudyQuery.byName(text))).as(text).extracting(StudySummary::patientId)
                    .containsExactlyInAnyOrder("H31EXAMPLE", "H32EXAMPLE");
        }
    }

    @Test
    void filtersByStudyDateRangeInclusivelyAndByModality() {
        importAll(TRANSFER_SYNTAXES, MR);

        List<StudySummary> nineties = archive.findStudies(
                new StudyQuery(null, null, null, null, LocalDate.of(1995, 5, 1), LocalDate.of(2000, 3, 29)));
        assertThat(nineties).extracting(StudySummary::studyDate).containsExactly(
                LocalDate.of(2000, 3, 29), LocalDate.of(1999, 5, 24), LocalDate.of(1997, 4, 24),
                LocalDate.of(1995, 5, 1));

        List<StudySummary> recent = archive.findStudies(
                new StudyQuery(null, null, null, "MR", LocalDate.of(2020, 1, 1), null));
        assertThat(recent).singleElement().satisfies(s -> {
            assertThat(s.modalities()).isEqualTo("MR");
            assertThat(s.instanceCount()).isEqualTo(128);
            assertThat(s.seriesCount()).isEqualTo(1);
        });
        assertThat(archive.findStudies(new StudyQuery(null, null, null, "CT", LocalDate.of(2020, 1, 1), null)))
                .isEmpty();
    }

    @Test
    void sortsSlicesAlongTheirNormal() {
        importAll(MR);
        SeriesSummary series = archive.series(archive.findStudies(StudyQuery.all()).get(0).studyUid()).get(0);

        List<InstanceEntry> slices = archive.instances(series.seriesUid());

        assertThat(slices).hasSize(128).allMatch(InstanceEntry::geometric).allMatch(e -> Files.isRegularFile(e.file()));
        double step = slices.get(1).sortKey() - slices.get(0).sortKey();
        assertThat(Math.abs(step)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        for (int i = 1; i < slices.size(); i++) {
            assertThat(slices.get(i).sortKey() - slices.get(i - 1).sortKey())
                    .isCloseTo(step, org.assertj.core.data.Offset.offset(1e-3));
        }
        Integer first = slices.get(0).instanceNumber();
        Integer last = slices.get(slices.size() - 1).instanceNumber();
        assertThat(first).isLessThan(last);
    }

    @Test
    void cancelStopsAtOnceKeepingWhatWasHandledAndALaterImportFinishesTheJob() {
        CancelToken cancel = new CancelToken();
        ImportReport part = archive.importPaths(List.of(MR), (done, total, current) -> {
            if (done == 10) {
                cancel.cancel();
            }
        }, cancel);

        assertThat(part.cancelled()).isTrue();
        assertThat(part.imported() + part.failures().size()).as("files handled before the cancel").isEqualTo(10);
        assertThat(archive.findStudies(StudyQuery.all()).get(0).instanceCount()).isEqualTo(part.imported());

        ImportReport rest = importAll(MR);
        assertThat(rest.cancelled()).isFalse();
        assertThat(rest.duplicates()).isEqualTo(part.imported());
        assertThat(rest.imported()).isEqualTo(128 - part.imported());
    }

    @Test
    void reimportRepairsWhatACrashLeftBehind() throws Exception {
        Path source = LENA.resolve("Lena-2.dcm");
        importAll(LENA.resolve("Lena-1.dcm"));
        InstanceEntry stored = archive.instances(archive.series(
                archive.findStudies(StudyQuery.all()).get(0).studyUid()).get(0).seriesUid()).get(0);
        Path seriesDir = stored.file().getParent();
        String sop = org.fovea.dicom.HeaderReader.read(source).sopInstanceUid();
        // a crash after the rename but before the commit leaves a file without a row; a crash
        // while copying leaves a temp file; make the orphan truncated to see it replaced
        Path orphan = seriesDir.resolve(sop + ".dcm");
        byte[] bytes = Files.readAllBytes(source);
        Files.write(orphan, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path staging = home.resolve("staging");
        Path oldTemp = staging.resolve(sop + ".crashed" + LocalArchive.TEMP_SUFFIX);
        Files.write(oldTemp, java.util.Arrays.copyOf(bytes, 100));
        Files.setLastModifiedTime(oldTemp, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        Path freshTemp = staging.resolve(sop + ".running" + LocalArchive.TEMP_SUFFIX);
        Files.write(freshTemp, java.util.Arrays.copyOf(bytes, 100));

        assertThat(archive.containsInstance(sop)).isFalse();
        assertThat(archive.verify(CancelToken.none())).isEmpty();

        ImportReport report = importAll(source);

        assertThat(report.imported()).isEqualTo(1);
        assertThat(Files.readAllBytes(orphan)).isEqualTo(bytes);
        assertThat(archive.verify(CancelToken.none())).isEmpty();

        archive.close();
        archive = LocalArchive.open(home);
        assertThat(oldTemp).doesNotExist();
        assertThat(freshTemp).as("may belong to an import still running elsewhere").exists();
        assertThat(archive.instances(stored.file().getParent().getFileName().toString())).hasSize(2);
    }

    @Test
    void verifyReportsStoredFilesThatWereDamagedOrRemoved() throws IOException {
        importAll(LENA);
        List<InstanceEntry> files = archive.instances(
                archive.series(archive.findStudies(StudyQuery.all()).get(0).studyUid()).get(0).seriesUid());
        byte[] bytes = Files.readAllBytes(files.get(0).file());
        bytes[bytes.length - 1] ^= 1;
        Files.write(files.get(0).file(), bytes);
        Files.delete(files.get(1).file());

        assertThat(archive.verify(CancelToken.none())).containsExactlyInAnyOrder(
                files.get(0).file() + ": the stored file's content changed since it was imported",
                files.get(1).file() + ": the stored file is missing");
    }

    @Test
    void aFailingImportLeavesEverythingStoredAsItWas(@TempDir Path in) throws IOException {
        importAll(LENA, CHARSETS);
        Map<String, String> before = snapshot();
        List<StudySummary> studiesBefore = archive.findStudies(StudyQuery.all());
        // same SOP Instance UID as a stored file but different bytes: must not replace it
        byte[] lena = Files.readAllBytes(LENA.resolve("Lena-3.dcm"));
        lena[lena.length - 10] ^= 0x55;
        Files.write(in.resolve("altered-copy.dcm"), lena);
        Files.write(in.resolve("empty.dcm"), new byte[0]);
        Files.write(in.resolve("garbage.dcm"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Files.copy(TRANSFER_SYNTAXES.resolve("1.2.840.10008.1.2.4.80.dcm"), in.resolve("jpegls.dcm"));

        ImportReport report = importAll(in);

        assertThat(report.imported()).isZero();
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.failures()).hasSize(3);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(archive.findStudies(StudyQuery.all())).isEqualTo(studiesBefore);
    }

    @Test
    void answersPatientAndStudyLookups() {
        importAll(CHARSETS, MR);

        List<PatientSummary> patients = archive.patients();
        assertThat(patients).filteredOn(p -> p.patientName().equals("张伟^=ZHANG^WEI")).hasSize(3);
        StudySummary mr = archive.findStudies(new StudyQuery(null, null, null, "MR", null, null)).get(0);
        assertThat(archive.study(mr.studyUid())).contains(mr);
        assertThat(archive.study("1.2.3.4.5.6")).isEmpty();
        assertThat(archive.studiesOfPatient(mr.patientId())).contains(mr);
        assertThat(archive.studiesOfPatient("")).isEmpty();
        assertThat(archive.series(mr.studyUid())).singleElement()
                .satisfies(s -> assertThat(s.instanceCount()).isEqualTo(128));
    }

    @Test
    void aSecondProcessCanImportWhileTheArchiveIsOpenHere() throws Exception {
        importAll(LENA);
        Command.Result child = Command.java(List.of(), SecondProcessImport.class.getName(), home.toString(), MR.toString())
                .mergeStderr().run();
        assertThat(child.exit()).as(child.output()).isZero();
        assertThat(child.output()).contains("imported=128 studies=2");

        assertThat(archive.findStudies(StudyQuery.all())).hasSize(2);
        assertThat(archive.verify(CancelToken.none())).isEmpty();
    }

    /**
     * An import killed after 110 files, while its first batch of 100 commits or just after: what
     * is indexed is that batch or nothing, whole; nothing checked and copied after it has a row;
     * and importing again stores exactly the rest.
     */
    @Test
    void anImportKilledMidwayLeavesOnlyWholeIndexedFilesAndTheNextImportStoresTheRest() throws Exception {
        archive.close();
        Command.Result child = Command.java(List.of(), ImportThenHalt.class.getName(), home.toString(), MR.toString(), "110")
                .mergeStderr().run();
        assertThat(child.exit()).as(child.output()).isEqualTo(9);
        archive = LocalArchive.open(home);

        int indexed = archive.findStudies(StudyQuery.all()).stream().mapToInt(StudySummary::instanceCount).sum();
        assertThat(indexed).as("the first batch or nothing").isIn(0, FileImport.BATCH);
        assertThat(archive.verify(CancelToken.none())).isEmpty();

        ImportReport rest = importAll(MR);
        assertThat(rest.failures()).extracting(f -> f.file().getFileName().toString()).containsExactly("LICENSE");
        assertThat(rest.imported()).isEqualTo(128 - indexed);
        assertThat(rest.duplicates()).isEqualTo(indexed);
        assertThat(archive.verify(CancelToken.none())).isEmpty();
        assertThat(count(archive.archiveDirectory())).isEqualTo(128);
    }

    @Test
    void aCrashDuringABatchedReceiveLosesNoCommitAndTheNextStartStoresTheReceivedRest() throws Exception {
        archive.close();
        Command.Result child = Command.java(List.of(), BatchedReceiveThenHalt.class.getName(), home.toString(), MR.toString())
                .mergeStderr().run();
        assertThat(child.exit()).as(child.output()).isEqualTo(9);
        assertThat(child.output()).contains("flushed=40");
        Path receiveFolder = home.resolve("incoming").resolve("get-test");
        try (Stream<Path> left = Files.list(receiveFolder)) {
            assertThat(left.filter(p -> p.toString().endsWith(".dcm")).count()).as("received, not yet flushed")
                    .isEqualTo(10);
        }
        archive = LocalArchive.open(home);

        // the halt came a few ms after the second flush returned: its commit must have survived,
        // and opening the archive stored the 10 files the receive folder still held
        String series = archive.findStudies(StudyQuery.all()).get(0).studyUid();
        assertThat(archive.series(series).get(0).instanceCount()).isEqualTo(50);
        assertThat(archive.verify(CancelToken.none())).isEmpty();
        assertThat(receiveFolder).doesNotExist();

        ImportReport rest = importAll(MR);
        assertThat(rest.imported()).isEqualTo(78);
        assertThat(rest.duplicates()).isEqualTo(50);
        assertThat(archive.verify(CancelToken.none())).isEmpty();
    }

    @Test
    void whatCannotBeRecoveredFromAReceiveFolderIsSetAsideNotDeleted() throws Exception {
        archive.close();
        Path left = Files.createDirectories(home.resolve("incoming").resolve("push-crashed"));
        Path image = MR.resolve(MR_FIRST);
        Files.copy(image, left.resolve("a.dcm"));
        Files.writeString(left.resolve("b.dcm"), "not DICOM");
        Files.write(left.resolve("c.part"), Arrays.copyOf(Files.readAllBytes(image), 1000));

        archive = LocalArchive.open(home);

        assertThat(archive.findStudies(StudyQuery.all())).hasSize(1);
        assertThat(left).doesNotExist();
        Path aside = home.resolve("incoming").resolve("set-aside");
        try (Stream<Path> s = Files.list(aside)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("push-crashed-b.dcm", "push-crashed-c.part");
        }
        assertThat(Files.readString(aside.resolve("push-crashed-b.dcm"))).isEqualTo("not DICOM");
    }

    @Test
    void afterTheComputerStoppedAReceivedFileIsStoredOnlyIfItsBytesMatchTheirChecksum() throws Exception {
        // files acknowledged before they were flushed: one written out whole, one whose end the
        // computer never wrote (cut short on disk), both from before this machine started
        archive.close();
        Path left = Files.createDirectories(home.resolve("incoming").resolve("push-stopped"));
        List<Path> mr;
        try (Stream<Path> s = Files.list(MR)) {
            mr = s.filter(p -> p.toString().endsWith(".dcm")).sorted().limit(2).toList();
        }
        byte[] whole = Files.readAllBytes(mr.get(0));
        Path intact = Files.write(ReceiveFolder.completedName(left.resolve("a.part"), crc32c(whole)), whole);
        byte[] sent = Files.readAllBytes(mr.get(1));
        Path cut = Files.write(ReceiveFolder.completedName(left.resolve("b.part"), crc32c(sent)),
                Arrays.copyOf(sent, sent.length / 2));
        FileTime lastYear = FileTime.from(Instant.now().minus(365, ChronoUnit.DAYS));
        Files.setLastModifiedTime(intact, lastYear);
        Files.setLastModifiedTime(cut, lastYear);

        archive = LocalArchive.open(home);

        var studies = archive.findStudies(StudyQuery.all());
        assertThat(studies).hasSize(1);
        assertThat(archive.series(studies.get(0).studyUid()).get(0).instanceCount()).isEqualTo(1);
        assertThat(archive.verify(CancelToken.none())).isEmpty();
        Path aside = home.resolve("incoming").resolve("set-aside").resolve("push-stopped-" + cut.getFileName());
        assertThat(aside).exists();
        assertThat(Files.size(aside)).isEqualTo(sent.length / 2);
    }

    private static int crc32c(byte[] bytes) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
