package org.fovea.app.ui.registration;

import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.registration.Device;
import org.fovea.registration.ExamNotes;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;
import org.fovea.registration.QueueEntry;
import org.fovea.registration.Queues;
import org.fovea.registration.Registrations;
import org.fovea.registration.Schedule;
import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * The registration desk and the technician's station in the real window (issue 16): a walk-in
 * registered by hand whose name another patient has (listed with their past exams; OK waits for
 * the required fields and the identity check), booked on the CT and labelled, checked in, called
 * with Next, given a technician's note; a second desk calls another patient and the waiting-room
 * display shows that call, masked, within a second, and speaks it; Done records the workload.
 */
@ExtendWith(ApplicationExtension.class)
class RegistrationWindowTest {

    private static DemoArchive demo;
    private static Path speech;

    @BeforeAll
    static void department() throws Exception {
        demo = new DemoArchive();
        speech = Files.createTempDirectory("fovea-speech");
        System.setProperty("fovea.speech.out", speech.toString());
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            Registrations r = Registrations.open(db.dataSource());
            // open all day, so the walk-in is booked today whenever the test runs
            new Schedule(r, Clock.systemDefaultZone()).saveDevice(new Device("CT1", "CT 1 室", "CT", "CT1", "CT1_AE", 15, 4,
                    LocalTime.MIN, LocalTime.of(23, 45), true));
            try (Connection c = db.dataSource().getConnection()) {
                r.savePatient(c, new Patient("P0001", "王^建国", "M", "19580312", "13800000001", "无", ""), 1);
                r.placeOrder(c, new Order(0, "HIS-77", "", "P0001", "", "胸部CT平扫", "CT", "肺结节", "", "ROUTINE",
                        "ORDERED", "HL7"), 1);
            }
        }
    }

    @AfterAll
    static void close() {
        System.clearProperty("fovea.speech.out");
        demo.close();
    }

    /** Clicks the window's tab of that title (other labels may read the same). */
    private static void tab(FxRobot robot, String title) {
        robot.clickOn(robot.lookup(".tab-label").match((Label l) -> title.equals(l.getText())).queryAs(Label.class));
    }

    private static void set(FxRobot robot, String id, String text) {
        TextInputControl f = robot.lookup(id).queryAs(TextInputControl.class);
        robot.interact(() -> f.setText(text));
    }

    @Test
    void aWalkInIsRegisteredBookedCheckedInAndCalled(FxRobot robot) throws Exception {
        WorkstationWindow[] w = new WorkstationWindow[1];
        Stage[] stage = new Stage[1];
        robot.interact(() -> {
            w[0] = new WorkstationWindow(demo.archive, demo.home, Locale.SIMPLIFIED_CHINESE);
            stage[0] = new Stage();
            w[0].show(stage[0]);
        });
        tab(robot, "登记");
        // a keyboard-wedge scanner types the HIS order number and Enter: the one exam is found and selected
        robot.clickOn("#reg-scan").write("HIS-77").type(javafx.scene.input.KeyCode.ENTER);
        TableView<RegistrationService.Row> exams = w[0].desks().registration().table();
        waitUntil(() -> exams.getItems().size() == 1 && exams.getSelectionModel().getSelectedItem() != null
                && exams.getSelectionModel().getSelectedItem().order().placerOrder().equals("HIS-77"));
        robot.clickOn("#reg-new");
        waitUntil(() -> robot.lookup("#reg-f-name").tryQuery().isPresent());
        Button ok = robot.lookup("#reg-f-ok").queryButton();
        set(robot, "#reg-f-name", "王^建国");
        // the namesake is listed with his past exam; the required fields are still empty
        TableView<?> same = robot.lookup("#reg-same").queryAs(TableView.class);
        waitUntil(() -> same.getItems().size() == 1);
        assertThat(onFx(() -> ((RegisterDialog.SameName) same.getItems().get(0)).exams()))
                .extracting(Order::procedureText).containsExactly("胸部CT平扫");
        assertThat(onFx(ok::isDisabled)).isTrue();
        set(robot, "#reg-f-phone", "13912345678");
        set(robot, "#reg-f-allergies", "碘对比剂过敏");
        set(robot, "#reg-f-exam", "头颅CT平扫");
        set(robot, "#reg-f-diagnosis", "头痛待查");
        waitUntil(() -> robot.lookup("#reg-f-modality").queryAs(ComboBox.class).getValue() != null);
        // everything required is there, but another 王建国 exists: the identity must be checked
        assertThat(onFx(ok::isDisabled)).isTrue();
        robot.clickOn("#reg-f-confirmed");
        waitUntil(() -> !ok.isDisabled());
        robot.clickOn(ok);

        Label status = robot.lookup("#reg-status").queryAs(Label.class);
        waitUntil(() -> status.getText().startsWith("已登记检查 CT"));
        String acc;
        String walkInId;
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            Registrations r = Registrations.open(db.dataSource());
            Order walkIn = r.search("王建国", 10).stream().filter(o -> o.source().equals("MANUAL")).findFirst().orElseThrow();
            acc = walkIn.accessionNumber();
            walkInId = walkIn.patientId();
            assertThat(walkIn.status()).isEqualTo("BOOKED");
            assertThat(walkIn.clinicalDiagnosis()).isEqualTo("头痛待查");
            Patient p = r.patient(walkIn.patientId()).orElseThrow();
            assertThat(p.patientId()).isNotEqualTo("P0001");
            assertThat(p.allergies()).isEqualTo("碘对比剂过敏");
            assertThat(new Schedule(r, Clock.systemDefaultZone()).booking(acc).orElseThrow().deviceCode()).isEqualTo("CT1");
        }
        assertThat(demo.home.resolve("labels").resolve(acc + ".pdf")).isNotEmptyFile();

        // Label: printed where the computer has a printer (the test machine has none: saved, and the status says where)
        robot.clickOn("#reg-label");
        boolean printer = javax.print.PrintServiceLookup.lookupDefaultPrintService() != null;
        waitUntil(() -> printer ? status.getText().startsWith("检查 " + acc + " 的条码已在 ")
                : status.getText().startsWith("检查 " + acc + " 的条码已保存为 ") && status.getText().contains(acc + ".pdf"));

        // the registrar corrects the request: logged, with the old and new value
        robot.clickOn("#reg-change");
        waitUntil(() -> robot.lookup("#reg-change-value").tryQuery().isPresent());
        ComboBox<org.fovea.registration.OrderChanges.Field> field = robot.lookup("#reg-change-field").queryAs(ComboBox.class);
        robot.interact(() -> field.setValue(org.fovea.registration.OrderChanges.Field.DIAGNOSIS));
        set(robot, "#reg-change-value", "头痛待查，伴呕吐");
        set(robot, "#reg-change-reason", "临床补充");
        robot.clickOn("#reg-change-ok");
        waitUntil(() -> status.getText().startsWith("检查 " + acc + " 已修改"));
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            var history = new org.fovea.registration.OrderChanges(Registrations.open(db.dataSource()),
                    Clock.systemDefaultZone()).history(acc);
            assertThat(history).hasSize(1);
            assertThat(history.get(0).oldValue()).isEqualTo("头痛待查");
            assertThat(history.get(0).newValue()).isEqualTo("头痛待查，伴呕吐");
            assertThat(history.get(0).changedBy()).isEqualTo("os:" + System.getProperty("user.name"));
        }

        // the appointment board shows the booking in CT1's day
        waitUntil(() -> robot.lookup("#board-CT1 .label").queryAll().stream()
                .anyMatch(n -> "1/4".equals(((Label) n).getText())));
        robot.clickOn("#reg-checkin");
        waitUntil(() -> status.getText().startsWith("检查 " + acc + " 已报到"));

        // the technician's tab: the walk-in waits in CT1; another patient checked in at another desk behind him
        String other;
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            Registrations r = Registrations.open(db.dataSource());
            other = r.search("HIS-77", 1).get(0).accessionNumber();
            new Queues(r, Clock.systemDefaultZone()).checkIn(other, "CT1");
        }
        tab(robot, "检查");
        TableView<QueueEntry> waiting = w[0].desks().exam().waiting();
        waitUntil(() -> waiting.getItems().size() == 2);
        assertThat(onFx(() -> waiting.getItems().get(0).accessionNumber())).isEqualTo(acc);
        robot.clickOn("#exam-next");
        TableView<QueueEntry> called = w[0].desks().exam().called();
        waitUntil(() -> called.getItems().size() == 1 && called.getItems().get(0).accessionNumber().equals(acc));
        waitUntil(() -> robot.lookup("#exam-allergies").queryAs(Label.class).getText().equals("过敏史：碘对比剂过敏"));
        set(robot, "#exam-note", "患者躁动，第 20-40 层有运动伪影");
        robot.clickOn("#exam-save-note");
        waitUntil(() -> robot.lookup("#exam-notes").queryListView().getItems().size() == 1);

        // images uploaded by hand into the called exam: the patient's stored, another patient's refused with the reason
        Path folder = Files.createTempDirectory("fovea-upload");
        String study = org.fovea.dicom.Uids.random();
        String sop = org.fovea.app.upload.TinyCt.write(folder.resolve("head-1.dcm"), walkInId, acc, study);
        org.fovea.app.upload.TinyCt.write(folder.resolve("other.dcm"), "P0001", acc, study);
        robot.interact(() -> w[0].desks().exam().uploads().start(acc, List.of(folder)));
        waitUntil(() -> robot.lookup("#exam-status").queryAs(Label.class).getText().startsWith("已上传 1 幅图像到检查 " + acc));
        assertThat(onFx(() -> robot.lookup("#exam-status").queryAs(Label.class).getText())).contains("other.dcm")
                .contains("patient ID P0001");
        assertThat(demo.archive.study(study)).isPresent();
        assertThat(demo.archive.instances(study + ".1")).extracting(i -> i.sopInstanceUid()).containsExactly(sop);

        // the waiting-room display; a second desk calls the next patient: on screen within a second, and spoken
        robot.clickOn("#exam-display");
        waitUntil(() -> robot.listWindows().stream().anyMatch(win -> win instanceof Stage s
                && "请以下患者到诊室检查".equals(s.getTitle())));
        Stage display = (Stage) robot.listWindows().stream().filter(win -> win instanceof Stage s
                && "请以下患者到诊室检查".equals(s.getTitle())).findFirst().orElseThrow();
        waitUntil(() -> lines(display).contains("请 王*国 到 CT1 检查"));
        long calledAt;
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            new Queues(Registrations.open(db.dataSource()), Clock.systemDefaultZone()).next("CT1", "tech.wu");
            calledAt = System.nanoTime();
        }
        waitUntil(() -> lines(display).stream().filter(l -> l.equals("请 王*国 到 CT1 检查")).count() == 2);
        long shownMs = (System.nanoTime() - calledAt) / 1_000_000;
        assertThat(shownMs).as("the call on the waiting-room display, ms after it was made").isLessThan(1000);
        waitUntil(() -> {
            try (var files = Files.list(speech)) {
                return files.anyMatch(f -> f.toFile().length() > 1000);
            } catch (java.io.IOException e) {
                return false;
            }
        });
        robot.interact(display::hide);

        // Done, with an assistant: the exam is examined and the workload recorded
        robot.interact(() -> called.getSelectionModel().select(called.getItems().stream()
                .filter(q -> q.accessionNumber().equals(acc)).findFirst().orElseThrow()));
        robot.clickOn("#exam-done");
        waitUntil(() -> robot.lookup("#exam-assistants").tryQuery().isPresent());
        set(robot, "#exam-assistants", "nurse.zhou");
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("确定")).queryButton());
        Label examStatus = robot.lookup("#exam-status").queryAs(Label.class);
        waitUntil(() -> examStatus.getText().contains("工作量已记录"));
        robot.clickOn("#exam-workload");
        waitUntil(() -> robot.lookup(".dialog-pane").queryAll().stream().anyMatch(n -> n instanceof DialogPane p
                && p.getContentText() != null && p.getContentText().contains("nurse.zhou（协助）：1 例 {CT=1}")));
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("确定")).queryButton());
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            Registrations r = Registrations.open(db.dataSource());
            assertThat(r.order(acc).orElseThrow().status()).isEqualTo("EXAMINED");
            ExamNotes notes = new ExamNotes(r, Clock.systemDefaultZone());
            assertThat(notes.notes(acc)).extracting(ExamNotes.Note::text).containsExactly("患者躁动，第 20-40 层有运动伪影");
            assertThat(notes.workload(0, Long.MAX_VALUE)).extracting(ExamNotes.Workload::person)
                    .containsExactlyInAnyOrder("nurse.zhou", System.getProperty("user.name"));
        }
        robot.interact(() -> {
            w[0].close();
            stage[0].hide();
        });
    }

    @Test
    void theViewerAndTheReportEditorShowTheTechniciansNotes(FxRobot robot) throws Exception {
        org.fovea.dicom.archive.StudySummary dr = demo.study(org.fovea.dicom.demo.DemoStudy.CHEST_DR);
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            Registrations r = Registrations.open(db.dataSource());
            // the exam whose images came back from the modality with its accession number (by the worklist)
            try (Connection c = db.dataSource().getConnection()) {
                r.savePatient(c, new Patient(dr.patientId(), dr.patientName(), "M", "", "13800000002", "无", ""), 1);
                try (var ps = c.prepareStatement("INSERT INTO reg_orders (placer_order, accession_number, patient_id, "
                        + "procedure_text, modality, status, source, created_ms, updated_ms) VALUES ('', ?, ?, '胸部正位', "
                        + "'DX', 'EXAMINED', 'MANUAL', 1, 1)")) {
                    ps.setString(1, dr.accession());
                    ps.setString(2, dr.patientId());
                    ps.executeUpdate();
                }
            }
            new ExamNotes(r, Clock.systemDefaultZone()).add(dr.accession(), "tech.li", "患者体位欠标准，左侧肋膈角显示不全");
        }
        WorkstationWindow[] w = new WorkstationWindow[1];
        Stage[] stage = new Stage[1];
        robot.interact(() -> {
            w[0] = new WorkstationWindow(demo.archive, demo.home, Locale.SIMPLIFIED_CHINESE);
            stage[0] = new Stage();
            w[0].show(stage[0]);
            w[0].openStudy(dr);
        });
        Label inViewer = w[0].viewer().notes().label();
        waitUntil(() -> inViewer.isVisible() && inViewer.getText().contains("tech.li：患者体位欠标准，左侧肋膈角显示不全"));
        assertThat(onFx(inViewer::getText)).startsWith("技师留言：");
        // another study without notes: the strip goes
        robot.interact(() -> w[0].openStudy(demo.study(org.fovea.dicom.demo.DemoStudy.PRIOR_CT)));
        waitUntil(() -> !inViewer.isVisible());

        robot.interact(() -> w[0].openReport(dr));
        // a new report starts from a template: the first offered
        waitUntil(() -> robot.lookup("#template-list").tryQuery().isPresent());
        waitUntil(() -> !robot.lookup("#template-list").queryListView().getItems().isEmpty());
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals(
                javafx.scene.control.ButtonType.OK.getText())).queryButton());
        waitUntil(() -> robot.lookup("#report-technician-notes").tryQuery().map(n -> n.isVisible()
                && ((Label) n).getText().contains("患者体位欠标准")).orElse(false));
        robot.interact(() -> {
            w[0].reportEditor().close();
            w[0].close();
            stage[0].hide();
        });
    }

    private static List<String> lines(Stage display) {
        return onFx(() -> ((javafx.scene.Parent) display.getScene().getRoot()).lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList());
    }
}
