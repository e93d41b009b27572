package org.fovea.registration;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import org.fovea.registration.OrderChanges.Change;
import org.fovea.registration.OrderChanges.Field;
import org.fovea.registration.hl7.Hl7Outbox;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.audit.AuditRecord;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.fovea.testsupport.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Changes to the electronic request on H2 and PostgreSQL: a technician is refused the procedure
 * and may correct the allergies, a clinician is refused; each change is logged with its old and
 * new value (and in the audit log); a major change of an HIS order queues exactly one ORM^O01 XO,
 * whose fields are read back with HAPI (the Chinese name included); a minor change and a walk-in's
 * major change queue nothing; a refused change leaves nothing; an examined exam changes only by a
 * registrar with a reason; a waiting patient raised to emergency is called next.
 */
class OrderChangesTest {

    private static final User REGISTRAR = user("zhao", Role.REGISTRAR);
    private static final User TECHNICIAN = user("wang", Role.TECHNICIAN);
    private static final User CLINICIAN = user("liu", Role.CLINICIAN);

    @TempDir
    Path dir;

    @Test
    void requestChangesOnTheEmbeddedDatabase() throws Exception {
        try (ReportingDatabase db = ReportingDatabase.embedded(dir)) {
            exercise(Registrations.open(db.dataSource()));
        }
    }

    @Test
    void requestChangesOnPostgreSql() throws Exception {
        try (Postgres pg = Postgres.start();
             ReportingDatabase db = ReportingDatabase.open(pg.createDatabase("department"), pg.user(), pg.password())) {
            exercise(Registrations.open(db.dataSource()));
        }
    }

    private static User user(String login, Role role) {
        return new User(0, login, login, role, true, 0, Instant.EPOCH);
    }

    /** An order as the HIS sends it (source HL7, its placer number) or a walk-in (no placer number). */
    private static Order order(Registrations r, String patientId, String name, String placer) throws Exception {
        try (Connection c = r.dataSource().getConnection()) {
            long now = System.currentTimeMillis();
            r.savePatient(c, new Patient(patientId, name, "M", "19680512", "13800000000", "青霉素", "幸福路1号"), now);
            return r.placeOrder(c, new Order(0, placer, "", patientId, "CT001", "胸部CT平扫", "CT", "咳嗽两周", "张医生",
                    "ROUTINE", "ORDERED", placer.isEmpty() ? "MANUAL" : "HL7"), now);
        }
    }

