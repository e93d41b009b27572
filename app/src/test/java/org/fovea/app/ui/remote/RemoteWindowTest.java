package org.fovea.app.ui.remote;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.center.CenterFixture;
import org.fovea.center.Role;
import org.fovea.center.client.Outbox;
import org.fovea.center.server.Assignments;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.Keys;
import org.fovea.reporting.signature.ReportSignatures;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcReports;
import org.fovea.reporting.store.JdbcSignOffs;
import org.fovea.reporting.workflow.SignOffAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * The Remote diagnosis tab of the real window against a real center (PostgreSQL, Orthanc, HTTPS):
 * the doctor right-clicks the demo CT in the study list, submits it with a question, connects with
 * their password at the center; the tab follows the request from queued to assigned as the center
 * pushes it; a critical value the expert raises stays on screen until the doctor acknowledges it
 * with a read-back, which reaches the expert's alert; once the expert signs, the row says reported,
 * the report shows with its signatures valid, and the study in the list now holds its SR and PDF.
 */
@ExtendWith(ApplicationExtension.class)
class RemoteWindowTest {

    private static final String EXPERT_PASSWORD = "expert-pass-2026";
    private static DemoArchive demo;
    private static CenterFixture center;
    private static ReportingDatabase experts;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        demo = new DemoArchive();
        center = CenterFixture.start(dir, true, 0, 0);
        center.accounts().addHospital("CENTER", "测试远程诊断中心", true);
        center.accounts().addHospital("TOWN-A", "青山镇卫生院", false);
        center.accounts().addAccount("TOWN-A", "doctor.a", "李医生", Role.DOCTOR, "", "doctor-a-pass".toCharArray());
        center.accounts().addAccount("CENTER", "expert.chest", "陈专家", Role.EXPERT, "chest",
                EXPERT_PASSWORD.toCharArray());
        center.assignments().addRule(10, "", "", "chest", Assignments.Strategy.LEAST_LOADED, 1);
        experts = center.expertDepartment(Map.of("expert.chest", "陈专家"), EXPERT_PASSWORD);
        Path settings = Files.createDirectories(demo.home.resolve("settings"));
        Files.writeString(settings.resolve("report-ca.pem"), Keys.pem(center.reportCa()), StandardCharsets.US_ASCII);
        Files.writeString(settings.resolve("remote.json"), "{\"center\": \"https://localhost:" + center.center().port()
                + "\", \"trustCertificate\": \"" + center.certificate.toAbsolutePath() + "\", \"reportCa\": "
                + "\"report-ca.pem\", \"login\": \"doctor.a\"}", StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        experts.close();
        center.close();
        demo.close();
    }

