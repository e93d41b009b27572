package org.fovea.app.ui.viewer;

import javafx.scene.input.KeyCode;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.ChestPhantom;
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
 * The demo chest CT opened in the real window hangs by its protocol without a click: 2x2, the
 * current study in the lung and mediastinal windows above last year's prior (another slice
 * thickness) in the same two windows, all four linked by patient position. Shift+L unlinks,
 * Alt+L keeps an offset the user chose, Shift+N / Shift+P walk the protocol's stages.
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
    void theChestCtOpensHungWithItsPriorLinkedByTablePosition(FxRobot robot) {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);
            String current = DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL);
            String prior = DemoStudy.PRIOR_CT.seriesUid(DemoSize.SMALL);
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 4
                    && viewer.visibleViewports().stream().allMatch(v -> v.currentImage() != null)));
            List<Viewport> shown = onFx(viewer::visibleViewports);
            assertThat(onFx(() -> shown.stream().map(v -> v.currentImage().seriesUid()).toList()))
                    .containsExactly(current, current, prior, prior);
            assertThat(onFx(() -> shown.stream().map(v -> (WindowLevel) v.effectiveVoi())
                    .map(wl -> (int) wl.width() + "/" + (int) wl.center()).toList()))
                    .containsExactly("1500/-600", "350/40", "1500/-600", "350/40");
            assertThat(onFx(() -> viewer.activeViewport())).isSameAs(shown.get(0));
            waitUntil(() -> onFx(() -> shown.get(2).stack().anySlice() != null && shown.get(3).stack().anySlice() != null));

            // to the 10 mm nodule at z = 20, then one more image with the keyboard
            double noduleZ = ChestPhantom.CURRENT_NODULES.get(1).centre().z();
            int noduleSlice = DemoSize.SMALL.current().sliceAt(noduleZ);
            robot.clickOn(onFx(() -> shown.get(0).pane()));
            robot.interact(() -> shown.get(0).moveTo(noduleSlice - 1));
            robot.type(KeyCode.DOWN);
            assertThat(onFx(() -> shown.get(0).index())).isEqualTo(noduleSlice);
            double halfPriorSlice = DemoSize.SMALL.prior().sliceSpacing() / 2;
            assertThat(onFx(() -> z(shown.get(0)))).isCloseTo(noduleZ, org.assertj.core.data.Offset.offset(
                    DemoSize.SMALL.current().sliceSpacing() / 2));
            for (Viewport v : shown.subList(1, 4)) {
                assertThat(onFx(() -> z(v))).as("z of a linked viewport")
                        .isCloseTo(onFx(() -> z(shown.get(0))), org.assertj.core.data.Offset.offset(halfPriorSlice));
            }
            assertThat(onFx(() -> shown.get(1).index())).isEqualTo(noduleSlice);

            // Shift+L: unlinked, the others stay where they are; again: they come back
            int priorIndex = onFx(() -> shown.get(2).index());
            robot.press(KeyCode.SHIFT).type(KeyCode.L).release(KeyCode.SHIFT);
            assertThat(onFx(() -> viewer.linking().enabledProperty().get())).isFalse();
            robot.type(KeyCode.DOWN, 4);
            assertThat(onFx(() -> shown.get(2).index())).isEqualTo(priorIndex);
            assertThat(onFx(() -> shown.get(1).index())).isEqualTo(noduleSlice);
            robot.press(KeyCode.SHIFT).type(KeyCode.L).release(KeyCode.SHIFT);
            assertThat(onFx(() -> Math.abs(z(shown.get(2)) - z(shown.get(0))))).isLessThanOrEqualTo(halfPriorSlice);

            // the prior three images further down, aligned there with Alt+L: that distance is kept
            robot.press(KeyCode.SHIFT).type(KeyCode.L).release(KeyCode.SHIFT);
            robot.interact(() -> shown.get(2).moveTo(shown.get(2).index() + 3));
            double offset = onFx(() -> z(shown.get(2)) - z(shown.get(0)));
            robot.press(KeyCode.ALT).type(KeyCode.L).release(KeyCode.ALT);
            assertThat(onFx(() -> viewer.linking().enabledProperty().get())).isTrue();
            robot.type(KeyCode.UP, 2);
            assertThat(onFx(() -> z(shown.get(2)) - z(shown.get(0))))
                    .isCloseTo(offset, org.assertj.core.data.Offset.offset(halfPriorSlice));

            // Shift+N twice: the protocol's third stage (the current study alone, lung window); Shift+P back
            robot.press(KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT);
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 2));
            robot.press(KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT);
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 1));
            assertThat(onFx(() -> viewer.activeViewport().currentImage().seriesUid())).isEqualTo(current);
            assertThat(onFx(() -> ((WindowLevel) viewer.activeViewport().effectiveVoi()).width())).isEqualTo(1500);
            robot.press(KeyCode.SHIFT).type(KeyCode.P).release(KeyCode.SHIFT);
            robot.press(KeyCode.SHIFT).type(KeyCode.P).release(KeyCode.SHIFT);
            waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 4
                    && viewer.visibleViewports().stream().allMatch(v -> v.view() != null)));

            // zoom and window linked too (Display menu): Ctrl+wheel and a right-button drag on one
            List<Viewport> four = onFx(viewer::visibleViewports);
            robot.clickOn("#viewer-display").clickOn("Linked viewports: zoom and pan together");
            robot.clickOn("#viewer-display").clickOn("Linked viewports: window together");
            // what Ctrl+wheel does over the first viewport
            robot.interact(() -> four.get(0).zoomAbout(1.6, 100, 80));
            double zoom = onFx(() -> four.get(0).view().zoom());
            assertThat(zoom).isGreaterThan(1.2);
            for (Viewport v : four) {
                assertThat(onFx(() -> v.view().zoom())).isCloseTo(zoom, org.assertj.core.data.Offset.offset(1e-9));
            }
            robot.drag(onFx(() -> four.get(0).pane()), javafx.scene.input.MouseButton.SECONDARY).moveBy(40, 25).drop();
            WindowLevel led = onFx(() -> (WindowLevel) four.get(0).effectiveVoi());
            assertThat(led.width()).isNotEqualTo(1500);
            for (Viewport v : four) {
                assertThat(onFx(() -> (WindowLevel) v.effectiveVoi()).width()).isEqualTo(led.width());
            }
        }
    }

    @Test
    void anotherPatientOpenedBesideIsMarkedInRedOnEachOfItsViewports(FxRobot robot) {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);
            // a patient of the character set corpus, 李明 of another hospital's CT
            demo.archive.importPaths(List.of(java.nio.file.Path.of(System.getProperty("fovea.shared", "../../shared"),
                    "testdata", "dicom", "charsets", "chinese-ISO_IR_192.dcm")), (d, t, c) -> { },
                    org.fovea.dicom.CancelToken.none());
            org.fovea.dicom.archive.StudySummary other = demo.archive.studiesOfPatient("CN-ISO_IR_192").get(0);
            robot.interact(() -> w.window.openBeside(other));
            waitUntil(() -> onFx(() -> viewer.visibleViewports().stream().anyMatch(v -> v.shownSlice() != null
                    && v.shownSlice().header().patientId().equals("CN-ISO_IR_192"))));
            List<Viewport> shown = onFx(viewer::visibleViewports);
            for (Viewport v : shown) {
                boolean theirs = onFx(() -> v.shownSlice() != null && v.shownSlice().header().patientId().equals("CN-ISO_IR_192"));
                String banner = onFx(() -> v.pane().otherPatient());
                if (theirs) {
                    assertThat(banner).as("the other patient's viewport says whose it is").contains("CN-ISO_IR_192");
                } else {
                    assertThat(banner).isNull();
                }
            }
            // the other patient's viewport made the active one: now the demo patient's are marked
            Viewport theirs = shown.stream().filter(v -> onFx(() -> v.shownSlice() != null
                    && v.shownSlice().header().patientId().equals("CN-ISO_IR_192"))).findFirst().orElseThrow();
            robot.clickOn(onFx(theirs::pane));
            assertThat(onFx(() -> theirs.pane().otherPatient())).isNull();
            assertThat(onFx(() -> shown.get(0).pane().otherPatient())).contains("FV0001");
        }
    }

    /** The patient z of the image a viewport shows (axial demo series). */
    private static double z(Viewport v) {
        return v.stack().slice(v.index()) != null ? v.stack().slice(v.index()).plane().position().z()
                : v.stack().location(v.index());
    }
}
