package org.fovea.app.ui.threed;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.segment.BoneRemoval;
import org.fovea.render.volume.segment.TableRemoval;
import org.fovea.render.volume.segment.VolumeMasks;
import org.fovea.render.volume.segment.VoxelMask;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Bone and table removal for the VR view (R7, R8): each part's mask is computed once per volume,
 * off the FX thread, and VTK is sent the original volume with the chosen parts hidden, so undoing
 * a removal is sending less. Removal is offered for a CT only, and not while a mask is computed.
 * A mask belongs to the volume it was computed from: one that finishes after another volume was
 * set is dropped.
 */
final class VrRemovals {

    /** What can be removed. */
    enum Part { BONE, TABLE }

    private final Executor worker;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper offered = new ReadOnlyBooleanWrapper();
    private final Map<Part, VoxelMask> masks = new EnumMap<>(Part.class);
    private Volume original;

    /**
     * @param worker where masks are computed and applied (the VR panel's segmentation thread)
     * @param fx     how results reach the FX thread
     */
    VrRemovals(Executor worker, Executor fx) {
        this.worker = worker;
        this.fx = fx;
    }

    /** Whether the removal buttons can be used: a CT is shown and no mask is being computed. */
    ReadOnlyBooleanProperty offeredProperty() { return offered.getReadOnlyProperty(); }

    /** A new volume: no masks yet; removal offered if it is a CT. FX thread. */
    void setVolume(Volume volume, boolean ct) {
        original = volume;
        masks.clear();
        offered.set(ct);
    }

    /** Whether a part's mask of the current volume is computed. */
    boolean computed(Part part) { return masks.containsKey(part); }

    /**
     * Computes a part's mask of the current volume; removal is not offered meanwhile. The future
     * completes on the FX thread: true once the mask is kept, false when another volume was set
     * in the meantime (the mask is then dropped), exceptionally when the segmentation failed.
     */
    CompletableFuture<Boolean> compute(Part part) {
        Volume v = original;
        offered.set(false);
        CompletableFuture<Boolean> kept = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> part == Part.BONE ? BoneRemoval.bones(v) : TableRemoval.table(v), worker)
                .whenComplete((mask, error) -> fx.execute(() -> {
                    // the mask of a volume no longer shown changes nothing: the one shown now
                    // decides what is offered (an MR: nothing; another CT: its own computation)
                    if (v != original) {
                        kept.complete(false);
                        return;
                    }
                    offered.set(true);
                    if (error != null) {
                        kept.completeExceptionally(error);
                        return;
                    }
                    masks.put(part, mask);
                    kept.complete(true);
                }));
        return kept;
    }

    /**
     * The current volume with these parts hidden (those whose mask is computed), made on the
     * worker; the volume itself when nothing is hidden.
     */
    CompletableFuture<Volume> without(Set<Part> parts) {
        Volume v = original;
        Map<Part, VoxelMask> hidden = new EnumMap<>(Part.class);
        parts.stream().filter(masks::containsKey).forEach(p -> hidden.put(p, masks.get(p)));
        return CompletableFuture.supplyAsync(() -> {
            if (hidden.isEmpty()) {
                return v;
            }
            VoxelMask removed = new VoxelMask(v.columns(), v.rows(), v.slices());
            hidden.values().forEach(removed::or);
            return VolumeMasks.masked(v, removed);
        }, worker);
    }
}
