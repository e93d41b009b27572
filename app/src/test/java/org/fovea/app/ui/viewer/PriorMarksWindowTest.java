package org.fovea.app.ui.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.fovea.app.ui.DemoWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A length drawn on last year's prior, hung under the current chest CT by its protocol, is the
 * prior's: it is written into the prior study (not the current one), listed as the prior's, and
 * shown on the prior again when the current study is opened the next day.
 */
@ExtendWith(ApplicationExtension.class)
class PriorMarksWindowTest {

    private static DemoArchive demo;

    @BeforeAll
    static void demo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private static List<Viewport> hung(ViewerView viewer) {
        waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 4
                && viewer.visibleViewports().stream().allMatch(v -> v.currentImage() != null)));
        return onFx(viewer::visibleViewports);
    }

    private static Point2D at(Viewport v, double fx, double fy) {
        return onFx(() -> v.pane().localToScreen(v.pane().getWidth() * fx, v.pane().getHeight() * fy));
    }

    private static List<String> modalities(DemoStudy study) {
        return demo.archive.series(demo.study(study).studyUid()).stream().map(SeriesSummary::modality).toList();
    }

    @Test
    void aLengthOnThePriorIsKeptInThePriorAndShownThereAgain(FxRobot robot) {
        String priorSeries = DemoStudy.PRIOR_CT.seriesUid(DemoSize.SMALL);
        Annotation drawn;
        double mm;
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);
            Viewport prior = hung(viewer).get(2);
            assertThat(onFx(() -> prior.currentImage().seriesUid())).isEqualTo(priorSeries);
            robot.clickOn(onFx(prior::pane)).type(KeyCode.L);
            robot.moveTo(at(prior, 0.35, 0.45)).press(MouseButton.PRIMARY).moveTo(at(prior, 0.62, 0.52))
                    .release(MouseButton.PRIMARY);
            waitUntil(() -> onFx(() -> viewer.marks().all().size()) == 1);
            drawn = onFx(() -> viewer.marks().all().get(0));
            assertThat(drawn.kind()).isEqualTo(Kind.LENGTH);
            assertThat(drawn.image().seriesUid()).isEqualTo(priorSeries);
            assertThat(onFx(() -> viewer.reading().imageLabel(drawn.image()))).startsWith("Prior · Se ");
            mm = onFx(() -> viewer.measure(drawn).values().get(0).value());
            assertThat(mm).isGreaterThan(20);
        }
        // closing the window wrote it: into the prior, as a measurement report and a presentation state
        waitUntil(() -> modalities(DemoStudy.PRIOR_CT).containsAll(List.of("SR", "PR")));
        assertThat(modalities(DemoStudy.CURRENT_CT)).as("nothing was drawn on the current study")
                .doesNotContain("SR", "PR");

        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);
            Viewport prior = hung(viewer).get(2);
            waitUntil(() -> onFx(() -> viewer.marks().all().size()) == 1);
            Annotation back = onFx(() -> viewer.marks().all().get(0));
            assertThat(back.id()).isEqualTo(drawn.id());
            assertThat(back.image()).isEqualTo(drawn.image());
            assertThat(onFx(() -> viewer.marks().readOnlyReason(back.id()))).as("ours, so it can be edited").isEmpty();
            Value length = onFx(() -> viewer.measure(back).values().get(0));
            assertThat(length.value()).isCloseTo(mm, org.assertj.core.data.Offset.offset(1e-3));
            // on the prior's viewport once it shows the image the length was drawn on
            robot.interact(() -> prior.showImage(back.image().sopInstanceUid(), back.image().frame()));
            waitUntil(() -> onFx(() -> prior.pane().markLayer().drawn().size()) == 1);
            assertThat(onFx(() -> hung(viewer).get(0).pane().markLayer().drawn())).isEmpty();
        }
    }
}
