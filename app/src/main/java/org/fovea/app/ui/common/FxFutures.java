package org.fovea.app.ui.common;

import javafx.application.Platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Background work whose result arrives on the FX thread, for the services the views call. */
public final class FxFutures {

    private FxFutures() {
    }

    /**
     * Runs {@code work} on {@code thread}; the returned future completes on the FX thread, with the
     * work's own exception (not wrapped in a CompletionException), so views can show its message.
     */
    public static <T> CompletableFuture<T> onFx(Supplier<T> work, Executor thread) {
        CompletableFuture<T> onFx = new CompletableFuture<>();
        CompletableFuture<T> running;
        try {
            running = CompletableFuture.supplyAsync(work, thread);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the service was closed (its window too) while a refresh was on its way: a failed
            // future the caller handles like any other, not an exception thrown on the FX thread
            onFx.completeExceptionally(closed);
            return onFx;
        }
        running.whenComplete((value, error) -> Platform.runLater(() -> {
            if (error != null) {
                onFx.completeExceptionally(error instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : error);
            } else {
                onFx.complete(value);
            }
        }));
        return onFx;
    }
}