    @Test
    void aStudySubmittedFromTheListComesBackReportedVerifiedAndFiled(FxRobot robot) throws Exception {
        StudySummary ct = demo.study(DemoStudy.CURRENT_CT);
        try (DemoWindow dw = DemoWindow.open(robot, demo, null)) {
            WorkstationWindow w = dw.window;
            TableView<StudySummary> studies = w.studyList().studyTable();
            waitUntil(() -> onFx(() -> studies.getItems().stream().anyMatch(s -> s.studyUid().equals(ct.studyUid()))));
            robot.interact(() -> studies.getSelectionModel().select(studies.getItems().stream()
                    .filter(s -> s.studyUid().equals(ct.studyUid())).findFirst().orElseThrow()));
            robot.rightClickOn(studies);
            robot.clickOn("Submit for remote diagnosis...");
            waitUntil(() -> robot.lookup("#remote-question").tryQuery().isPresent());
            robot.clickOn("#remote-submit-ok");         // no question yet: the dialog says so and stays
            assertThat(robot.lookup("Say what the expert is asked.").tryQuery()).isPresent();
            robot.interact(() -> {
                robot.lookup("#remote-history").queryAs(TextArea.class).setText("咳嗽两周，吸烟 30 年");
                robot.lookup("#remote-question").queryAs(TextField.class).setText("结节性质？");
            });
            robot.clickOn("#remote-submit-ok");

            TableView<Outbox.Status> requests = w.remote().table();
            waitUntil(() -> onFx(() -> requests.getItems().size() == 1 && w.remote().tab().isSelected()));
            assertThat(cell(requests, 2)).isEqualTo("queued");
            assertThat(cell(requests, 1)).contains("王建国");

            robot.clickOn("#remote-connect");
            waitUntil(() -> robot.lookup("#remote-password").tryQuery().isPresent());
            robot.clickOn("#remote-password").write("doctor-a-pass");
            robot.clickOn("#remote-password-ok");
            waitUntil(() -> "assigned".equals(cell(requests, 2)));
            assertThat(onFx(() -> robot.lookup("#remote-link").queryAs(Label.class).getText()))
                    .contains("doctor.a");

            // the expert reports and signs at the center
            Report draft = new JdbcReports(experts).save(Report.draft(new StudyRef(ct.studyUid(), ct.accession(),
                    ct.patientId(), ct.patientName(), "M", null, "", null, "CT", "CHEST", "胸部CT平扫", "", ""), "",
                    "expert.chest").withText("右肺上叶实性结节，约 20 mm。", "右肺上叶结节，建议穿刺活检。"),
                    "expert.chest", "EXPERT-WS");
            // a critical value on it: on screen at the site until acknowledged with a read-back
            var alerts = new org.fovea.reporting.alert.CriticalAlerts(experts);
            var raised = alerts.raise(draft, new Users(experts).find("expert.chest").orElseThrow(), "肺动脉栓塞",
                    org.fovea.center.demo.ExpertDepartment.siteLogin("TOWN-A"), "expert.chest", "expert.chest",
                    "右肺动脉主干充盈缺损", "EXPERT-WS");
            waitUntil(() -> robot.lookup("#remote-critical-readback").tryQuery().isPresent());
            assertThat(onFx(() -> robot.lookup("#remote-critical-text").queryAs(Label.class).getText()))
                    .contains("王建国").contains("右肺动脉主干充盈缺损").contains("expert.chest");
            assertThat(robot.lookup("#remote-critical-ack").queryButton().isDisabled()).as("not without a read-back")
                    .isTrue();
            robot.interact(() -> robot.lookup("#remote-critical-readback").queryAs(TextField.class)
                    .setText("肺栓塞，已通知临床"));
            robot.clickOn("#remote-critical-ack");
            waitUntil(() -> robot.lookup("#remote-critical-readback").tryQuery().isEmpty());
            assertThat(alerts.find(raised.id()).orElseThrow().readBack()).isEqualTo(
                    "李医生 (doctor.a, TOWN-A): 肺栓塞，已通知临床");

            new JdbcSignOffs(experts, ReportSignatures.signer(new SigningKeys(experts).unlock("expert.chest",
                    EXPERT_PASSWORD.toCharArray()))).act(draft.id(), draft.version(),
                    new Users(experts).find("expert.chest").orElseThrow(), SignOffAction.SUBMIT, null, "EXPERT-WS");
            waitUntil(() -> "reported".equals(cell(requests, 2)));
            waitUntil(() -> onFx(() -> demo.archive.series(ct.studyUid()).stream().map(SeriesSummary::modality)
                    .toList()).containsAll(List.of("SR", "DOC")));

            robot.interact(() -> requests.getSelectionModel().select(0));
            assertThat(robot.lookup("#remote-add-images").queryButton().isDisabled()).as("nothing to add once reported")
                    .isTrue();
            robot.clickOn("#remote-show-report");
            waitUntil(() -> robot.lookup("#remote-report-verdict").tryQuery().isPresent());
            assertThat(onFx(() -> robot.lookup("#remote-report-verdict").queryAs(Label.class).getText()))
                    .startsWith("Signatures valid");
            assertThat(onFx(() -> robot.lookup("#remote-report-text").queryAs(TextArea.class).getText()))
                    .contains("建议穿刺活检");
        }
    }

    @SuppressWarnings("unchecked")
    private static String cell(TableView<Outbox.Status> table, int column) {
        return onFx(() -> table.getItems().isEmpty() ? ""
                : ((javafx.scene.control.TableColumn<Outbox.Status, String>) table.getColumns().get(column))
                .getCellData(0));
    }
}
