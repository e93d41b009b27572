package org.fovea.app.ui.common;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a stream of "something changed" signals from any thread into at most one action per
 * period on the FX thread. Unlike a debounce, a steady stream (a 500-image transfer) still gets
 * its periodic refresh instead of waiting for the stream to end.
 */
public final class RefreshThrottle {

    private final Duration period;
    private final Runnable action;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean stopped;

    public RefreshThrottle(Duration period, Runnable action) {
        this.period = period;
        this.action = action;
    }

    /** No action runs after this, even one already scheduled. */
    public void stop() {
        stopped = true;
    }

    /** Any thread. */
    public void request() {
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                PauseTransition wait = new PauseTransition(period);
                wait.setOnFinished(e -> {
                    scheduled.set(false);
                    // a refresh due after the window closed would query a closed archive
                    if (!stopped) {
                        action.run();
                    }
                });
                wait.play();
            });
        }
    }
}
