package org.fovea.app.ui.threed;

import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Threads;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.series.NotAVolumeException;
import org.fovea.dicom.series.SeriesStack;
import org.fovea.dicom.series.Slice;
import org.fovea.dicom.series.VolumeBuilder;
import org.fovea.render.volume.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;

/**
 * Makes the 3D page's volume from a series the 2D viewer decodes: waits for the decoding to finish
 * (saying how far it got), builds the volume on a thread of its own, and hands it to the FX
 * thread, or the sentence saying why the series is not shown in 3D. Only the latest request is
 * answered.
 */
final class VolumeLoader {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeLoader.class);

    /** A built volume and the header of one of its slices (modality, patient). */
    record Loaded(Volume volume, ImageHeader header) {
    }

    /** What a load tells the page; every call comes on the FX thread. */
    interface Listener {
        /** How far the decoding got, as a sentence. */
        void progress(String sentence);

        void loaded(Loaded loaded);

        /** Why the series is not shown in 3D, as a sentence. */
        void failed(String reason);
    }

    private final I18n i18n;
    private final Executor fx;
    private final ExecutorService builder = Threads.pool("fovea-volume", 1);
    private long generation;
    private SeriesStack loading;
    private IntConsumer loadingListener;

    VolumeLoader(I18n i18n, Executor fx) {
        this.i18n = i18n;
        this.fx = fx;
    }

    /** Loads a series' volume; an earlier load still under way is no longer answered. FX thread. */
    void load(SeriesStack stack, Listener listener) {
        long g = ++generation;
        stopListening();
        loading = stack;
        loadingListener = i -> {
            if (g == generation && loading == stack) {
                listener.progress(progress(stack));
            }
        };
        stack.addListener(loadingListener);
        listener.progress(progress(stack));
        stack.whenDecoded()
                .thenApplyAsync(done -> build(stack), builder)
                .whenComplete((built, error) -> fx.execute(() -> {
                    if (g != generation) {
                        return;
                    }
                    stopListening();
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        listener.failed(reason(cause));
                        LOG.info("not shown in 3D: {}", cause.getMessage());
                        return;
                    }
                    listener.loaded(built);
                }));
    }

    /** The load under way, if any, is no longer answered. */
    void cancel() {
        ++generation;
        stopListening();
    }

    /** Ends the builder thread at application exit. */
    void dispose() {
        cancel();
        builder.shutdownNow();
    }

    private String progress(SeriesStack stack) {
        return i18n.format("threeD.loading", String.valueOf(stack.finished()), String.valueOf(stack.size()));
    }

    private static Loaded build(SeriesStack stack) {
        try {
            Volume v = VolumeBuilder.build(stack);
            // a pass over every voxel that the reslicers' constructors would otherwise make on the FX thread
            v.minStoredValue();
            Slice any = stack.anySlice();
            return new Loaded(v, any.header());
        } catch (NotAVolumeException e) {
            throw new CompletionException(e);
        }
    }

    private String reason(Throwable t) {
        if (t instanceof NotAVolumeException n) {
            Object[] args = Arrays.stream(n.arguments()).map(String::valueOf).toArray();
            return i18n.format("threeD.notAVolume", i18n.format("volume.reason." + n.reason().name(), args));
        }
        if (t instanceof CancellationException) {
            return i18n.get("threeD.closed");
        }
        if (t instanceof OutOfMemoryError) {
            return i18n.get("threeD.outOfMemory");
        }
        return i18n.format("threeD.failed", String.valueOf(t.getMessage()));
    }

    private void stopListening() {
        if (loading != null && loadingListener != null) {
            loading.removeListener(loadingListener);
        }
        loading = null;
        loadingListener = null;
    }
}
