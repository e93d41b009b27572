package org.fovea.app.upload;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.Uids;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;
import org.fovea.registration.Registrations;
import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the technician's station relies on when it calls {@link ExamUpload#run}: progress names
 * the user's files (never the work copy of a file given the exam's accession) and ends with every
 * accepted file done; an upload cancelled before it starts stores nothing and says it was cancelled.
 */
class ExamUploadTest {

    @TempDir
    Path home;

    private record Step(int done, int total, Path current) {
    }

    private static String exam(Registrations r) throws Exception {
        try (Connection c = r.dataSource().getConnection()) {
            long now = System.currentTimeMillis();
            r.savePatient(c, new Patient("P1", "王^建国", "M", "19700101", "13800000000", "无", ""), now);
            return r.placeOrder(c, new Order(0, "", "", "P1", "", "胸部CT平扫", "CT", "咳嗽", "", "ROUTINE", "ORDERED",
                    "MANUAL"), now).accessionNumber();
        }
    }

    private static Path image(Path file, String accession) throws Exception {
        TinyCt.write(file, "P1", accession, Uids.random());
        return file;
    }

    @Test
    void progressNamesTheUsersFiles() throws Exception {
        Path in = Files.createDirectories(home.resolve("in"));
        try (ReportingDatabase db = ReportingDatabase.embedded(home); LocalArchive archive = LocalArchive.open(home)) {
            Registrations r = Registrations.open(db.dataSource());
            String exam = exam(r);
            Path carrying = image(in.resolve("a.dcm"), exam);
            Path without = image(in.resolve("b.dcm"), null);
            List<Step> steps = new ArrayList<>();

            ExamUpload.Report report = ExamUpload.run(r, archive, exam, List.of(in),
                    (done, total, current) -> steps.add(new Step(done, total, current)), new CancelToken());

            assertThat(report.complete()).isTrue();
            assertThat(report.imported()).isEqualTo(2);
            assertThat(steps).extracting(Step::current).filteredOn(p -> p != null)
                    .containsOnly(carrying, without);
            assertThat(steps.get(steps.size() - 1)).isEqualTo(new Step(2, 2, null));
        }
    }

    @Test
    void cancelledBeforeItStartsNothingIsStored() throws Exception {
        Path in = Files.createDirectories(home.resolve("in"));
        try (ReportingDatabase db = ReportingDatabase.embedded(home); LocalArchive archive = LocalArchive.open(home)) {
            Registrations r = Registrations.open(db.dataSource());
            String exam = exam(r);
            image(in.resolve("a.dcm"), exam);
            image(in.resolve("b.dcm"), null);
            CancelToken cancel = new CancelToken();
            cancel.cancel();

            ExamUpload.Report report = ExamUpload.run(r, archive, exam, List.of(in), (done, total, current) -> { },
                    cancel);

            assertThat(report.cancelled()).isTrue();
            assertThat(report.complete()).isFalse();
            assertThat(report.imported()).isZero();
            assertThat(archive.countStudies(StudyQuery.all())).isZero();
        }
    }
}
