package org.fovea.app.ui.threed;

import org.fovea.app.ui.common.Threads;
import org.fovea.render.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Computes reformatted images (MPR planes, CPRs) off the UI thread. Requests coalesce: while one
 * is being computed, newer requests replace each other and only the latest is done next, so
 * dragging the crosshair never queues up stale work and the views show the newest position as
 * fast as the reslicer allows.
 */
final class MprRenderer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MprRenderer.class);

    /** Frames to compute, and what to do with them on the FX executor. */
    record Job(Supplier<List<Frame>> work, Consumer<List<Frame>> done) {
    }

    private final ExecutorService worker;
    private final Executor fx;
    private final AtomicReference<Job> pending = new AtomicReference<>();

    MprRenderer(String name, Executor fx) {
        this.worker = Threads.pool(name, 1);
        this.fx = fx;
    }

    void submit(Job job) {
        if (pending.getAndSet(job) == null) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        Job job = pending.getAndSet(null);
        if (job == null) {
            return;
        }
        try {
            List<Frame> frames = job.work().get();
            fx.execute(() -> job.done().accept(frames));
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("reformatting failed", e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
