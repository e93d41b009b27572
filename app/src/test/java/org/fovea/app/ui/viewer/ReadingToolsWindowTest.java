package org.fovea.app.ui.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.ui.tools.MarkLayer;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.Quantity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The reading tools in the real window, driven by mouse and keys as a radiologist uses them:
 * a length drawn with the mouse measures the millimetres on screen, undo and redo, delete,
 * copy to the next image, and a key image.
 */
@ExtendWith(ApplicationExtension.class)
class ReadingToolsWindowTest {

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
        // drawing and editing only: keeping marks across sessions is ReadingToolsRestartTest's
        window.viewer().setMarkStore(org.fovea.app.ui.tools.MarkStore.NONE);
        window.show(stage);
    }

    @Stop
    void stop() {
        window.close();
    }

    private ViewerView openCt() {
        Platform.runLater(() -> window.openStudy(demo.study(DemoStudy.CURRENT_CT)));
        ViewerView viewer = window.viewer();
        waitUntil(() -> onFx(() -> viewer.activeViewport() != null && viewer.activeViewport().currentImage() != null));
        return viewer;
    }

    /** A point of the active viewport, as a fraction of its size, on the screen. */
    private static Point2D at(Viewport v, double fx, double fy) {
        return onFx(() -> v.pane().localToScreen(v.pane().getWidth() * fx, v.pane().getHeight() * fy));
    }

    private static List<Annotation> marks(ViewerView viewer) {
        return onFx(() -> viewer.reading().marks().all());
    }

    @Test
    void aLengthDrawnWithTheMouseMeasuresTheMillimetresOnScreen(FxRobot robot) {
        ViewerView viewer = openCt();
        Viewport v = onFx(viewer::activeViewport);
        Point2D a = at(v, 0.40, 0.45), b = at(v, 0.62, 0.55);
        robot.type(KeyCode.L);
        robot.moveTo(a).press(MouseButton.PRIMARY).moveTo(at(v, 0.5, 0.5)).moveTo(b).release(MouseButton.PRIMARY);

        waitUntil(() -> marks(viewer).size() == 1);
        Annotation length = marks(viewer).get(0);
        assertThat(length.kind()).isEqualTo(Kind.LENGTH);
        double mm = onFx(() -> v.marks().measurer().measure(length)).value(Quantity.LENGTH).orElseThrow().value();
        double perMm = onFx(() -> v.pixelsPerMm());
        double expected = a.distance(b) / perMm;
        assertThat(mm).isCloseTo(expected, within(2 / perMm));       // a screen pixel at each end
        List<MarkLayer.Drawn> drawn = onFx(() -> v.pane().markLayer().drawn());
        assertThat(drawn).hasSize(1);
        assertThat(drawn.get(0).lines().get(0)).endsWith(" mm");
        assertThat(drawn.get(0).scaleLine()).isEqualTo("Pixel Spacing");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitUntil(() -> marks(viewer).isEmpty());
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        waitUntil(() -> marks(viewer).size() == 1);

        // pressing on the line selects it; Del deletes it
        robot.moveTo(at(v, 0.51, 0.50)).press(MouseButton.PRIMARY).release(MouseButton.PRIMARY);
        waitUntil(() -> onFx(() -> v.marks().selected().isPresent()));
        robot.type(KeyCode.DELETE);
        waitUntil(() -> marks(viewer).isEmpty());
    }

    @Test
    void aMarkCopiedToTheNextImageLandsInTheSamePlaceAndKMarksAKeyImage(FxRobot robot) {
        ViewerView viewer = openCt();
        Viewport v = onFx(viewer::activeViewport);
        robot.type(KeyCode.E);
        robot.moveTo(at(v, 0.45, 0.45)).press(MouseButton.PRIMARY).moveTo(at(v, 0.55, 0.52))
                .release(MouseButton.PRIMARY);
        waitUntil(() -> marks(viewer).size() == 1);
        Annotation first = marks(viewer).get(0);
        ImageRef firstImage = onFx(v::currentImage);
        assertThat(first.image()).isEqualTo(firstImage);

        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        robot.type(KeyCode.DOWN);
        waitUntil(() -> onFx(() -> v.currentImage() != null && !v.currentImage().equals(firstImage)));
        robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        waitUntil(() -> marks(viewer).size() == 2);
        Annotation copy = marks(viewer).get(1);
        assertThat(copy.points()).isEqualTo(first.points());
        assertThat(copy.image()).isEqualTo(onFx(v::currentImage));
        assertThat(copy.id()).isNotEqualTo(first.id());
        // on the first image only the first ellipse is drawn
        robot.type(KeyCode.UP);
        waitUntil(() -> onFx(() -> firstImage.equals(v.currentImage())));
        assertThat(onFx(() -> v.pane().markLayer().drawn())).hasSize(1);

        robot.type(KeyCode.K);
        waitUntil(() -> onFx(() -> viewer.reading().keyImages().contains(firstImage)));
        assertThat(onFx(() -> v.pane().markLayer().banner())).contains("Key image");
        robot.type(KeyCode.K);
        waitUntil(() -> onFx(() -> !viewer.reading().keyImages().contains(firstImage)));
    }

    @Test
    void theMagnifierShowsTheImagesOwnPixelsTwoToFourTimesLargerWhileTheButtonIsHeld(FxRobot robot) {
        ViewerView viewer = openCt();
        Viewport v = onFx(viewer::activeViewport);
        robot.type(KeyCode.G);
        robot.moveTo(at(v, 0.5, 0.5)).press(MouseButton.PRIMARY);
        waitUntil(() -> onFx(() -> v.pane().loupe().isVisible()));
        double perImagePixel = onFx(() -> v.pixelsPerMm() * v.currentSpacingMm());
        // the loupe's 200 screen pixels show 200 / (2 x screen pixels per image pixel) image pixels
        javafx.scene.image.ImageView view = onFx(() -> (javafx.scene.image.ImageView) v.pane().loupe()
                .getChildrenUnmodifiable().get(0));
        assertThat(onFx(() -> view.getViewport().getWidth())).isCloseTo(200 / (2 * perImagePixel),
                org.assertj.core.api.Assertions.within(1e-6));
        assertThat(onFx(view::isSmooth)).isFalse();
        robot.type(KeyCode.EQUALS);
        robot.moveBy(3, 0);
        waitUntil(() -> onFx(() -> Math.abs(view.getViewport().getWidth() - 200 / (3 * perImagePixel)) < 1e-6));
        robot.release(MouseButton.PRIMARY);
        waitUntil(() -> onFx(() -> !v.pane().loupe().isVisible()));
    }
}
