package org.fovea.render.volume.segment;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The bookkeeping of a long segmentation: asks whether the user cancelled, reports the fraction
 * done (never going back, whichever worker thread reports), and runs per-slice steps on every core.
 */
final class Work {

    private final BooleanSupplier cancelled;
    private final DoubleConsumer progress;
    private double reported = -1;

    Work(BooleanSupplier cancelled, DoubleConsumer progress) {
        this.cancelled = cancelled;
        this.progress = progress;
    }

    /** Throws {@link CancellationException} once the user has cancelled. */
    void check() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("segmentation cancelled");
        }
    }

    synchronized void report(double fraction) {
        if (fraction > reported) {
            reported = fraction;
            progress.accept(fraction);
        }
    }

    /**
     * Runs {@code step} for every slice, in parallel; slices are independent of one another in
     * such a step except for the bits they set ({@link VoxelMask#setConcurrently}). Progress goes
     * from {@code from} to {@code to} as slices finish.
     */
    void perSlice(int slices, double from, double to, IntConsumer step) {
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, slices).parallel().forEach(k -> {
            check();
            step.accept(k);
            report(from + (to - from) * done.incrementAndGet() / slices);
        });
    }
}
