package org.fovea.reporting.alert;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.audit.AuditRecord;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.store.JdbcReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The critical-value loop on each database: raised from a report to the clinician, acknowledged
 * with a read-back the sender then sees; escalated after its deadline (on a clock the test moves)
 * to the backup and the head, once; refusals with reasons; and another workstation hears of an
 * alert within two seconds.
 */
abstract class AlertsContract {

    abstract ReportingDatabase openDatabase();

    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-04T02:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final List<ReportingDatabase> opened = new ArrayList<>();
    private final TestClock clock = new TestClock();
    private ReportingDatabase db;
    private CriticalAlerts alerts;
    private Report report;
    private User li;
    private User liu;
    private User wu;
    private User chen;

    private ReportingDatabase open() {
        ReportingDatabase d = openDatabase();
        opened.add(d);
        return d;
    }

    @BeforeEach
    void department() throws Exception {
        db = open();
        Users users = new Users(db);
        li = users.create("li", "李明", Role.JUNIOR_RADIOLOGIST, "Li-2026-write".toCharArray());
        liu = users.create("liu", "刘洋", Role.CLINICIAN, "Liu-2026-ward".toCharArray());
        wu = users.create("wu", "吴敏", Role.CLINICIAN, "Wu-2026-ward".toCharArray());
        chen = users.create("chen", "陈主任", Role.CHIEF, "Chen-2026-sign".toCharArray());
        users.create("wang", "王芳", Role.TECHNICIAN, "Wang-2026-scan".toCharArray());
        report = new JdbcReports(db).save(Report.draft(new StudyRef("1.2.3.9", "ACC9", "P9", "ZHOU^JIE=周^杰", "M",
                LocalDate.of(1950, 1, 1), "076Y", LocalDate.of(2026, 12, 4), "CT", "CHEST", "CT胸部平扫", "刘洋", "胸痛"),
                "", "li").withText("右侧气胸，纵隔左移。", "右侧张力性气胸。"), "li", "CT-1");
        alerts = new CriticalAlerts(db, clock);
    }

    @AfterEach
    void close() {
        opened.forEach(ReportingDatabase::close);
    }

    @Test
    void theClinicianAcknowledgesWithAReadBackAndTheSenderSeesIt() throws Exception {
        Alert a = alerts.raise(report, li, "张力性气胸", "liu", "wu", "chen", "请立即处理", "CT-1");
        assertThat(a.status()).isEqualTo(Alert.Status.OPEN);
        assertThat(a.category()).isEqualTo(CriticalValue.Category.RED);
        assertThat(a.due()).isEqualTo(clock.now.plus(Duration.ofMinutes(15)));
        assertThat(alerts.openFor("liu")).extracting(Alert::id).containsExactly(a.id());
        assertThat(alerts.openFor("wu")).as("the backup only after escalation").isEmpty();

        assertThatThrownBy(() -> alerts.acknowledge(a.id(), wu, "知道了", "WARD-2")).isInstanceOf(AlertRefused.class)
                .hasMessageContaining("addressed to liu");
        assertThatThrownBy(() -> alerts.acknowledge(a.id(), liu, " ", "WARD-1")).hasMessageContaining("Read the finding back");
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        alerts.seen(a.id(), "liu", "WARD-1");
        Alert done = alerts.acknowledge(a.id(), liu, "右侧张力性气胸，已通知胸外科，准备闭式引流", "WARD-1");
        assertThat(done.status()).isEqualTo(Alert.Status.ACKNOWLEDGED);
        assertThat(done.acknowledged()).isEqualTo(clock.now);
        assertThatThrownBy(() -> alerts.acknowledge(a.id(), liu, "again", "WARD-1")).hasMessageContaining("already acknowledged");

        Alert seenBySender = alerts.raisedBy("li").get(0);
        assertThat(seenBySender.acknowledgedBy()).isEqualTo("liu");
        assertThat(seenBySender.readBack()).contains("闭式引流");
        assertThat(alerts.events(a.id())).extracting(AlertEvent::event).containsExactly("RAISED", "SEEN", "ACKNOWLEDGED");
        assertThat(new AuditLog(db).search(null, null, "", null, 100)).extracting(AuditRecord::action)
                .containsSubsequence("ALERT_RAISED", "ALERT_ACKNOWLEDGED");
        assertThat(alerts.list(true)).isEmpty();
        assertThat(alerts.escalateDue()).as("acknowledged alerts never escalate").isEmpty();
    }

