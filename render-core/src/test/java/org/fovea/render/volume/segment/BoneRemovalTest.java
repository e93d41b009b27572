package org.fovea.render.volume.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.volume.Volume;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

class BoneRemovalTest {

    private static final double SOFT = 40;
    private static final double CORTEX = 1000;
    private static final double CANCELLOUS = 300;
    private static final double CONTRAST = 350;

    /** A vertebra-like column along z at (24, 32): cortex 9..12 mm, cancellous bone inside. */
    private static boolean bone(double x, double y) {
        return Math.hypot(x - 24, y - 32) < 12;
    }

    private static double boneAxisDistance(double x, double y) {
        return Math.hypot(x - 24, y - 32);
    }

    /** A contrast-filled vessel along z whose wall touches the cortex over its whole length. */
    private static boolean vessel(double x, double y) {
        return !bone(x, y) && Math.hypot(x - 41.5, y - 32) < 6.5;
    }

    private static final SyntheticCt.Drawing VERTEBRA_AND_AORTA = (x, y, z) -> {
        double r = boneAxisDistance(x, y);
        if (r < 9) {
            return CANCELLOUS;
        }
        if (r < 12) {
            return CORTEX;
        }
        return vessel(x, y) ? CONTRAST : SOFT;
    };

    @Test
    void removesTheWholeBoneAndOnlyTheVesselWallTouchingIt() {
        Volume v = SyntheticCt.draw(64, 64, 16, 1, 1, VERTEBRA_AND_AORTA);
        VoxelMask removed = BoneRemoval.bones(v);

        VoxelMask bone = SyntheticCt.where(v, (x, y, z) -> bone(x, y));
        VoxelMask vessel = SyntheticCt.where(v, (x, y, z) -> vessel(x, y));
        VoxelMask vesselNearBone = SyntheticCt.where(v, (x, y, z) -> vessel(x, y)
                && boneAxisDistance(x, y) <= 12 + BoneRemoval.RIM_MM);
        assertThat(SyntheticCt.overlap(bone, removed)).isEqualTo(bone.count());
        // nothing but bone and the vessel's 2 mm next to the cortex: the rest of the vessel stays
        VoxelMask allowed = VoxelMask.sizedFor(v).or(bone).or(vesselNearBone);
        assertThat(VoxelMask.sizedFor(v).or(removed).andNot(allowed).count()).isZero();
        assertThat(vessel.count() - SyntheticCt.overlap(vessel, removed)).isGreaterThan(vessel.count() * 8 / 10);
    }

    @Test
    void signedAndUnsignedStorageOfTheSameHuGiveTheSameBone() {
        Volume unsigned = SyntheticCt.draw(64, 64, 16, 1, 1, VERTEBRA_AND_AORTA);
        short[] hu = new short[unsigned.values().length];
        for (int p = 0; p < hu.length; p++) {
            hu[p] = (short) (unsigned.values()[p] - 1024);
        }
        Volume signed = new Volume(64, 64, 16, hu, 0, true, new PixelInfo(false, new Rescale(1, 0, "HU"), List.of()),
                unsigned.geometry());
        VoxelMask a = BoneRemoval.bones(unsigned);
        VoxelMask b = BoneRemoval.bones(signed);
        assertThat(a.count()).isPositive();
        assertThat(SyntheticCt.overlap(a, b)).isEqualTo(a.count()).isEqualTo(b.count());
    }

    @Test
    void theSpinalCanalInsideTheBoneStays() {
        // a ring of cortex around soft tissue: the canal is enclosed but is no bone
        Volume v = SyntheticCt.draw(48, 48, 6, 1, 1, (x, y, z) -> {
            double r = Math.hypot(x - 24, y - 24);
            return r >= 9 && r < 12 ? CORTEX : SOFT;
        });
        VoxelMask removed = BoneRemoval.bones(v);
        VoxelMask ring = SyntheticCt.where(v, (x, y, z) -> {
            double r = Math.hypot(x - 24, y - 24);
            return r >= 9 && r < 12;
        });
        assertThat(removed.count()).isEqualTo(ring.count());
        assertThat(SyntheticCt.overlap(ring, removed)).isEqualTo(ring.count());
    }

    @Test
    void vesselsInsideTheSkullStay() {
        // the skull encloses far more than any marrow space: its contents are never marrow
        Volume v = SyntheticCt.draw(128, 128, 4, 1, 1, (x, y, z) -> {
            double r = Math.hypot(x - 64, y - 64);
            if (r >= 50 && r < 54) {
                return CORTEX;
            }
            return Math.hypot(x - 64, y - 80) < 5 ? CONTRAST : SOFT;
        });
        VoxelMask removed = BoneRemoval.bones(v);
        VoxelMask vessel = SyntheticCt.where(v, (x, y, z) -> Math.hypot(x - 64, y - 80) < 5);
        assertThat(SyntheticCt.overlap(vessel, removed)).isZero();
        assertThat(removed.count()).isPositive();
    }

    @Test
    void noiseSpikesInABrightVesselAreNotBone() {
        // a 500 HU lumen with single voxels and a pair of voxels as dense as cortex
        Volume v = SyntheticCt.draw(32, 32, 8, 1, 1, (x, y, z) -> {
            if (Math.hypot(x - 16, y - 16) >= 8) {
                return SOFT;
            }
            boolean spike = (x == 14 && y == 16 && z == 3) || (x == 18 && y == 15 && z == 5)
                    || (x == 16 && y == 18 && (z == 2 || z == 3));
            return spike ? 800 : 500;
        });
        assertThat(BoneRemoval.bones(v).count()).isZero();
    }

    @Test
    void reportsProgressUpToCompletionAndStopsWhenCancelled() {
        Volume v = SyntheticCt.draw(64, 64, 16, 1, 1, VERTEBRA_AND_AORTA);
        List<Double> seen = new ArrayList<>();
        BoneRemoval.bones(v, () -> false, seen::add);
        assertThat(seen).isSorted().last().isEqualTo(1.0);
        assertThatThrownBy(() -> BoneRemoval.bones(v, () -> true, f -> { }))
                .isInstanceOf(CancellationException.class);
    }
}
