package org.fovea.app.ui.viewer;

import javafx.scene.input.KeyCode;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.series.Slice;
import org.fovea.render.DisplayFilter;
import org.fovea.render.geom.ViewTransform;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.Quantity;
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
 * Turns, flips, display filters and grey curves in the real window (V19, V21, V3): the patient's
 * left side stays under the edge labelled L however the picture is turned or mirrored, and a
 * filter or a curve changes what is displayed but not the HU a measurement reports.
 */
@ExtendWith(ApplicationExtension.class)
class DisplayWindowTest {

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
    void thePatientsLeftStaysUnderTheLabelLAndFiltersLeaveTheMeasuredHuAlone(FxRobot robot) {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);
            Viewport v = onFx(viewer::activeViewport);
            robot.clickOn(onFx(v::pane));
            // through the lungs, at z = 20 mm
            robot.interact(() -> v.moveTo(DemoSize.SMALL.current().sliceAt(20)));
            waitUntil(() -> onFx(() -> v.shownSlice() != null));
            assertThat(onFx(() -> v.pane().edgeLabels())).isEqualTo("R L A P");

            // the phantom's left side: patient x = +120 mm, on the middle row
            int column = DemoSize.SMALL.current().indexAt(120);
            int row = DemoSize.SMALL.current().indexAt(0);
            assertThat(onFx(() -> labelTowards(v, column, row))).isEqualTo("L");
            robot.press(KeyCode.SHIFT).type(KeyCode.R).release(KeyCode.SHIFT);
            assertThat(onFx(() -> v.pane().edgeLabels())).isEqualTo("P A R L");
            assertThat(onFx(() -> labelTowards(v, column, row))).isEqualTo("L");
            robot.press(KeyCode.SHIFT).type(KeyCode.H).release(KeyCode.SHIFT);
            assertThat(onFx(() -> labelTowards(v, column, row))).isEqualTo("L");
            // turned right, mirrored and turned back: the picture is upside down
            robot.press(KeyCode.ALT).type(KeyCode.R).release(KeyCode.ALT);
            assertThat(onFx(() -> v.pane().edgeLabels())).isEqualTo("R L P A");
            assertThat(onFx(() -> labelTowards(v, column, row))).isEqualTo("L");
            robot.press(KeyCode.SHIFT).type(KeyCode.V).release(KeyCode.SHIFT);
            assertThat(onFx(() -> v.pane().edgeLabels())).isEqualTo("R L A P");
            robot.press(KeyCode.SHIFT).type(KeyCode.R).release(KeyCode.SHIFT);
            assertThat(onFx(() -> labelTowards(v, column, row))).isEqualTo("L");
            robot.type(KeyCode.R);
            assertThat(onFx(() -> v.pane().edgeLabels())).isEqualTo("R L A P");

            // a rectangle over the left lung and the chest wall: its mean HU with and without sharpening
            Slice slice = onFx(v::shownSlice);
            Annotation box = new Annotation("box", Kind.RECTANGLE, List.of(new ImagePoint(column - 12, row - 10),
                    new ImagePoint(column + 12, row + 10)), "", onFx(v::currentImage));
            double before = onFx(() -> v.marks().measurer().measure(box)).value(Quantity.MEAN).orElseThrow().value();
            int[] shown = onFx(() -> displayedRow(v, row));
            robot.clickOn("#viewer-display").clickOn("Sharpen");
            assertThat(onFx(v::filter)).isEqualTo(DisplayFilter.SHARPEN);
            int[] sharpened = onFx(() -> displayedRow(v, row));
            assertThat(sharpened).as("sharpening changes what is displayed").isNotEqualTo(shown);
            double after = onFx(() -> v.marks().measurer().measure(box)).value(Quantity.MEAN).orElseThrow().value();
            assertThat(after).isEqualTo(before);
            assertThat(onFx(v::shownSlice)).isSameAs(slice);

            // gamma 2: a value a third of the way up the window shows brighter than with the plain window
            robot.clickOn("#viewer-display").clickOn("No filter");
            robot.type(KeyCode.DIGIT1);
            assertThat(onFx(() -> ((org.fovea.render.WindowLevel) v.effectiveVoi()).width())).isEqualTo(1500);
            int plain = onFx(() -> greyNear(v, slice));
            robot.clickOn("#viewer-display").clickOn("Gamma 2 (brighter mid-greys)");
            int brighter = onFx(() -> greyNear(v, slice));
            assertThat(brighter).isGreaterThan(plain + 20);
        }
    }

    @Test
    void theWindowSpansEveryMonitorAndComesBack(FxRobot robot) {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            w.openStudy(demo, DemoStudy.CURRENT_CT);
            javafx.geometry.Rectangle2D before = onFx(() -> new javafx.geometry.Rectangle2D(w.stage.getX(), w.stage.getY(),
                    w.stage.getWidth(), w.stage.getHeight()));
            robot.clickOn("#viewer-display").clickOn("#display-all-screens");
            javafx.geometry.Rectangle2D all = onFx(ScreenModes::allScreens);
            waitUntil(() -> onFx(() -> w.stage.getWidth() == all.getWidth() && w.stage.getHeight() == all.getHeight()
                    && w.stage.getX() == all.getMinX()));
            robot.clickOn("#viewer-display").clickOn("#display-all-screens");
            waitUntil(() -> onFx(() -> w.stage.getWidth() == before.getWidth() && w.stage.getX() == before.getMinX()));
        }
    }

    /** The orientation label of the edge a pixel of the image lies towards, from the viewport's centre. */
    private static String labelTowards(Viewport v, int column, int row) {
        ViewTransform.Point p = v.view().toViewport(column, row);
        double dx = p.x() - v.pane().getWidth() / 2;
        double dy = p.y() - v.pane().getHeight() / 2;
        String[] labels = v.pane().edgeLabels().split(" ");
        if (Math.abs(dx) > Math.abs(dy)) {
            return dx < 0 ? labels[0] : labels[1];
        }
        return dy < 0 ? labels[2] : labels[3];
    }

    private static int[] displayedRow(Viewport v, int row) {
        int columns = v.shownSlice().frame().columns();
        int[] out = new int[columns];
        for (int x = 0; x < columns; x++) {
            out[x] = v.pane().displayedArgb(x, row) & 0xFF;
        }
        return out;
    }

    /** The displayed grey of a lung pixel (a third of the way up the lung window). */
    private static int greyNear(Viewport v, Slice s) {
        org.fovea.render.WindowLevel wl = (org.fovea.render.WindowLevel) v.effectiveVoi();
        double hu = org.fovea.dicom.demo.ChestPhantom.LUNG_HU;
        for (int y = 0; y < s.frame().rows(); y++) {
            for (int x = 0; x < s.frame().columns(); x++) {
                if (Math.abs(s.pixelInfo().modalityLut().apply(s.frame().storedValue(x, y)) - hu) < wl.width() / 30) {
                    return v.pane().displayedArgb(x, y) & 0xFF;
                }
            }
        }
        throw new AssertionError("no pixel near " + hu + " HU");
    }
}
