package org.fovea.app.ui;

import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** What the window tests of every UI package read on the FX thread, and how long they wait for it. */
public final class FxWait {

    private FxWait() {
    }

    /** The value computed on the FX thread (directly when already on it). */
    public static <T> T onFx(Callable<T> c) {
        try {
            return Platform.isFxApplicationThread() ? c.call() : WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits up to 15 s for a condition evaluated on the FX thread. */
    public static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within 15 s", e);
        }
    }
}
