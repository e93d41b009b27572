package org.fovea.app.ui.viewer;

import javafx.scene.input.KeyCode;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.WindowLevel;
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
 * The demo chest CT hung by its protocol in the real window (View > Hang by protocol, Ctrl+H):
 * 2x2, the current study in the lung and mediastinal windows above last year's prior in the
 * same two windows.
 */
@ExtendWith(ApplicationExtension.class)
class HangingWindowTest {

    private static DemoArchive demo;

    @BeforeAll
    static void demo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    @Test
    void theChestCtHangsWithItsPriorInLungAndMediastinalWindows(FxRobot robot) {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);

            robot.clickOn(onFx(() -> viewer.activeViewport().pane()));
            robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 4
                    && viewer.visibleViewports().stream().allMatch(v -> v.currentImage() != null)));
            List<Viewport> shown = onFx(viewer::visibleViewports);
            String current = DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL);
            String prior = DemoStudy.PRIOR_CT.seriesUid(DemoSize.SMALL);
            assertThat(onFx(() -> shown.stream().map(v -> v.currentImage().seriesUid()).toList()))
                    .containsExactly(current, current, prior, prior);
            assertThat(onFx(() -> shown.stream().map(v -> (WindowLevel) v.effectiveVoi())
                    .map(wl -> (int) wl.width() + "/" + (int) wl.center()).toList()))
                    .containsExactly("1500/-600", "350/40", "1500/-600", "350/40");
        }
    }
}
