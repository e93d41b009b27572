package org.fovea.app.ui;

import org.fovea.render.Frame;
import org.fovea.render.volume.Reslicer;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.SlicePlane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reslices the 3D page's planes off the UI thread. Requests coalesce: while one set of planes is
 * being resliced, newer requests replace each other and only the latest is done next, so dragging
 * the crosshair never queues up stale work and the views show the newest position as fast as the
 * reslicer allows.
 */
final class MprRenderer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MprRenderer.class);

    /** One set of planes to reslice and where the frames go (called on the FX executor). */
    record Job(Reslicer reslicer, List<SlicePlane> planes, Slab slab, Consumer<List<Frame>> done) {
    }

    private final ExecutorService worker = Threads.pool("fovea-mpr", 1);
    private final Executor fx;
    private final AtomicReference<Job> pending = new AtomicReference<>();

    MprRenderer(Executor fx) {
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
            List<Frame> frames = new ArrayList<>(job.planes().size());
            for (SlicePlane p : job.planes()) {
                frames.add(job.reslicer().reslice(p, job.slab()));
            }
            fx.execute(() -> job.done().accept(frames));
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("reslicing failed", e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
