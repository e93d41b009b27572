package org.fovea.app.ui.viewer;

import javafx.scene.input.KeyCode;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * Layouts 1x1 to 4x4 and "1+3" (V28) in the real window: each shows its number of viewports in
 * its grid (a 4x4 cell a quarter of the width; the large "1+3" viewport two thirds of the width
 * and three times the height of a small one), and Ctrl+Alt+9 chooses "1+3" from the keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class ViewerLayoutTest {

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
    void everyLayoutShowsItsViewportsInItsGrid(FxRobot robot) {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);

            for (ViewportGrid.Layout l : ViewportGrid.Layout.values()) {
                robot.interact(() -> viewer.setLayout(l));
                List<Viewport> shown = onFx(viewer::visibleViewports);
                assertThat(shown).as(l.label()).hasSize(l.cells());
                assertThat(onFx(() -> shown.stream().allMatch(v -> v.pane().getScene() != null))).as(l.label()).isTrue();
            }
            robot.interact(() -> viewer.setLayout(ViewportGrid.Layout.FOUR_BY_FOUR));
            robot.interact(() -> { });
            double gridWidth = onFx(() -> viewer.visibleViewports().get(0).pane().getParent().getLayoutBounds().getWidth());
            assertThat(onFx(() -> viewer.visibleViewports().get(5).pane().getWidth())).isCloseTo(gridWidth / 4, within(gridWidth * 0.02));

            robot.clickOn(onFx(() -> viewer.activeViewport().pane()));
            robot.press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.DIGIT9).release(KeyCode.DIGIT9, KeyCode.ALT, KeyCode.CONTROL);
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 4));
            robot.interact(() -> { });
            double largeW = onFx(() -> viewer.visibleViewports().get(0).pane().getWidth());
            double largeH = onFx(() -> viewer.visibleViewports().get(0).pane().getHeight());
            double smallW = onFx(() -> viewer.visibleViewports().get(1).pane().getWidth());
            double smallH = onFx(() -> viewer.visibleViewports().get(1).pane().getHeight());
            assertThat(largeW / smallW).isCloseTo(2.0, within(0.1));
            assertThat(largeH / smallH).isCloseTo(3.0, within(0.15));
        }
    }
}
