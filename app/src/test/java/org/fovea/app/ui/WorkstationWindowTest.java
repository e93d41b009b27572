package org.fovea.app.ui;

import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.geometry.VerticalDirection;
import javafx.stage.Stage;
import org.fovea.app.ui.viewer.ViewerView;
import org.fovea.app.ui.viewer.Viewport;
import org.fovea.dicom.series.Slice;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.demo.ChestPhantom;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/** Drives the real workstation window over the small demo archive (needs a display, e.g. Xvfb). */
@ExtendWith(ApplicationExtension.class)
class WorkstationWindowTest {

    private static DemoArchive demo;
    private WorkstationWindow window;

    @BeforeAll
    static void createDemo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void closeDemo() {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        window = new WorkstationWindow(demo.archive, Locale.ENGLISH);
        window.show(stage);
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void opensTheDemoStudyFromTheListAndShowsTheChinesePatientName(FxRobot robot) {
        Viewport viewport = openCurrentCt(robot);

        assertThat(overlay(viewport)).contains("王建国 (WANG JIANGUO)", "ID: FV0001", "Im: 1/60");
        assertThat(viewport.pane().edgeLabels()).isEqualTo("R L A P");
        assertThat(viewport.pane().scaleBarShown()).isTrue();
        assertThat(viewport.pane().scaleBarLabel()).endsWith(" mm");
    }

    @Test
    void wheelAndKeysScrollTheStack(FxRobot robot) {
        Viewport viewport = openCurrentCt(robot);

        robot.moveTo(viewport.pane()).scroll(3, VerticalDirection.DOWN);
        waitUntil(() -> viewport.index() == 3);
        assertThat(overlay(viewport)).contains("Im: 4/60");
        robot.scroll(1, VerticalDirection.UP);
        waitUntil(() -> viewport.index() == 2);

        robot.type(KeyCode.DOWN);
        assertThat(onFx(viewport::index)).isEqualTo(3);
        robot.type(KeyCode.PAGE_DOWN);
        assertThat(onFx(viewport::index)).isEqualTo(13);
        robot.type(KeyCode.END);
        waitUntil(() -> overlay(viewport).contains("Im: 60/60") && !overlay(viewport).contains("loading"));
        robot.type(KeyCode.PAGE_UP);
        assertThat(onFx(viewport::index)).isEqualTo(49);
        robot.type(KeyCode.HOME);
        robot.type(KeyCode.UP);
        waitUntil(() -> overlay(viewport).contains("Im: 1/60"));
    }

    @Test
    void keysStillScrollAfterAClickInTheViewport(FxRobot robot) {
        Viewport viewport = openCurrentCt(robot);

        robot.clickOn(viewport.pane());
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.PAGE_DOWN);

        assertThat(onFx(viewport::index)).isEqualTo(11);
        waitUntil(() -> overlay(viewport).contains("Im: 12/60"));
    }

    @Test
    void presetHotkeysChangeTheDisplayedPixels(FxRobot robot) {
        Viewport viewport = openCurrentCt(robot);
        robot.type(KeyCode.PAGE_DOWN, 3);
        waitUntil(() -> viewport.index() == 30 && viewport.stack().slice(30) != null);
        Slice slice = onFx(() -> viewport.stack().slice(30));
        int[] lung = pixelNear(slice, ChestPhantom.LUNG_HU);
        int[] tissue = pixelNear(slice, ChestPhantom.SOFT_TISSUE_HU);

        robot.type(KeyCode.DIGIT1);
        int lungInLungWindow = gray(viewport, lung);
        int tissueInLungWindow = gray(viewport, tissue);
        assertThat(overlay(viewport)).contains("W: 1500 L: -600");
        // (-850 + 600) / 1500 + 0.5 of full scale: a mid-dark gray, lung texture visible
        assertThat(lungInLungWindow).isBetween(70, 100);
        assertThat(tissueInLungWindow).isGreaterThan(220);

        robot.type(KeyCode.DIGIT2);
        assertThat(overlay(viewport)).contains("W: 350 L: 40");
        assertThat(gray(viewport, lung)).isZero();
        assertThat(gray(viewport, tissue)).isBetween(115, 140);

        robot.type(KeyCode.R);
        assertThat(overlay(viewport)).doesNotContain("W: 350 L: 40");
    }

