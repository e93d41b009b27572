package org.fovea.render.volume;

import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.TransferFunction.BlendMode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VrPresetTest {

    @Test
    void ctBoneHidesSoftTissueAndShowsBone() {
        TransferFunction f = VrPreset.CT_BONE.transferFunction(0, 0);
        assertThat(f.opacityAt(-1000)).isZero();
        assertThat(f.opacityAt(40)).isZero();
        assertThat(f.opacityAt(1000)).isGreaterThan(0.7);
        assertThat(f.lighting().shade()).isTrue();
    }

    @Test
    void ctAngioShowsContrastVesselsButNotMuscle() {
        TransferFunction f = VrPreset.CT_ANGIO.transferFunction(0, 0);
        assertThat(f.opacityAt(50)).isZero();
        assertThat(f.opacityAt(300)).isGreaterThan(0.4);
        double[] vessel = f.colorAt(300);
        assertThat(vessel[0]).as("vessels are red").isGreaterThan(vessel[1] + 0.3);
    }

    @Test
    void ctLungShowsLungTissueButNotTheChestWall() {
        TransferFunction f = VrPreset.CT_LUNG.transferFunction(0, 0);
        assertThat(f.opacityAt(-1000)).isZero();
        assertThat(f.opacityAt(-500)).isGreaterThan(0.1);
        assertThat(f.opacityAt(40)).isZero();
    }

    @Test
    void ctMipProjectsTheMaximumAsGrey() {
        TransferFunction f = VrPreset.CT_MIP.transferFunction(0, 0);
        assertThat(f.blendMode()).isEqualTo(BlendMode.MIP);
        assertThat(f.colorAt(200)).containsExactly(0.5, 0.5, 0.5);
        assertThat(f.lighting().shade()).isFalse();
    }

    @Test
    void ctPresetsIgnoreTheDataRangeAndMrFollowsIt() {
        assertThat(VrPreset.CT_SOFT_TISSUE.transferFunction(0, 4000))
                .isEqualTo(VrPreset.CT_SOFT_TISSUE.transferFunction(-5, 5));
        TransferFunction mr = VrPreset.MR_DEFAULT.transferFunction(100, 1100);
        assertThat(mr.opacityAt(150)).as("a dark tenth is background").isZero();
        assertThat(mr.opacityAt(1100)).isEqualTo(0.8);
        assertThat(mr.opacityAt(800)).isCloseTo(0.45, within(1e-9));
    }

    @Test
    void theMrRangeLeavesOutTheBrightestHalfPercent() {
        // 1000 voxels: 996 hold 0..995, four outliers (0.4 %) at 30000
        short[] values = new short[1000];
        for (int i = 0; i < 1000; i++) values[i] = (short) (i < 996 ? i : 30000);
        Volume v = new Volume(10, 10, 10, values, 0, true, new PixelInfo(false, new Rescale(2, 10, ""), List.of()),
                new VolumeGeometry(new Vec3(0, 0, 0), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1)));
        double[] range = VrPreset.valueRange(v);
        // at most five voxels fall below and five above: stored 5 and 994 through slope 2, intercept 10
        assertThat(range).containsExactly(20, 1998);
        TransferFunction mr = VrPreset.MR_DEFAULT.transferFunction(v);
        assertThat(mr.opacityAt(1998)).isEqualTo(0.8);
        assertThat(mr.opacityAt(60010)).as("the outliers take the brightest point's opacity").isEqualTo(0.8);
    }

    @Test
    void everyPresetHasADistinctKeyFoundCaseInsensitively() {
        assertThat(Arrays.stream(VrPreset.values()).map(VrPreset::key).distinct()).hasSize(VrPreset.values().length);
        assertThat(VrPreset.byKey(" CT-Bone ")).contains(VrPreset.CT_BONE);
        assertThat(VrPreset.byKey("mr-default")).contains(VrPreset.MR_DEFAULT);
        assertThat(VrPreset.byKey("nope")).isEmpty();
    }
}