    private static void exercise(Registrations r) throws Exception {
        OrderChanges changes = new OrderChanges(r, Clock.systemUTC());
        Hl7Outbox outbox = new Hl7Outbox(r.dataSource());
        String his = order(r, "P0001", "王^建国", "ORD2001").accessionNumber();

        // refused: nothing changed, logged or queued
        assertThatThrownBy(() -> changes.change(his, Field.PROCEDURE, "CT002^胸部CT增强", "", TECHNICIAN))
                .hasMessage("wang (technician) may not change the procedure of exam " + his + ": registrars change "
                        + "every field of the request, technicians only the allergies and the priority");
        assertThatThrownBy(() -> changes.change(his, Field.ALLERGIES, "无", "", CLINICIAN))
                .hasMessageStartingWith("liu (clinician) may not change the allergies of exam " + his);
        assertThatThrownBy(() -> changes.change(his, Field.PHONE, "  ", "", REGISTRAR))
                .hasMessage("The phone of exam " + his + " cannot be empty");
        assertThatThrownBy(() -> changes.change(his, Field.PRIORITY, "STAT", "", REGISTRAR))
                .hasMessageContaining("EMERGENCY, URGENT or ROUTINE, not \"STAT\"");
        assertThatThrownBy(() -> changes.change("NOPE-1", Field.PHONE, "1", "", REGISTRAR))
                .hasMessage("There is no exam NOPE-1");
        assertThat(r.order(his).orElseThrow().procedureText()).isEqualTo("胸部CT平扫");
        assertThat(changes.history(his)).isEmpty();
        assertThat(outbox.entries()).isEmpty();

        // a technician corrects the allergies: minor, logged, not sent
        Change allergies = changes.change(his, Field.ALLERGIES, "青霉素；碘造影剂", "", TECHNICIAN);
        assertThat(allergies.major()).isFalse();
        assertThat(allergies.toHis()).isFalse();
        assertThat(r.patient("P0001").orElseThrow().allergies()).isEqualTo("青霉素；碘造影剂");
        assertThat(outbox.entries()).isEmpty();

        // the registrar changes the procedure: major, one XO for the HIS in the outbox
        Change procedure = changes.change(his, Field.PROCEDURE, "CT002^胸部CT增强", "临床要求增强", REGISTRAR);
        assertThat(procedure.major()).isTrue();
        assertThat(procedure.hisState()).isEqualTo("PENDING");
        Order changed = r.order(his).orElseThrow();
        assertThat(changed.procedureCode()).isEqualTo("CT002");
        assertThat(changed.procedureText()).isEqualTo("胸部CT增强");
        assertThat(outbox.entries()).hasSize(1);
        Terser xo = parse(outbox.entries().get(0).message());
        assertThat(xo.get("/MSH-9-1") + "^" + xo.get("/MSH-9-2")).isEqualTo("ORM^O01");
        assertThat(xo.get("/MSH-10")).isEqualTo(outbox.entries().get(0).controlId());
        assertThat(xo.get("/MSH-18")).isEqualTo("UNICODE UTF-8");
        assertThat(xo.get("/.ORC-1")).isEqualTo("XO");
        assertThat(xo.get("/.ORC-2")).isEqualTo("ORD2001");
        assertThat(xo.get("/.ORC-3")).isEqualTo(his);
        assertThat(xo.get("/.ORC-16-2")).isEqualTo("临床要求增强");
        assertThat(xo.get("/.OBR-4-1")).isEqualTo("CT002");
        assertThat(xo.get("/.OBR-4-2")).isEqualTo("胸部CT增强");
        assertThat(xo.get("/.OBR-27-6")).as("still routine").isEqualTo("R");
        assertThat(xo.get("/.PID-3-1")).isEqualTo("P0001");
        assertThat(xo.get("/.PID-5-1")).isEqualTo("王");
        assertThat(xo.get("/.PID-5-2")).isEqualTo("建国");

        // urgent is minor; emergency is major, and the next XO says S
        assertThat(changes.change(his, Field.PRIORITY, "urgent", "", TECHNICIAN).toHis()).isFalse();
        assertThat(outbox.entries()).hasSize(1);
        Change emergency = changes.change(his, Field.PRIORITY, "EMERGENCY", "呼吸困难加重", TECHNICIAN);
        assertThat(emergency.major()).isTrue();
        assertThat(outbox.entries()).hasSize(2);
        Terser second = parse(outbox.entries().get(1).message());
        assertThat(second.get("/.OBR-27-6")).isEqualTo("S");
        assertThat(second.get("/.OBR-4-1")).as("the whole order as it stands").isEqualTo("CT002");
        assertThat(second.get("/MSH-10")).isNotEqualTo(xo.get("/MSH-10"));
        assertThatThrownBy(() -> changes.change(his, Field.PRIORITY, "EMERGENCY", "", REGISTRAR))
                .hasMessage("The priority of exam " + his + " is EMERGENCY already: nothing changed");

        List<Change> log = changes.history(his);
        assertThat(log).extracting(Change::field, Change::oldValue, Change::newValue, Change::changedBy, Change::major)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Field.ALLERGIES, "青霉素", "青霉素；碘造影剂", "wang", false),
                        org.assertj.core.groups.Tuple.tuple(Field.PROCEDURE, "CT001^胸部CT平扫", "CT002^胸部CT增强", "zhao",
                                true),
                        org.assertj.core.groups.Tuple.tuple(Field.PRIORITY, "ROUTINE", "URGENT", "wang", false),
                        org.assertj.core.groups.Tuple.tuple(Field.PRIORITY, "URGENT", "EMERGENCY", "wang", true));
        assertThat(log.get(1).reason()).isEqualTo("临床要求增强");
        assertThat(log).extracting(Change::hisState).containsExactly("", "PENDING", "", "PENDING");

        // the same changes in the tamper-evident audit log, whose chain still holds
        AuditLog audit = new AuditLog(r.dataSource(), Clock.systemUTC());
        List<AuditRecord> records = audit.search(null, null, "", AuditAction.ORDER_CHANGED, 100);
        assertThat(records).hasSize(4);
        assertThat(records.get(1).objectId()).isEqualTo(his);
        assertThat(records.get(1).user()).isEqualTo("zhao");
        assertThat(records.get(1).detail()).contains("procedure: CT001^胸部CT平扫 → CT002^胸部CT增强")
                .contains("临床要求增强");
        assertThat(audit.verify().problems()).isEmpty();

        // a walk-in: a major change is logged as major and sent nowhere
        String walkIn = order(r, "P0002", "李^四", "").accessionNumber();
        Change modality = changes.change(walkIn, Field.MODALITY, "mr", "", REGISTRAR);
        assertThat(modality.major()).isTrue();
        assertThat(modality.toHis()).isFalse();
        assertThat(r.order(walkIn).orElseThrow().modality()).isEqualTo("MR");
        assertThat(r.order(walkIn).orElseThrow().accessionNumber()).as("the accession stays").isEqualTo(walkIn);
        assertThat(outbox.entries()).hasSize(2);

        // a waiting patient raised to emergency is called before those who came earlier
        Queues queues = new Queues(r, Clock.systemUTC());
        String earlier = order(r, "P0003", "赵^六", "").accessionNumber();
        queues.checkIn(earlier, "CT1");
        Thread.sleep(2);
        queues.checkIn(walkIn, "CT1");
        assertThatThrownBy(() -> changes.change(walkIn, Field.MODALITY, "CT", "", REGISTRAR))
                .hasMessageContaining("is checked in to a room for MR: its modality cannot change to CT there");
        changes.change(walkIn, Field.PRIORITY, "EMERGENCY", "", TECHNICIAN);
        QueueEntry called = queues.next("CT1", "wang").orElseThrow();
        assertThat(called.accessionNumber()).isEqualTo(walkIn);

        // examined: only a registrar, with a reason
        queues.done(called.id());
        assertThatThrownBy(() -> changes.change(walkIn, Field.ALLERGIES, "无", "", TECHNICIAN))
                .hasMessage("Exam " + walkIn + " is examined: only a registrar may change it, and with a reason");
        assertThatThrownBy(() -> changes.change(walkIn, Field.DIAGNOSIS, "胸痛", " ", REGISTRAR))
                .hasMessage("Exam " + walkIn + " is examined: only a registrar may change it, and with a reason");
        int logged = changes.history(walkIn).size();
        Change corrected = changes.change(walkIn, Field.DIAGNOSIS, "胸痛待查", "申请单录入错误", REGISTRAR);
        assertThat(corrected.oldValue()).isEqualTo("咳嗽两周");
        assertThat(changes.history(walkIn)).hasSize(logged + 1);
    }

    private static Terser parse(String er7) throws Exception {
        try (HapiContext ctx = org.fovea.registration.hl7.HapiContexts.create(null)) {
            Message m = ctx.getPipeParser().parse(er7);
            return new Terser(m);
        }
    }
}
