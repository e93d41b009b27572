package org.fovea.app.ui.common;

import javafx.application.Platform;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;

/**
 * Starts the JavaFX toolkit once per JVM without an Application subclass, so the command line
 * can open the window or take a headless snapshot, and runs work on the FX thread from others.
 */
public final class FxRuntime {

    private static final Object LOCK = new Object();
    private static boolean started;

    private FxRuntime() {
    }

    /** Starts the toolkit if nobody has; the JVM's other users (tests, the window) keep it alive. */
    public static void ensureStarted() {
        synchronized (LOCK) {
            if (started) {
                return;
            }
            CountDownLatch ready = new CountDownLatch(1);
            try {
                Platform.startup(ready::countDown);
            } catch (IllegalStateException alreadyRunning) {
                // started by someone else (TestFX, an embedding application): use theirs
                ready.countDown();
            }
            Platform.setImplicitExit(false);
            await(ready);
            started = true;
        }
    }

    /** Runs a task on the FX thread and waits for its result; from the FX thread it runs directly. */
    public static <T> T call(Callable<T> task) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return task.call();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        await(done);
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    public static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the JavaFX thread", e);
        }
    }
}
