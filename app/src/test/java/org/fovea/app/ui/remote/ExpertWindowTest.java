package org.fovea.app.ui.remote;

import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.center.CenterFixture;
import org.fovea.center.CenterRequest;
import org.fovea.center.NewRequest;
import org.fovea.center.Role;
import org.fovea.center.Urgency;
import org.fovea.center.client.Outbox;
import org.fovea.center.server.Assignments;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.reporting.ReportingDatabase;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * An expert's workstation at the center, in the real window, against a real center: connected as
 * an expert, the Remote diagnosis tab is their queue; they give a request back to the group's
 * queue with a reason and claim it again; Retrieve and open brings its images from the center's
 * image store (C-GET from its Orthanc) into the viewer, where they report as usual.
 */
@ExtendWith(ApplicationExtension.class)
class ExpertWindowTest {

    private static DemoArchive site;
    private static CenterFixture center;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        site = new DemoArchive();
        center = CenterFixture.start(dir.resolve("center"), true, 0, 0);
        center.accounts().addHospital("CENTER", "测试远程诊断中心", true);
        center.accounts().addHospital("TOWN-A", "青山镇卫生院", false);
        center.accounts().addAccount("TOWN-A", "doctor.a", "李医生", Role.DOCTOR, "", "doctor-a-pass".toCharArray());
        center.accounts().addAccount("CENTER", "expert.chest", "陈专家", Role.EXPERT, "chest",
                "expert-pass-2026".toCharArray());
        center.assignments().addRule(10, "", "", "chest", Assignments.Strategy.LEAST_LOADED, 1);
        String dx = DemoStudy.CHEST_DR.studyUid(DemoSize.SMALL);
        try (ReportingDatabase siteDb = ReportingDatabase.embedded(dir.resolve("site-db"))) {
            Outbox outbox = Outbox.open(siteDb.dataSource());
            outbox.submit(new NewRequest("A-EXPERT-1", "FV0001", "王建国", "M", "19680512", dx, "", "DX", "CHEST",
                    "胸部正位", "胸痛三天", "气胸？", Urgency.URGENT, null), "doctor.a",
                    site.archive.series(dx).stream().flatMap(s -> site.archive.instances(s.seriesUid()).stream())
                            .map(e -> new Outbox.Item(e.sopInstanceUid(), e.file())).toList());
            assertThat(outbox.sync(center.client(center.center(), "doctor.a", "doctor-a-pass")).stoppedBecause())
                    .isEmpty();
        }
    }

    @AfterAll
    static void stop() {
        center.close();
        site.close();
    }

    @Test
    void theExpertsQueueReleasesClaimsAndOpensARequestsImages(FxRobot robot, @TempDir Path home) throws Exception {
        Path settings = Files.createDirectories(home.resolve("settings"));
        Files.writeString(settings.resolve("remote.json"), "{\"center\": \"https://localhost:" + center.center().port()
                + "\", \"trustCertificate\": \"" + center.certificate.toAbsolutePath() + "\", \"login\": "
                + "\"expert.chest\", \"centerDicom\": \"" + center.orthanc.address() + "\"}", StandardCharsets.UTF_8);
        String dx = DemoStudy.CHEST_DR.studyUid(DemoSize.SMALL);
        try (LocalArchive archive = LocalArchive.open(home); DemoWindow dw = DemoWindow.open(robot, archive, home)) {
            WorkstationWindow w = dw.window;
            robot.interact(() -> w.remote().tab().getTabPane().getSelectionModel().select(w.remote().tab()));
            robot.clickOn("#remote-connect");
            waitUntil(() -> robot.lookup("#remote-password").tryQuery().isPresent());
            robot.clickOn("#remote-password").write("expert-pass-2026");
            robot.clickOn("#remote-password-ok");
            TableView<CenterRequest> queue = w.remote().queue();
            waitUntil(() -> onFx(() -> queue.getItems().size() == 1 && queue.getItems().get(0).assignedTo() != null));
            assertThat(cell(queue, 1)).contains("王建国");
            assertThat(cell(queue, 3)).isEqualTo("urgent");
            assertThat(cell(queue, 4)).isEqualTo("assigned → expert.chest");

            robot.interact(() -> queue.getSelectionModel().select(0));
            robot.clickOn("#remote-release");
            waitUntil(() -> robot.lookup("#remote-reason").tryQuery().isPresent());
            robot.interact(() -> robot.lookup("#remote-reason").queryAs(TextField.class).setText("今日休假"));
            robot.clickOn("OK");
            waitUntil(() -> "received".equals(cell(queue, 4)));
            robot.interact(() -> queue.getSelectionModel().select(0));
            robot.clickOn("#remote-claim");
            waitUntil(() -> "assigned → expert.chest".equals(cell(queue, 4)));

            robot.interact(() -> queue.getSelectionModel().select(0));
            robot.clickOn("#remote-open");
            waitUntil(() -> onFx(() -> w.viewer().study() != null && w.viewer().study().studyUid().equals(dx)));
            assertThat(archive.study(dx)).isPresent();
            assertThat(archive.study(dx).orElseThrow().instanceCount()).isEqualTo(
                    site.archive.study(dx).orElseThrow().instanceCount());
        }
    }

    @SuppressWarnings("unchecked")
    private static String cell(TableView<CenterRequest> table, int column) {
        return onFx(() -> table.getItems().isEmpty() ? ""
                : ((javafx.scene.control.TableColumn<CenterRequest, String>) table.getColumns().get(column))
                .getCellData(0));
    }
}
