package org.fovea.app.ui.report;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.app.view.StudyRefs;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.Algorithm;
import org.fovea.reporting.signature.ReportSignatures;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcSignOffs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * One report through a two-level sign-off in the real windows: the junior, logged in on one
 * workstation window, writes and signs it (the password dialog opens their key); the senior, on
 * another, sees it awaiting them, signs it final; both signatures are valid and say so. And one
 * critical value from flag to acknowledgement: the junior flags it in a report, the clinician's
 * window (already open) shows it within seconds and will not let go until it is read back, and
 * the junior's list shows it acknowledged with the read-back.
 */
@ExtendWith(ApplicationExtension.class)
class SignOffWindowTest {

    private static DemoArchive demo;
    private static User junior;
    private static User senior;
    private static User clinician;

    @BeforeAll
    static void department() throws Exception {
        demo = new DemoArchive();
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            Users users = new Users(db);
            junior = users.create("li", "李明", Role.JUNIOR_RADIOLOGIST, "Li-2026-write".toCharArray());
            senior = users.create("zhang", "张伟", Role.SENIOR_RADIOLOGIST, "Zw-2026-read".toCharArray());
            clinician = users.create("liu", "刘洋", Role.CLINICIAN, "Liu-2026-ward".toCharArray());
            users.create("wu", "吴敏", Role.CLINICIAN, "Wu-2026-ward".toCharArray());
            users.create("chen", "陈静", Role.CHIEF, "Chen-2026-sign".toCharArray());
            SigningKeys keys = new SigningKeys(db);
            Actor admin = new Actor("admin", "test");
            keys.createCa(Algorithm.RSA, "放射科 CA", "Ca-secret-2026".toCharArray(), admin);
            keys.issue(junior, Algorithm.RSA, "Ca-secret-2026".toCharArray(), "Li-2026-write".toCharArray(), admin);
            keys.issue(senior, Algorithm.RSA, "Ca-secret-2026".toCharArray(), "Zw-2026-read".toCharArray(), admin);
        }
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private Stage stage;

    /** A workstation window with the user logged in; its stage is {@link #stage} until the next one. */
    private WorkstationWindow[] window(FxRobot robot, User user) {
        WorkstationWindow[] w = new WorkstationWindow[1];
        robot.interact(() -> {
            w[0] = new WorkstationWindow(demo.archive, demo.home, Locale.ENGLISH);
            w[0].setUser(user);
            stage = new Stage();
            w[0].show(stage);
        });
        return w;
    }

    /** Closes a window and every stage of it: a window left open takes the next test's keys. */
    private void closeAll(FxRobot robot, WorkstationWindow w, ReportEditor editor) {
        robot.interact(() -> {
            w.close();
            editor.stage().hide();
            stage.hide();
        });
    }

