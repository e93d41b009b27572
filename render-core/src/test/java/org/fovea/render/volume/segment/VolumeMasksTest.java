package org.fovea.render.volume.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VolumeGeometry;
import org.junit.jupiter.api.Test;

import java.util.List;

class VolumeMasksTest {

    private static final VolumeGeometry GEOMETRY = new VolumeGeometry(new Vec3(0, 0, 0), new Vec3(1, 0, 0),
            new Vec3(0, 1, 0), new Vec3(0, 0, 1));

    @Test
    void removedVoxelsBecomeTheLowestValueAndTheOriginalIsUntouched() {
        // signed storage behind an offset: -1024 (air) is the lowest HU present
        short[] values = {99, 99, -1024, 40, 700, 1200, 40, 300, -5};
        Volume v = new Volume(2, 2, 2, values, 1, true, new PixelInfo(false, new Rescale(1, 0, "HU"), List.of()),
                GEOMETRY);
        VoxelMask removed = VoxelMask.sizedFor(v);
        removed.set(1, 1, 0);
        removed.set(0, 0, 1);
        Volume masked = VolumeMasks.masked(v, removed);

        assertThat(masked.modalityValue(1, 1, 0)).isEqualTo(-1024);
        assertThat(masked.modalityValue(0, 0, 1)).isEqualTo(-1024);
        assertThat(masked.modalityValue(0, 1, 0)).isEqualTo(40);
        assertThat(masked.modalityValue(1, 0, 1)).isEqualTo(40);
        assertThat(masked.modalityValue(1, 1, 1)).isEqualTo(-5);
        assertThat(masked.geometry()).isEqualTo(v.geometry());
        assertThat(values).containsExactly(99, 99, -1024, 40, 700, 1200, 40, 300, -5);
    }

    @Test
    void theLowestValueFollowsTheModalityLutNotTheStoredValue() {
        // a negative slope: the highest stored value is the lowest HU
        short[] values = {10, 20, 30, 40};
        Volume v = new Volume(2, 2, 1, values, 0, false, new PixelInfo(false, new Rescale(-1, 0, ""), List.of()),
                new VolumeGeometry(new Vec3(0, 0, 0), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1)));
        VoxelMask removed = VoxelMask.sizedFor(v);
        removed.set(0, 0, 0);
        assertThat(VolumeMasks.masked(v, removed).stored(0, 0, 0)).isEqualTo(40);
    }

    @Test
    void aMaskOfAnotherVolumeIsRefused() {
        Volume v = new Volume(2, 2, 2, new short[8], 0, false, new PixelInfo(false, null, List.of()), GEOMETRY);
        assertThatThrownBy(() -> VolumeMasks.masked(v, new VoxelMask(2, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
