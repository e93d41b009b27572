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
        CompletableFuture.supplyAsync(work, thread).whenComplete((value, error) -> Platform.runLater(() -> {
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