    private static void sign(FxRobot robot, String password) {
        waitUntil(() -> robot.lookup("#signoff-password").tryQuery().isPresent());
        robot.clickOn("#signoff-password").write(password);
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("Sign")).queryButton());
    }

    @Test
    void aJuniorSignsAndSubmitsOnOneWindowAndASeniorSignsFinalOnAnother(FxRobot robot) throws Exception {
        StudySummary ct = demo.study(DemoStudy.CURRENT_CT);
        WorkstationWindow[] a = window(robot, junior);
        ReportEditor juniorEditor = onFx(a[0]::reportEditor);
        robot.interact(() -> juniorEditor.start(StudyRefs.of(ct, null), null));
        waitUntil(() -> onFx(() -> juniorEditor.report() != null && juniorEditor.report().id() > 0));
        robot.interact(() -> {
            juniorEditor.findingsArea().setText("右肺上叶见一实性结节，大小约 20 mm，边缘分叶。");
            juniorEditor.impressionArea().setText("右肺上叶结节，建议增强扫描。");
        });
        waitUntil(() -> onFx(() -> !robot.lookup("#signoff-submit").queryButton().isDisabled()));
        assertThat(onFx(() -> robot.lookup("#signoff-approve").queryButton().isDisabled())).as("no self-review").isTrue();
        robot.clickOn("#signoff-submit");
        sign(robot, "Li-2026-write");
        waitUntil(() -> onFx(() -> juniorEditor.report().status() == ReportStatus.SUBMITTED));
        waitUntil(() -> onFx(() -> !juniorEditor.findingsArea().isEditable()));
        waitUntil(() -> onFx(() -> robot.lookup("#report-signatures").queryAs(Label.class).getText())
                .equals("1 signature(s) valid"));
        long id = onFx(() -> juniorEditor.report().id());
        closeAll(robot, a[0], juniorEditor);

        WorkstationWindow[] b = window(robot, senior);
        ReportEditor seniorEditor = onFx(b[0]::reportEditor);
        Platform.runLater(() -> b[0].openReport(ct));
        waitUntil(() -> onFx(() -> seniorEditor.report() != null && seniorEditor.report().id() == id));
        assertThat(onFx(() -> seniorEditor.findingsArea().getText())).contains("右肺上叶见一实性结节");
        waitUntil(() -> onFx(() -> !robot.lookup("#signoff-approve").queryButton().isDisabled()));
        assertThat(onFx(() -> robot.lookup("#signoff-approve").queryButton().getText())).isEqualTo("Sign final");
        // the reviewer's edit, saved as their version before they sign
        robot.interact(() -> seniorEditor.findingsArea().setText("右肺上叶见一实性结节，大小约 20 mm，边缘分叶，邻近胸膜牵拉。"));
        robot.clickOn("#signoff-approve");
        sign(robot, "Zw-2026-read");
        waitUntil(() -> onFx(() -> seniorEditor.report().status() == ReportStatus.FINAL));
        waitUntil(() -> onFx(() -> robot.lookup("#report-signatures").queryAs(Label.class).getText())
                .equals("2 signature(s) valid"));
        assertThat(onFx(() -> robot.lookup("#report-status").queryAs(Label.class).getText())).isEqualTo("Final");
        waitUntil(() -> onFx(() -> !seniorEditor.findingsArea().isEditable()
                && robot.lookup("#report-save").queryButton().isDisabled()));
        // the history: the senior's edit against the submitted version, the added words marked
        robot.clickOn("#report-history");
        waitUntil(() -> onFx(() -> seniorEditor.historyDialog() != null));
        VersionHistoryDialog h = onFx(seniorEditor::historyDialog);
        waitUntil(() -> robot.lookup("#history-table").tryQuery().isPresent());
        int submitted = onFx(() -> h.fromBox().getItems().stream().mapToInt(Integer::intValue).max().orElseThrow()) - 2;
        robot.interact(() -> {
            h.fromBox().setValue(submitted);
            h.toBox().setValue(submitted + 1);
        });
        assertThat(onFx(() -> h.diffPane().getChildren().stream().filter(n -> n instanceof javafx.scene.text.TextFlow)
                .flatMap(n -> ((javafx.scene.text.TextFlow) n).getChildren().stream())
                .filter(t -> t.getStyleClass().contains("diff-added")).map(t -> ((javafx.scene.text.Text) t).getText())
                .toList())).containsExactly("，邻近胸膜牵拉");
        robot.interact(() -> robot.lookup("#history-table").query().getScene().getWindow().hide());
        closeAll(robot, b[0], seniorEditor);

        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            assertThat(new ReportSignatures(db).verify(id).valid()).isTrue();
            assertThat(new JdbcSignOffs(db, null).transitions(id)).extracting(t -> t.login() + " " + t.to())
                    .containsExactly("li SUBMITTED", "zhang FINAL");
        }
    }

    @SuppressWarnings("unchecked")
    private static void choose(FxRobot robot, String id, String startsWith) {
        javafx.scene.control.ComboBox<String> box = robot.lookup(id).queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> box.setValue(box.getItems().stream().filter(i -> i.startsWith(startsWith)).findFirst().orElseThrow()));
    }

    @Test
    void aCriticalValueFlaggedInAReportIsAcknowledgedOnTheWardWithAReadBack(FxRobot robot) throws Exception {
        StudySummary prior = demo.study(DemoStudy.PRIOR_CT);
        WorkstationWindow[] ward = window(robot, clinician);
        Stage wardStage = stage;
        WorkstationWindow[] reading = window(robot, junior);
        ReportEditor editor = onFx(reading[0]::reportEditor);
        robot.interact(() -> editor.start(StudyRefs.of(prior, null), null));
        waitUntil(() -> onFx(() -> editor.report() != null && editor.report().id() > 0));
        robot.interact(() -> editor.findingsArea().setText("右侧胸腔大量积气，纵隔左移。"));

        robot.clickOn("#report-raise-alert");
        waitUntil(() -> robot.lookup("#raise-finding").tryQuery().isPresent());
        choose(robot, "#raise-finding", "张力性气胸");
        choose(robot, "#raise-recipient", "刘洋");
        choose(robot, "#raise-backup", "吴敏");
        choose(robot, "#raise-head", "陈静");
        robot.clickOn("#raise-send");

        // the ward's window hears of it (AlertWatch) and asks for the acknowledgement
        long t0 = System.nanoTime();
        waitUntil(() -> robot.lookup("#alert-read-back").tryQuery().isPresent());
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds until the ward sees it").isLessThan(5);
        robot.clickOn("#alert-acknowledge");
        assertThat(robot.lookup("#alert-read-back").tryQuery()).as("no read-back, no acknowledgement").isPresent();
        robot.clickOn("#alert-read-back").write("tension pneumothorax right, chest drain now");
        robot.clickOn("#alert-acknowledge");

        waitUntil(() -> onFx(() -> reading[0].session().alerts().table().getItems().stream()
                .anyMatch(a -> a.closed() && a.readBack().contains("chest drain"))));
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            org.fovea.reporting.alert.Alert a = new org.fovea.reporting.alert.CriticalAlerts(db).raisedBy("li").get(0);
            assertThat(a.acknowledgedBy()).isEqualTo("liu");
            assertThat(new org.fovea.reporting.alert.CriticalAlerts(db).events(a.id()))
                    .extracting(org.fovea.reporting.alert.AlertEvent::event).containsExactly("RAISED", "SEEN", "ACKNOWLEDGED");
        }
        closeAll(robot, reading[0], editor);
        robot.interact(() -> {
            ward[0].close();
            wardStage.hide();
        });
    }

    @Test
    void anEmergencyHeadsTheWorklistAndAnOverdueReportIsFlaggedAndRemindedOnce(FxRobot robot) throws Exception {
        StudySummary film = demo.study(DemoStudy.CHEST_DR);
        WorkstationWindow[] w = window(robot, junior);
        ReportEditor editor = onFx(w[0]::reportEditor);
        robot.interact(() -> editor.start(StudyRefs.of(film, null), null));
        waitUntil(() -> onFx(() -> editor.report() != null && editor.report().id() > 0));
        long id = onFx(() -> editor.report().id());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<org.fovea.reporting.Priority> priority =
                robot.lookup("#report-priority").queryAs(javafx.scene.control.ComboBox.class);
        waitUntil(() -> onFx(() -> priority.getValue() == org.fovea.reporting.Priority.OUTPATIENT));
        robot.interact(() -> priority.setValue(org.fovea.reporting.Priority.EMERGENCY));
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            org.fovea.reporting.store.JdbcReports reports = new org.fovea.reporting.store.JdbcReports(db);
            waitUntil(() -> reports.priority(id) == org.fovea.reporting.Priority.EMERGENCY);
            // forty minutes ago: an emergency's 30 minutes are over
            try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE reports SET created_ms = created_ms - 2400000 WHERE id = " + id);
            }
        }
        java.util.List<String> reminders = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> {
            w[0].session().reminder().setAnnounce(reminders::add);
            w[0].session().reminder().checkNow();
            w[0].reportList().search();
        });
        waitUntil(() -> !reminders.isEmpty());
        assertThat(reminders.get(0)).startsWith("1 report(s) past their turnaround deadline").contains("Emergency");
        waitUntil(() -> onFx(() -> !w[0].reportList().table().getItems().isEmpty()
                && w[0].reportList().table().getItems().get(0).id() == id));
        robot.interact(() -> w[0].session().reminder().checkNow());
        Thread.sleep(1000);
        assertThat(reminders).as("reminded once").hasSize(1);
        closeAll(robot, w[0], editor);
    }
}
