package org.fovea.app.ui.teaching;

import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.ui.viewer.ViewerView;
import org.fovea.app.view.DemoArchive;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * A teaching case in the real window (P8): the chest CT marked with a category and a note; the
 * Teaching tab lists it; a morning reading with the identity hidden opens it in the viewer with
 * no name, ID or accession on the image; opened from the study list again, it shows who it is.
 */
@ExtendWith(ApplicationExtension.class)
class TeachingWindowTest {

    private static DemoArchive demo;

    @BeforeAll
    static void demo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private static List<String> overlay(ViewerView viewer) {
        return onFx(() -> viewer.activeViewport().pane().overlayLines());
    }

    @Test
    void aCaseMarkedForTeachingIsReadInTheMorningWithoutItsPatientsIdentity(FxRobot robot) {
        try (DemoWindow dw = DemoWindow.open(robot, demo, null)) {
            WorkstationWindow[] w = {dw.window};
            StudySummary ct = demo.study(DemoStudy.CURRENT_CT);
            String name = PersonNameFormat.display(ct.patientName());
            ViewerView viewer = dw.openStudy(demo, DemoStudy.CURRENT_CT);
            waitUntil(() -> overlay(viewer).contains(name));

            robot.interact(() -> w[0].markTeaching());
            waitUntil(() -> robot.lookup("#teaching-mark-category").tryQuery().isPresent());
            @SuppressWarnings("unchecked")
            ComboBox<String> category = robot.lookup("#teaching-mark-category").queryAs(ComboBox.class);
            robot.interact(() -> category.getEditor().setText("肺结节"));
            robot.clickOn("#teaching-mark-note").write("three nodules of 6, 10, 20 mm");
            robot.clickOn("#teaching-mark-ok");

            robot.interact(() -> w[0].teaching().tab().getTabPane().getSelectionModel().select(w[0].teaching().tab()));
            waitUntil(() -> onFx(() -> w[0].teaching().view().table().getItems().size() == 1));
            assertThat(onFx(() -> w[0].teaching().view().table().getItems().get(0).category())).isEqualTo("肺结节");
            robot.clickOn("#teaching-hide");
            robot.clickOn("#teaching-start");
            waitUntil(() -> overlay(viewer).contains("Teaching case (identity hidden)"));
            assertThat(overlay(viewer)).doesNotContain(name).noneMatch(l -> l.contains(ct.patientId()))
                    .noneMatch(l -> l.contains(ct.accession()));

            Platform.runLater(() -> w[0].openStudy(ct));
            waitUntil(() -> overlay(viewer).contains(name));
        }
    }
}