    @Test
    void anAlertNotAcknowledgedInTimeIsEscalatedOnceToTheBackupAndTheHead() throws Exception {
        Alert a = alerts.raise(report, li, "张力性气胸", "liu", "wu", "chen", "", "CT-1");
        Alert orange = alerts.raise(report, li, "多发肋骨骨折伴血气胸", "liu", "wu", "chen", "", "CT-1");
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertThat(alerts.escalateDue()).isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(alerts.escalateDue()).extracting(Alert::id).containsExactly(a.id());
        assertThat(alerts.escalateDue()).as("once").isEmpty();
        assertThat(alerts.openFor("wu")).extracting(Alert::id).containsExactly(a.id());
        assertThat(alerts.openFor("chen")).extracting(Alert::id).containsExactly(a.id());
        assertThat(alerts.find(orange.id()).orElseThrow().status()).as("60 minutes for orange").isEqualTo(Alert.Status.OPEN);
        Alert done = alerts.acknowledge(a.id(), chen, "已安排急诊胸腔闭式引流", "CHIEF");
        assertThat(done.acknowledgedBy()).isEqualTo("chen");
        assertThat(alerts.events(a.id())).extracting(AlertEvent::event).containsExactly("RAISED", "ESCALATED", "ACKNOWLEDGED");
        clock.now = clock.now.plus(Duration.ofMinutes(45));
        assertThat(alerts.escalateDue()).extracting(Alert::id).containsExactly(orange.id());
    }

    @Test
    void whoMayRaiseWhatToWhomIsChecked() {
        User wang = new Users(db).find("wang").orElseThrow();
        assertThatThrownBy(() -> alerts.raise(report, wang, "张力性气胸", "liu", "wu", "chen", "", ""))
                .isInstanceOf(AlertRefused.class).hasMessageContaining("may not raise");
        assertThatThrownBy(() -> alerts.raise(report, li, "感冒", "liu", "wu", "chen", "", ""))
                .hasMessageContaining("not one of the department's critical values");
        assertThatThrownBy(() -> alerts.raise(report, li, "张力性气胸", "wang", "wu", "chen", "", ""))
                .hasMessageContaining("\"wang\" is not a user who can acknowledge");
        assertThatThrownBy(() -> alerts.raise(report, li, "张力性气胸", "nobody", "wu", "chen", "", ""))
                .hasMessageContaining("\"nobody\"");
        assertThat(alerts.list(false)).isEmpty();
    }

    @Test
    void anotherWorkstationHearsOfAnAlertWithinTwoSeconds() throws Exception {
        ReportingDatabase ward = open();
        LinkedBlockingQueue<Long> heard = new LinkedBlockingQueue<>();
        try (AlertWatch watch = AlertWatch.start(ward, heard::add)) {
            Thread.sleep(700);
            long t0 = System.nanoTime();
            Alert a = new CriticalAlerts(db).raise(report, li, "主动脉夹层", "liu", "wu", "chen", "", "CT-1");
            Long id = heard.poll(2, TimeUnit.SECONDS);
            assertThat(id).as("heard within 2 s").isNotNull();
            assertThat(id == 0 || id == a.id()).isTrue();
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
            assertThat(new CriticalAlerts(ward).openFor("liu")).extracting(Alert::finding).containsExactly("主动脉夹层");
            // acknowledged on the ward's workstation, seen so on the reading room's
            new CriticalAlerts(ward).acknowledge(a.id(), liu, "主动脉夹层，已请血管外科会诊", "WARD-1");
            assertThat(new CriticalAlerts(db).raisedBy("li").get(0).acknowledgedBy()).isEqualTo("liu");
            assertThat(heard.poll(2, TimeUnit.SECONDS)).as("the acknowledgement is heard too").isNotNull();
        }
    }
}
