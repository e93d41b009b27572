package org.fovea.render.volume;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Shares the rows of an image between the calling thread and one helper thread, in bands taken
 * in turn, so that a thread slowed by other work simply takes fewer bands. The caller does
 * whatever the helper has not started: a busy helper never makes an image wait.
 */
final class ParallelRows {

    /** Below this many pixels the hand-over to the helper costs more than it saves. */
    private static final int SPLIT_PIXELS = 1 << 15;

    /** Bands per image: enough for the two threads to even out. */
    private static final int BANDS = 16;

    /** One daemon helper for all reformats. */
    private static final ExecutorService HELPER = Runtime.getRuntime().availableProcessors() < 2 ? null
            : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fovea-reformat-helper");
                t.setDaemon(true);
                return t;
            });

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of an image, with one thread's scratch state. */
    interface Band {
        void rows(int from, int to);
    }

    private ParallelRows() {
    }

    /** Runs all {@code height} rows; {@code perThread} makes each taking thread's band worker. */
    static void run(int height, int width, Supplier<Band> perThread) {
        int bandRows = Math.max(1, (height + BANDS - 1) / BANDS);
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            Band band = null;
            int b;
            while ((b = next.getAndIncrement()) * bandRows < height) {
                if (band == null) {
                    band = perThread.get();
                }
                band.rows(b * bandRows, Math.min(height, (b + 1) * bandRows));
            }
        };
        if (HELPER == null || (long) height * width < SPLIT_PIXELS) {
            work.run();
            return;
        }
        FutureTask<Void> helperShare = new FutureTask<>(work, null);
        HELPER.execute(helperShare);
        work.run();
        helperShare.run();
        try {
            helperShare.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reformatting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reformatting failed", e.getCause());
        }
    }
}
