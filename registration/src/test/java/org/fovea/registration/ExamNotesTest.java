package org.fovea.registration;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registrar's search (a scanned accession number, order number or patient ID finds its exams
 * exactly; a name with or without carets), same-name patients, and the technicians' notes and
 * workload (T2, T3), on H2 and PostgreSQL.
 */
class ExamNotesTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void onTheEmbeddedDatabase() throws Exception {
        try (ReportingDatabase db = ReportingDatabase.embedded(dir)) {
            exercise(Registrations.open(db.dataSource()));
        }
    }

    @Test
    void onPostgreSql() throws Exception {
        try (Postgres pg = Postgres.start();
             ReportingDatabase db = ReportingDatabase.open(pg.createDatabase("department"), pg.user(), pg.password())) {
            exercise(Registrations.open(db.dataSource()));
        }
    }

    private static Order order(Registrations r, Connection c, String patientId, String name, String placer,
                               String modality) throws Exception {
        r.savePatient(c, new Patient(patientId, name, "M", "19650301", "13900000000", "青霉素", ""), 1);
        return r.placeOrder(c, new Order(0, placer, "", patientId, "P", "胸部CT平扫", modality, "肺结节复查", "张医生",
                "ROUTINE", "ORDERED", "HL7"), 1);
    }

    private static void exercise(Registrations r) throws Exception {
        Order a;
        Order b;
        Order other;
        try (Connection c = r.dataSource().getConnection()) {
            a = order(r, c, "P1001", "王^建国", "HIS-1", "CT");
            b = order(r, c, "P1001", "王^建国", "HIS-2", "DX");
            other = order(r, c, "P2002", "王建国", "HIS-3", "CT");
            order(r, c, "P3003", "ZHANG^WEI=张^伟", "HIS-4", "MR");
        }
        assertThat(r.search(a.accessionNumber(), 50)).containsExactly(a);
        assertThat(r.search("HIS-2", 50)).containsExactly(b);
        assertThat(r.search("P1001", 50)).containsExactly(b, a);
        assertThat(r.search("王建国", 50)).containsExactly(other, b, a);
        assertThat(r.search("zhang", 50)).extracting(Order::patientId).containsExactly("P3003");
        assertThat(r.search("nobody", 50)).isEmpty();
        assertThat(r.sameName("王^建国", "P1001")).extracting(Patient::patientId).containsExactly("P2002");
        assertThat(r.sameName("王建国", "")).extracting(Patient::patientId).containsExactly("P1001", "P2002");
        assertThat(r.ordersOf("P1001")).containsExactly(b, a);

        Clock clock = Clock.fixed(Instant.parse("2026-12-07T02:00:00Z"), ZoneOffset.UTC);
        ExamNotes notes = new ExamNotes(r, clock);
        notes.add(a.accessionNumber(), "tech.li", "患者屏气欠佳，第 120-140 层有运动伪影");
        notes.add(a.accessionNumber(), "tech.wu", "已补扫");
        assertThat(notes.notes(a.accessionNumber())).extracting(ExamNotes.Note::text)
                .containsExactly("患者屏气欠佳，第 120-140 层有运动伪影", "已补扫");
        assertThat(notes.notes(b.accessionNumber())).isEmpty();
        assertThatThrownBy(() -> notes.add(a.accessionNumber(), "tech.li", "  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> notes.add("CT00000000-9999", "tech.li", "x")).hasMessageContaining("CT00000000-9999");

        notes.recordWorkload(a.accessionNumber(), "tech.li", List.of("nurse.zhou", " ", "tech.li"));
        notes.recordWorkload(b.accessionNumber(), "tech.li", List.of());
        notes.recordWorkload(other.accessionNumber(), "tech.wu", List.of("tech.li"));
        // recorded again: replaced, not counted twice
        notes.recordWorkload(other.accessionNumber(), "tech.wu", List.of("tech.li"));
        long now = clock.millis();
        assertThat(notes.workload(now - 1000, now + 1000)).containsExactly(
                new ExamNotes.Workload("nurse.zhou", "ASSISTANT", Map.of("CT", 1)),
                new ExamNotes.Workload("tech.li", "ASSISTANT", Map.of("CT", 1)),
                new ExamNotes.Workload("tech.li", "TECHNICIAN", Map.of("CT", 1, "DX", 1)),
                new ExamNotes.Workload("tech.wu", "TECHNICIAN", Map.of("CT", 1)));
        assertThat(notes.workload(now + 1000, now + 2000)).isEmpty();
    }
}
