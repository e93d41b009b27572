package org.fovea.app.cli;

import org.fovea.dicom.HeaderReader;
import org.fovea.dicom.Uids;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.registration.Registrations;
import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fovea upload}: a technician uploads a folder into a checked-in exam. The patient's images
 * of the exam's accession, and one without an accession, are stored in the local archive (that one
 * carrying the exam's accession now); another patient's, another accession's and a text file are
 * refused with their reasons, are not in the archive, and the exit code says so. The user's files
 * are unchanged and the exam stays checked in.
 */
class UploadCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path sources;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = FoveaCommand.commandLine(home);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private String register(String patientId, String name) {
        Run r = run("register", "--patient-id", patientId, "--name", name, "--sex", "M", "--phone", "13600000000",
                "--allergies", "无", "--diagnosis", "胸痛待查", "--exam", "胸部CT平扫", "--modality", "CT");
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = Pattern.compile("accession (CT\\d{8}-\\d{4})").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group(1);
    }

    private static String image(Path file, String patientId, String accession, String studyUid) throws Exception {
        return org.fovea.app.upload.TinyCt.write(file, patientId, accession, studyUid);
    }

    @Test
    void theExamsImagesAreStoredAndTheOthersRefused() throws Exception {
        String exam = register("P1", "王^建国");
        register("P2", "李^四");
        assertThat(run("queue", "checkin", exam, "--room", "CT1").code()).isZero();
        String study = Uids.random();
        String loose = Uids.random();
        Path folder = sources.resolve("usb");
        String a = image(folder.resolve("a.dcm"), "P1", exam, study);
        String b = image(folder.resolve("series2/b.dcm"), "P1", exam, study);
        String c = image(folder.resolve("c-no-accession.dcm"), "P1", null, loose);
        String d = image(folder.resolve("d-other-patient.dcm"), "P2", exam, study);
        String e = image(folder.resolve("e-other-exam.dcm"), "P1", "CT20990101-0001", Uids.random());
        Files.writeString(folder.resolve("readme.txt"), "扫描仪导出\n");
        Map<Path, String> before = hashes(folder);

        Run r = run("upload", exam, folder.toString());

        assertThat(r.code()).as("a file was refused").isEqualTo(1);
        assertThat(r.out().lines().toList()).containsExactly(
                "refused " + folder.resolve("d-other-patient.dcm") + ": patient ID P2, but exam " + exam
                        + " is patient P1 (王建国)",
                "refused " + folder.resolve("e-other-exam.dcm") + ": accession number CT20990101-0001, but the upload "
                        + "is into exam " + exam,
                "refused " + folder.resolve("readme.txt") + ": not a DICOM file (no \"DICM\" marker, and it does not "
                        + "start with a data set)",
                "uploaded 3 images into exam " + exam + " (patient P1 王建国)");
        try (LocalArchive archive = LocalArchive.open(home)) {
            assertThat(archive.storedAmong(List.of(a, b, c, d, e))).containsExactlyInAnyOrder(a, b, c);
            List<StudySummary> studies = archive.findStudies(new StudyQuery(null, null, exam, null, null, null));
            assertThat(studies).extracting(StudySummary::studyUid).containsExactlyInAnyOrder(study, loose);
            assertThat(studies).extracting(StudySummary::instanceCount).containsExactlyInAnyOrder(2, 1);
            Path stored = archive.instances(archive.series(loose).get(0).seriesUid()).get(0).file();
            assertThat(HeaderReader.read(stored).accessionNumber()).as("the copy stored").isEqualTo(exam);
        }
        assertThat(HeaderReader.read(folder.resolve("c-no-accession.dcm")).accessionNumber()).isEmpty();
        assertThat(hashes(folder)).as("the user's files").isEqualTo(before);
        assertThat(Files.exists(home.resolve("work")) ? Files.list(home.resolve("work")).toList() : List.of())
                .as("no work copy left").isEmpty();
        try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
            assertThat(Registrations.open(db.dataSource()).order(exam).orElseThrow().status()).isEqualTo("CHECKED_IN");
        }

        Run again = run("upload", exam, folder.resolve("a.dcm").toString());
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).isEqualTo("uploaded 0 images into exam " + exam + " (patient P1 王建国), 1 in the "
                + "archive already\n");
    }

    @Test
    void nothingIsStoredWhenNoFileIsTheExams() throws Exception {
        String exam = register("P1", "王^建国");
        Path file = sources.resolve("other.dcm");
        String sop = image(file, "P9", exam, Uids.random());

        Run r = run("upload", exam, file.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("refused " + file + ": patient ID P9, but exam " + exam + " is patient P1 (王建国)\n"
                + "uploaded 0 images into exam " + exam + " (patient P1 王建国)\n");
        try (LocalArchive archive = LocalArchive.open(home)) {
            assertThat(archive.containsInstance(sop)).isFalse();
            assertThat(archive.countStudies(StudyQuery.all())).isZero();
        }
    }

    @Test
    void anUnknownExamIsAnErrorAndHelpSaysWhatTheExitCodeMeans() throws Exception {
        Path file = sources.resolve("a.dcm");
        image(file, "P1", "CT20990101-0001", Uids.random());
        Run r = run("upload", "CT20990101-0001", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("fovea: There is no exam CT20990101-0001\n");

        Run help = run("upload", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("Exit code: 0 when every file was uploaded or was in "
                + "the archive already; 1 when any file was refused");
    }

    private static Map<Path, String> hashes(Path dir) throws Exception {
        Map<Path, String> out = new LinkedHashMap<>();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.put(f, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return out;
    }
}
