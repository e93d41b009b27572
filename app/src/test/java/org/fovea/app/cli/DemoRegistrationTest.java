package org.fovea.app.cli;

import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.registration.ExamNotes;
import org.fovea.registration.QueueEntry;
import org.fovea.registration.Queues;
import org.fovea.registration.Registrations;
import org.fovea.registration.Schedule;
import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo department's registration, as `./fovea demo` makes it once: four devices, the demo
 * studies' exams with the chest film's technician note, today's patients booked, checked in and
 * one called; a second run changes nothing.
 */
class DemoRegistrationTest {

    @Test
    void theDemoDepartmentHasAWorkingDay() throws Exception {
        try (DemoArchive demo = new DemoArchive()) {
            // the test archive holds the small demo
            DemoSize size = DemoSize.SMALL;
            assertThat(DemoRegistration.ensure(demo.archive, demo.home, size)).isEqualTo(8);
            assertThat(DemoRegistration.ensure(demo.archive, demo.home, size)).isZero();
            try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
                Registrations r = Registrations.open(db.dataSource());
                Clock clock = Clock.systemDefaultZone();
                assertThat(new Schedule(r, clock).devices()).extracting(d -> d.code())
                        .containsExactly("CT1", "CT2", "DR1", "MR1");
                Queues q = new Queues(r, clock);
                assertThat(q.called("CT1")).extracting(QueueEntry::calledBy).containsExactly("wang");
                assertThat(q.waiting("CT1").size() + q.waiting("CT2").size()).isEqualTo(2);
                String drAccession = demo.study(DemoStudy.CHEST_DR).accession();
                assertThat(r.order(drAccession).orElseThrow().status()).isEqualTo("EXAMINED");
                assertThat(new ExamNotes(r, clock).notes(drAccession)).extracting(ExamNotes.Note::author)
                        .containsExactly("wang");
                assertThat(r.search("H0003", 5)).extracting(o -> o.status()).containsExactly("CHECKED_IN");
            }
        }
    }
}
