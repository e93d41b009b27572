package org.fovea.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.ScrollEvent;
import javafx.scene.robot.Robot;
import org.fovea.app.ui.common.FxRuntime;
import org.fovea.app.ui.viewer.ViewportPane;

/**
 * Scrolling as a hand on a wheel does, for the window benchmarks: notches over a viewport by
 * JavaFX's {@code Robot} (the events come through the window system), one at a time, each timed
 * from the event reaching the viewport to the end of the first layout pulse in which {@code shown}
 * holds (checked on the FX thread), 20 ms apart; the direction turns every {@code turnEvery}.
 */
final class WheelNotches {

    private WheelNotches() {
    }

    /** The measured notches' times in ms, the warm-up ones left out. */
    static double[] measure(ViewportPane pane, int warmUp, int steps, int turnEvery, BooleanSupplier shown)
            throws Exception {
        Robot[] robot = new Robot[1];
        Point2D centre = FxRuntime.call(() -> pane.localToScreen(pane.getWidth() / 2, pane.getHeight() / 2));
        FxRuntime.call(() -> {
            robot[0] = new Robot();
            robot[0].mouseMove(centre);
            return null;
        });
        AtomicLong eventAt = new AtomicLong();
        List<Double> ms = new ArrayList<>();
        CountDownLatch[] done = new CountDownLatch[1];
        Scene scene = FxRuntime.call(pane::getScene);
        Runnable pulse = new Runnable() {
            @Override
            public void run() {
                if (shown.getAsBoolean()) {
                    scene.removePostLayoutPulseListener(this);
                    ms.add((System.nanoTime() - eventAt.get()) / 1e6);
                    done[0].countDown();
                } else {
                    Platform.requestNextPulse();
                }
            }
        };
        javafx.event.EventHandler<ScrollEvent> filter = e -> {
            eventAt.set(System.nanoTime());
            scene.addPostLayoutPulseListener(pulse);
        };
        FxRuntime.call(() -> {
            pane.addEventFilter(ScrollEvent.SCROLL, filter);
            return null;
        });
        int direction = -1;
        for (int i = 0; i < warmUp + steps; i++) {
            if (i % turnEvery == 0) {
                direction = -direction;
            }
            done[0] = new CountDownLatch(1);
            int notch = direction;
            FxRuntime.call(() -> {
                robot[0].mouseWheel(notch);
                return null;
            });
            if (!done[0].await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("nothing shown 10 s after a wheel event");
            }
            Thread.sleep(20);                    // a hand on a wheel, not a flood of events
        }
        FxRuntime.call(() -> {
            pane.removeEventFilter(ScrollEvent.SCROLL, filter);
            return null;
        });
        return ms.subList(warmUp, ms.size()).stream().mapToDouble(Double::doubleValue).toArray();
    }
}
