package org.fovea.registration;

import org.assertj.core.groups.Tuple;
import org.fovea.dicom.DatasetBuilder;
import org.fovea.dicom.Uids;
import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A technician's hand upload (T4) checked against the exam on the embedded database: files of the
 * exam's patient and accession are accepted, from a folder and its subfolders; another patient,
 * another accession, a text file are refused with reasons naming the file; files without an
 * accession are the exam's by its booked Study Instance UID or when nothing says they are another
 * exam's, and refused when their study is booked for, stored as, or carried by another exam.
 */
class HandUploadTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    @TempDir
    Path dir;

    private ReportingDatabase db;
    private Registrations registrations;
    private String exam;
    private String otherExam;
    private Booking booking;
    private Booking otherBooking;

    @BeforeEach
    void examsOfOnePatient() throws Exception {
        db = ReportingDatabase.embedded(dir.resolve("db"));
        registrations = Registrations.open(db.dataSource());
        try (Connection c = registrations.dataSource().getConnection()) {
            long now = System.currentTimeMillis();
            registrations.savePatient(c, new Patient("P1", "王^建国", "M", "19700101", "13800000000", "无", ""), now);
            registrations.savePatient(c, new Patient("P2", "李^四", "F", "19800101", "13900000000", "无", ""), now);
            exam = order(c, "P1", "胸部CT平扫");
            otherExam = order(c, "P1", "头颅CT平扫");
            order(c, "P2", "胸部CT平扫");
        }
        Schedule schedule = new Schedule(registrations, ScheduleTest.at(MONDAY, 7, 30));
        schedule.saveDevice(new Device("CT1", "CT 1 室", "CT", "CT1", "CT1_AE", 15, 2, LocalTime.of(8, 0),
                LocalTime.of(12, 0), true));
        booking = schedule.book(exam, MONDAY);
        otherBooking = schedule.book(otherExam, MONDAY);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String order(Connection c, String patientId, String procedure) throws Exception {
        return registrations.placeOrder(c, new Order(0, "", "", patientId, "", procedure, "CT", "咳嗽", "", "ROUTINE",
                "ORDERED", "MANUAL"), System.currentTimeMillis()).accessionNumber();
    }

    /** A 4 x 4 CT image; a null accession leaves the element out, "" writes it empty. */
    static Path image(Path file, String patientId, String accession, String studyUid) throws Exception {
        Files.createDirectories(file.getParent());
        DatasetBuilder b = new DatasetBuilder()
                .set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2")
                .set("SOPInstanceUID", Uids.random())
                .set("StudyInstanceUID", studyUid)
                .set("SeriesInstanceUID", studyUid + ".1")
                .set("Modality", "CT")
                .set("PatientName", "Somebody")
                .set("PatientID", patientId)
                .setInt("SamplesPerPixel", 1)
                .set("PhotometricInterpretation", "MONOCHROME2")
                .setInt("Rows", 4)
                .setInt("Columns", 4)
                .setInt("BitsAllocated", 16)
                .setInt("BitsStored", 12)
                .setInt("HighBit", 11)
                .setInt("PixelRepresentation", 0)
                .pixels(new short[16]);
        if (accession != null) {
            b.set("AccessionNumber", accession.isEmpty() ? new String[0] : new String[] {accession});
        }
        b.write(file);
        return file;
    }

    @Test
    void filesAreMatchedToTheExamByAccessionAndPatient() throws Exception {
        Path upload = dir.resolve("upload");
        String study = Uids.random();
        String elsewhere = Uids.random();
        String stored = Uids.random();
        image(upload.resolve("a-right.dcm"), "P1", exam, study);
        image(upload.resolve("series2/b-right.dcm"), "P1", exam, study);
        image(upload.resolve("c-wrong-patient.dcm"), "P2", exam, study);
        image(upload.resolve("d-other-accession.dcm"), "P1", "CT20990101-0001", elsewhere);
        Files.writeString(upload.resolve("e-notes.txt"), "技师备注: 图像已上传\n");
        image(upload.resolve("f-booked-study.dcm"), "P1", "", booking.studyUid());
        image(upload.resolve("g-loose.dcm"), "P1", null, Uids.random());
        image(upload.resolve("h-beside-other-accession.dcm"), "P1", null, elsewhere);
        image(upload.resolve("i-other-exams-study.dcm"), "P1", null, otherBooking.studyUid());
        image(upload.resolve("j-stored-elsewhere.dcm"), "P1", "", stored);
        Path missing = dir.resolve("nowhere");

        HandUpload.Report r = new HandUpload(registrations).check(exam, List.of(upload, missing),
                uid -> Optional.ofNullable(Map.of(stored, "CT20250101-0009").get(uid)));

        assertThat(r.order().accessionNumber()).isEqualTo(exam);
        assertThat(r.patientLabel()).isEqualTo("P1 王建国");
        assertThat(r.accepted()).extracting(a -> upload.relativize(a.file()).toString(), HandUpload.Accepted::fillAccession)
                .containsExactly(Tuple.tuple("a-right.dcm", false),
                        Tuple.tuple("f-booked-study.dcm", true),
                        Tuple.tuple("g-loose.dcm", true),
                        Tuple.tuple("series2/b-right.dcm", false));
        assertThat(r.refused()).as("a path that is not there, then the files in walk order")
                .extracting(HandUpload.Refused::message).containsExactly(
                missing + ": no such file or folder",
                upload.resolve("c-wrong-patient.dcm") + ": patient ID P2, but exam " + exam + " is patient P1 (王建国)",
                upload.resolve("d-other-accession.dcm") + ": accession number CT20990101-0001, but the upload is into "
                        + "exam " + exam,
                upload.resolve("e-notes.txt") + ": not a DICOM file (no \"DICM\" marker, and it does not start with a "
                        + "data set)",
                upload.resolve("h-beside-other-accession.dcm") + ": no accession number, and other files of its "
                        + "study carry CT20990101-0001, not " + exam,
                upload.resolve("i-other-exams-study.dcm") + ": its study " + otherBooking.studyUid()
                        + " is the one booked for exam " + otherExam + ", not " + exam,
                upload.resolve("j-stored-elsewhere.dcm") + ": its study " + stored + " is in the local archive as "
                        + "exam CT20250101-0009, not " + exam);
        assertThat(registrations.order(exam).orElseThrow().status()).as("a check changes nothing").isEqualTo("BOOKED");
    }

    @Test
    void aFileNamedTwiceIsCheckedOnce() throws Exception {
        Path upload = dir.resolve("upload");
        Path file = image(upload.resolve("a.dcm"), "P1", exam, Uids.random());
        HandUpload.Report r = new HandUpload(registrations).check(exam, List.of(upload, file),
                HandUpload.StoredStudies.none());
        assertThat(r.accepted()).extracting(HandUpload.Accepted::file).containsExactly(file);
        assertThat(r.refused()).isEmpty();
    }

    @Test
    void aCancelledExamTakesNothing() throws Exception {
        Path upload = dir.resolve("upload");
        image(upload.resolve("a.dcm"), "P1", exam, booking.studyUid());
        try (Connection c = registrations.dataSource().getConnection()) {
            assertThat(registrations.cancelExam(c, exam, System.currentTimeMillis())).isTrue();
        }
        HandUpload.Report r = new HandUpload(registrations).check(exam, List.of(upload),
                HandUpload.StoredStudies.none());
        assertThat(r.accepted()).isEmpty();
        assertThat(r.refused()).extracting(HandUpload.Refused::message).containsExactly(
                upload.resolve("a.dcm") + ": exam " + exam + " is cancelled, so no image is taken into it");
    }

    @Test
    void anUnknownAccessionIsAnError() {
        assertThatThrownBy(() -> new HandUpload(registrations).check("CT20991231-9999", List.of(dir),
                HandUpload.StoredStudies.none())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("There is no exam CT20991231-9999");
    }
}
