package org.fovea.app.ui.viewer;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Marks drawn in the real window are in the study after the workstation is closed and opened
 * again: the same marks at the same places with the same values, kept as DICOM objects (a
 * measurement report, a presentation state, a key object selection) that the viewer does not
 * show as series of images.
 */
@ExtendWith(ApplicationExtension.class)
class ReadingToolsRestartTest {

    private static DemoArchive demo;
    private WorkstationWindow window;
    private Stage stage;

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
        this.stage = stage;
        window = new WorkstationWindow(demo.archive, Locale.ENGLISH);
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

    private static Point2D at(Viewport v, double fx, double fy) {
        return onFx(() -> v.pane().localToScreen(v.pane().getWidth() * fx, v.pane().getHeight() * fy));
    }

    private static void drag(FxRobot robot, Point2D a, Point2D b) {
        robot.moveTo(a).press(MouseButton.PRIMARY).moveTo(b).release(MouseButton.PRIMARY);
    }

    @Test
    void marksDrawnBeforeARestartAreThereAfterItWithTheSameValues(FxRobot robot) {
        ViewerView viewer = openCt();
        Viewport v = onFx(viewer::activeViewport);
        robot.clickOn(v.pane()).type(KeyCode.L);
        drag(robot, at(v, 0.35, 0.40), at(v, 0.60, 0.48));
        robot.type(KeyCode.E);
        drag(robot, at(v, 0.45, 0.55), at(v, 0.55, 0.62));
        robot.type(KeyCode.W);
        drag(robot, at(v, 0.70, 0.30), at(v, 0.62, 0.38));
        robot.type(KeyCode.K);
        waitUntil(() -> onFx(() -> viewer.marks().all().size()) == 3);
        List<Annotation> drawn = onFx(() -> viewer.marks().all());
        List<List<Value>> values = onFx(() -> drawn.stream().map(viewer::measure).map(Measured::values).toList());

        // the workstation closes (its marks are written) and opens again on the same archive
        onFx(() -> {
            window.close();
            window = new WorkstationWindow(demo.archive, Locale.ENGLISH);
            window.show(stage);
            return null;
        });
        ViewerView again = openCt();
        waitUntil(() -> onFx(() -> again.marks().all().size()) == 3);
        List<Annotation> loaded = onFx(() -> again.marks().all());
        assertThat(loaded).extracting(Annotation::kind).containsExactlyInAnyOrder(Kind.LENGTH, Kind.ELLIPSE, Kind.ARROW);
        for (Annotation a : drawn) {
            Annotation back = loaded.stream().filter(x -> x.id().equals(a.id())).findFirst().orElseThrow();
            assertThat(back.image()).isEqualTo(a.image());
            for (int i = 0; i < a.points().size(); i++) {
                // stored as 32-bit floats
                assertThat(back.points().get(i).x()).isCloseTo(a.points().get(i).x(),
                        org.assertj.core.api.Assertions.within(1e-3));
                assertThat(back.points().get(i).y()).isCloseTo(a.points().get(i).y(),
                        org.assertj.core.api.Assertions.within(1e-3));
            }
        }
        waitUntil(() -> onFx(() -> again.activeViewport().pane().markLayer().drawn().size()) == 3);
        List<List<Value>> valuesAgain = onFx(() -> drawn.stream().map(a -> loaded.stream()
                .filter(x -> x.id().equals(a.id())).findFirst().orElseThrow()).map(again::measure)
                .map(Measured::values).toList());
        for (int i = 0; i < values.size(); i++) {
            assertThat(valuesAgain.get(i)).hasSameSizeAs(values.get(i));
            for (int k = 0; k < values.get(i).size(); k++) {
                Value before = values.get(i).get(k), after = valuesAgain.get(i).get(k);
                assertThat(after.quantity()).isEqualTo(before.quantity());
                assertThat(after.unit()).isEqualTo(before.unit());
                assertThat(after.value()).as(before.quantity().name())
                        .isCloseTo(before.value(), org.assertj.core.api.Assertions.within(1e-3 * Math.max(1, Math.abs(before.value()))));
            }
        }
        assertThat(onFx(() -> again.reading().keyImages().contains(again.activeViewport().currentImage()))).isTrue();
        // the documents are in the study, and not among the series the viewer shows
        List<SeriesSummary> series = demo.archive.series(demo.study(DemoStudy.CURRENT_CT).studyUid());
        assertThat(series).extracting(SeriesSummary::modality).contains("SR", "PR", "KO");
        assertThat(onFx(() -> again.thumbnailCells().size())).as("the axial series and the scout").isEqualTo(2);
    }
}