    @Test
    void lungAndMediastinumSideBySideShowOneSliceInBothWindowsAndScrollTogether(FxRobot robot) {
        Viewport viewport = openCurrentCt(robot);
        robot.type(KeyCode.PAGE_DOWN);
        waitUntil(() -> viewport.index() == 10);

        robot.clickOn("#viewer-display").clickOn("Lung | Mediastinum");

        ViewerView viewer = window.viewer();
        waitUntil(() -> viewer.visibleViewports().size() == 2);
        Viewport lung = onFx(() -> viewer.visibleViewports().get(0));
        Viewport mediastinum = onFx(() -> viewer.visibleViewports().get(1));
        assertThat(onFx(() -> lung.stack() == mediastinum.stack() && lung.stack() == viewport.stack())).isTrue();
        waitUntil(() -> overlay(lung).contains("W: 1500 L: -600") && overlay(mediastinum).contains("W: 350 L: 40"));
        assertThat(onFx(() -> List.of(lung.index(), mediastinum.index()))).containsExactly(10, 10);

        robot.moveTo(mediastinum.pane()).scroll(5, javafx.geometry.VerticalDirection.DOWN);
        waitUntil(() -> mediastinum.index() == 15 && lung.index() == 15);
        robot.clickOn(lung.pane()).type(KeyCode.UP);
        waitUntil(() -> lung.index() == 14 && mediastinum.index() == 14);
    }

    @Test
    void switchingTheLanguageRelabelsTheMenus(FxRobot robot) {
        robot.clickOn("Language").clickOn("中文");

        assertThat(onFx(() -> window.menuBar().getMenus().get(0).getText())).isEqualTo("文件");
        assertThat(robot.lookup("检查列表").tryQuery()).isPresent();
    }

    @Test
    void aThumbnailDraggedOntoAViewportShowsItsSeriesThere(FxRobot robot) {
        // the chest film hangs beside its prior, of which the demo has none: the right viewport is empty
        StudySummary dr = demo.study(DemoStudy.CHEST_DR);
        waitUntil(() -> window.studyList().studyTable().getItems().size() == 3);
        robot.doubleClickOn(robot.lookup(".table-row-cell").match((TableRow<StudySummary> r) -> dr.equals(r.getItem()))
                .<Node>query());
        waitUntil(() -> onFx(() -> window.viewer().visibleViewports().size() == 2
                && window.viewer().visibleViewports().get(0).currentImage() != null));
        Viewport right = onFx(() -> window.viewer().visibleViewports().get(1));
        assertThat(onFx(right::stack)).isNull();
        waitUntil(() -> !window.viewer().thumbnailCells().isEmpty());
        Node thumbnail = onFx(() -> window.viewer().thumbnailCells().get(0));

        robot.drag(thumbnail).dropTo(right.pane());

        waitUntil(() -> right.stack() != null && overlay(right).contains("Im: 1/1"));
        assertThat(onFx(() -> window.viewer().activeViewport())).isSameAs(right);
    }

    private Viewport openCurrentCt(FxRobot robot) {
        StudySummary ct = demo.study(DemoStudy.CURRENT_CT);
        waitUntil(() -> window.studyList().studyTable().getItems().size() == 3);
        Node row = robot.lookup(".table-row-cell")
                .match((TableRow<StudySummary> r) -> ct.equals(r.getItem())).query();
        robot.doubleClickOn(row);
        Viewport viewport = onFx(() -> window.viewer().activeViewport());
        waitUntil(() -> viewport.stack() != null && viewport.stack().slice(0) != null
                && overlay(viewport).contains("Im: 1/60") && !overlay(viewport).contains("loading"));
        return viewport;
    }

    /** The image pixel nearest the middle of the slice whose modality value is within 15 of {@code hu}. */
    private static int[] pixelNear(Slice slice, double hu) {
        var frame = slice.frame();
        int[] best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int y = 0; y < frame.rows(); y++) {
            for (int x = 0; x < frame.columns(); x++) {
                double v = slice.pixelInfo().modalityLut().apply(frame.storedValue(x, y));
                double d = Math.hypot(x - frame.columns() / 2.0, y - frame.rows() / 2.0);
                if (Math.abs(v - hu) <= 15 && d < bestDistance) {
                    best = new int[] {x, y};
                    bestDistance = d;
                }
            }
        }
        assertThat(best).as("a pixel of %s HU in the phantom", hu).isNotNull();
        return best;
    }

    private static int gray(Viewport v, int[] xy) {
        int argb = onFx(() -> v.pane().displayedArgb(xy[0], xy[1]));
        assertThat(argb >>> 24).isEqualTo(0xFF);
        assertThat(argb & 0xFF).isEqualTo(argb >> 8 & 0xFF);
        return argb & 0xFF;
    }

    private static String overlay(Viewport v) {
        return onFx(() -> v.pane().overlayText());
    }
}
