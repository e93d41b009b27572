package org.fovea.app.ui.threed;

import org.fovea.app.ui.threed.VrRemovals.Part;
import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VolumeGeometry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bone and table removal follow the volume on screen: a mask belongs to the volume it was
 * computed from, so one that finishes after the user opened another series neither offers
 * removal for that series nor hides anything in it. The segmentation thread is held by the test,
 * so "finishes after" is a fact of the test, not a race; results reach the "FX thread" at once.
 */
class VrRemovalsTest {

    private static final PixelInfo HU = new PixelInfo(false, new Rescale(1, -1024, "HU"), List.of());
    private static final VolumeGeometry ONE_MM = new VolumeGeometry(new Vec3(0, 0, 0), new Vec3(1, 0, 0),
            new Vec3(0, 1, 0), new Vec3(0, 0, 1));
    private static final int SIZE = 16;
    /** The CT's bone: a dense block in the middle of soft tissue. */
    private static final int BONE_FROM = 6;
    private static final int BONE_TO = 10;

    private final List<Runnable> segmentation = new ArrayList<>();
    private final VrRemovals removals = new VrRemovals(segmentation::add, Runnable::run);

    @Test
    void aCtsMaskFinishingAfterAnMrWasOpenedOffersNoRemovalForTheMrAndHidesNothingInIt() {
        Volume ct = ctWithBone();
        Volume mr = mr();
        removals.setVolume(ct, true);
        assertThat(removals.offeredProperty().get()).as("removal offered for the CT").isTrue();
        CompletableFuture<Boolean> bone = removals.compute(Part.BONE);
        assertThat(removals.offeredProperty().get()).as("not while the bone is computed").isFalse();

        removals.setVolume(mr, false);
        finishSegmentation();

        assertThat(bone).isCompletedWithValue(false);
        assertThat(removals.offeredProperty().get()).as("Remove bone / Remove table for the MR").isFalse();
        assertThat(removals.computed(Part.BONE)).isFalse();
        assertThat(shown(EnumSet.of(Part.BONE))).isSameAs(mr);
    }

    @Test
    void aMaskOfTheFormerCtDoesNotOfferRemovalWhileTheNewCtsOwnMaskIsComputed() {
        removals.setVolume(ctWithBone(), true);
        CompletableFuture<Boolean> formerBone = removals.compute(Part.BONE);
        Volume next = ctWithBone();
        removals.setVolume(next, true);
        CompletableFuture<Boolean> nextBone = removals.compute(Part.BONE);

        segmentation.remove(0).run();
        assertThat(formerBone).isCompletedWithValue(false);
        assertThat(removals.offeredProperty().get()).as("the new CT's bone is still being computed").isFalse();

        finishSegmentation();
        assertThat(nextBone).isCompletedWithValue(true);
        assertThat(removals.offeredProperty().get()).isTrue();
        assertThat(removals.computed(Part.BONE)).isTrue();
    }

    @Test
    void theShownCtsBoneIsKeptAndItsVoxelsAreHiddenUntilTheRemovalIsUndone() {
        Volume ct = ctWithBone();
        removals.setVolume(ct, true);
        CompletableFuture<Boolean> bone = removals.compute(Part.BONE);
        finishSegmentation();

        assertThat(bone).isCompletedWithValue(true);
        assertThat(removals.offeredProperty().get()).isTrue();
        Volume withoutBone = shown(EnumSet.of(Part.BONE));
        int c = SIZE / 2;
        assertThat(ct.modalityValue(c, c, c)).isEqualTo(1200);
        assertThat(withoutBone.modalityValue(c, c, c)).as("the bone, hidden").isEqualTo(-1000);
        assertThat(withoutBone.modalityValue(1, 1, 1)).as("soft tissue stays").isEqualTo(40);
        assertThat(shown(EnumSet.noneOf(Part.class))).as("undone").isSameAs(ct);
    }

    /** The volume VTK would be sent: made on the held thread, which the test runs. */
    private Volume shown(EnumSet<Part> hidden) {
        CompletableFuture<Volume> v = removals.without(hidden);
        finishSegmentation();
        return v.join();
    }

    private void finishSegmentation() {
        while (!segmentation.isEmpty()) {
            segmentation.remove(0).run();
        }
    }

    /** Soft tissue (40 HU) with a 4 mm block of dense bone (1200 HU) in the middle, in air at one corner. */
    private static Volume ctWithBone() {
        short[] values = new short[SIZE * SIZE * SIZE];
        for (int k = 0; k < SIZE; k++) {
            for (int j = 0; j < SIZE; j++) {
                for (int i = 0; i < SIZE; i++) {
                    boolean bone = in(i) && in(j) && in(k);
                    boolean air = i == 0 && j == 0 && k == 0;
                    values[(k * SIZE + j) * SIZE + i] = (short) ((bone ? 1200 : air ? -1000 : 40) + 1024);
                }
            }
        }
        return new Volume(SIZE, SIZE, SIZE, values, 0, true, HU, ONE_MM);
    }

    private static boolean in(int index) {
        return index >= BONE_FROM && index < BONE_TO;
    }

    private static Volume mr() {
        return new Volume(SIZE, SIZE, SIZE, new short[SIZE * SIZE * SIZE], 0, false,
                new PixelInfo(false, new Rescale(1, 0, ""), List.of()), ONE_MM);
    }
}
