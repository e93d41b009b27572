package org.fovea.app.ui.viewer;

import org.fovea.app.ui.DemoWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * Cine (V23) in the real window: the demo CT played forwards at 10 images a second advances at
 * that rate within 20 % over a second and a half; back and forth, it turns at the last image.
 */
@ExtendWith(ApplicationExtension.class)
class CineWindowTest {

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
    void cinePlaysAtTheChosenRateAndTurnsAtTheEnd(FxRobot robot) throws Exception {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);
            Viewport v = onFx(viewer::activeViewport);

            long t0 = System.nanoTime();
            robot.interact(() -> viewer.cine().play(10, Cine.Mode.FORWARD));
            Thread.sleep(1500);
            long steps = onFx(() -> viewer.cine().steps());
            double seconds = (System.nanoTime() - t0) / 1e9;
            robot.interact(() -> viewer.cine().stop());
            assertThat((double) steps).as("images shown in %.2f s at 10/s", seconds).isCloseTo(seconds * 10, within(seconds * 10 * 0.2));
            assertThat(onFx(v::index)).isEqualTo((int) (onFx(() -> viewer.cine().steps()) % onFx(() -> v.stack().size())));

            int last = onFx(() -> v.stack().size()) - 1;
            robot.interact(() -> v.moveTo(last - 2));
            robot.interact(() -> viewer.cine().play(20, Cine.Mode.BOUNCE));
            waitUntil(() -> onFx(() -> viewer.cine().steps()) >= 5);
            robot.interact(() -> viewer.cine().stop());
            long bounced = onFx(() -> viewer.cine().steps());
            // last-2 → last-1 → last → last-1 → last-2 → ...: after the turn it goes down again
            assertThat(onFx(v::index)).isEqualTo(last - (int) (bounced - 2));
        }
    }
}
