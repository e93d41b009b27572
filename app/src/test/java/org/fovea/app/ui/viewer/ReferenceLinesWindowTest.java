package org.fovea.app.ui.viewer;

import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.demo.DrGeometry;
import org.fovea.dicom.demo.LocalizerWriter;
import org.fovea.render.geom.ViewTransform;
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
 * Reference lines in the real window (V24): the chest protocol's second stage shows the axial
 * series beside its scout; the active axial slice is a horizontal line on the scout at its z
 * (the scout's rows run to the feet from z = 190 mm), it follows the scroll, the first and last
 * slices join it on request, and nothing is drawn on the parallel prior. Shift+click on the
 * scout brings the axial series to the clicked height.
 */
@ExtendWith(ApplicationExtension.class)
class ReferenceLinesWindowTest {

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
    void theAxialSliceIsALineOnTheScoutAtItsHeight(FxRobot robot) throws Exception {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 4
                    && viewer.visibleViewports().stream().allMatch(v -> v.shownSlice() != null)));
            // the 2x2 stage: all four are parallel axial slices, so no lines at all
            robot.clickOn(onFx(() -> viewer.visibleViewports().get(0).pane()));
            assertThat(onFx(() -> viewer.visibleViewports().stream().allMatch(v -> v.pane().referenceLines().isEmpty())))
                    .isTrue();

            robot.press(KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT);
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 2
                    && viewer.visibleViewports().stream().allMatch(v -> v.shownSlice() != null)));
            List<Viewport> shown = onFx(viewer::visibleViewports);
            Viewport axial = shown.get(0);
            Viewport scout = shown.get(1);
            assertThat(onFx(() -> scout.currentImage().seriesUid()))
                    .isEqualTo(DemoStudy.CURRENT_CT.localizerSeriesUid(DemoSize.SMALL));

            int slice = DemoSize.SMALL.current().sliceAt(20);
            robot.interact(() -> axial.moveTo(slice));
            assertLineAt(scout, DemoSize.SMALL.current().z(slice));
            robot.clickOn(onFx(axial::pane));
            robot.type(KeyCode.DOWN, 6);
            assertLineAt(scout, DemoSize.SMALL.current().z(slice + 6));

            // first and last too: three lines, the outer two at the series' ends
            robot.interact(() -> viewer.referenceLines().setBounds(true));
            waitUntil(() -> onFx(() -> scout.pane().referenceLines().size() == 3));
            assertThat(onFx(() -> rowOf(scout, scout.pane().referenceLines().get(1)[1])))
                    .isCloseTo(rowAt(DemoSize.SMALL.current().z(0)), within(0.5));
            assertThat(onFx(() -> rowOf(scout, scout.pane().referenceLines().get(2)[1])))
                    .isCloseTo(rowAt(DemoSize.SMALL.current().z(DemoSize.SMALL.current().slices() - 1)), within(0.5));

            // Shift+click on the scout at z = -60 mm (the 20 mm nodule): the axial series goes there
            Point2D target = onFx(() -> {
                ViewTransform.Point p = scout.view().toViewport(LocalizerWriter.geometry(DemoSize.SMALL).columns() / 2.0,
                        rowAt(-60));
                return scout.pane().localToScreen(p.x(), p.y());
            });
            robot.moveTo(target).press(KeyCode.SHIFT).press(MouseButton.PRIMARY).release(MouseButton.PRIMARY)
                    .release(KeyCode.SHIFT);
            waitUntil(() -> onFx(() -> axial.index() == DemoSize.SMALL.current().sliceAt(-60)));
            assertThat(onFx(viewer::activeViewport)).isSameAs(axial);

            // this layout saved as the department's protocol: the study opens with it from now on
            java.nio.file.Path file = onFx(() -> w.window.viewer().hanging().saveLayout("胸部 with scout"))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(file).exists().hasFileName("胸部-with-scout.json");
            assertThat(java.nio.file.Files.readString(file)).contains("\"CORONAL\"").contains("\"lung\"");
            javafx.application.Platform.runLater(() -> w.window.openStudy(demo.study(DemoStudy.CHEST_DR)));
            waitUntil(() -> onFx(() -> viewer.study().studyUid().equals(DemoStudy.CHEST_DR.studyUid(DemoSize.SMALL))));
            javafx.application.Platform.runLater(() -> w.window.openStudy(demo.study(DemoStudy.CURRENT_CT)));
            waitUntil(() -> onFx(() -> viewer.study().studyUid().equals(DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL))
                    && viewer.visibleViewports().size() == 2
                    && viewer.visibleViewports().stream().allMatch(v -> v.currentImage() != null)));
            assertThat(onFx(() -> viewer.visibleViewports().stream().map(v -> v.currentImage().seriesUid()).toList()))
                    .containsExactly(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL),
                            DemoStudy.CURRENT_CT.localizerSeriesUid(DemoSize.SMALL));
            assertThat(onFx(() -> ((org.fovea.render.WindowLevel) viewer.visibleViewports().get(0).effectiveVoi()).width()))
                    .isEqualTo(1500);
        }
    }

    /** The scout's row (pixel centres) at patient height z. */
    private static double rowAt(double z) {
        DrGeometry g = LocalizerWriter.geometry(DemoSize.SMALL);
        return (g.z(0) - z) / g.pixelSpacing();
    }

    /** The scout's image row under viewport height y. */
    private static double rowOf(Viewport scout, double y) {
        return scout.view().toImage(scout.pane().getWidth() / 2, y).y();
    }

    private static void assertLineAt(Viewport scout, double z) {
        waitUntil(() -> onFx(() -> !scout.pane().referenceLines().isEmpty()
                && Math.abs(rowOf(scout, scout.pane().referenceLines().get(0)[1]) - rowAt(z)) < 0.5));
        double[] line = onFx(() -> scout.pane().referenceLines().get(0));
        // horizontal, across the whole scout
        assertThat(line[1]).isCloseTo(line[3], within(1e-6));
        double width = onFx(() -> scout.view().toViewport(LocalizerWriter.geometry(DemoSize.SMALL).columns() - 0.5, 0).x()
                - scout.view().toViewport(-0.5, 0).x());
        assertThat(Math.abs(line[2] - line[0])).isCloseTo(width, within(1.0));
    }
}
