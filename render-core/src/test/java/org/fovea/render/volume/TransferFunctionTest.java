package org.fovea.render.volume;

import org.fovea.render.volume.TransferFunction.BlendMode;
import org.fovea.render.volume.TransferFunction.ColorPoint;
import org.fovea.render.volume.TransferFunction.Lighting;
import org.fovea.render.volume.TransferFunction.OpacityPoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TransferFunctionTest {

    private final TransferFunction bone = VrPreset.CT_BONE.transferFunction(0, 0);

    @Test
    void curvesAreLinearBetweenPointsAndFlatBeyondThem() {
        TransferFunction f = new TransferFunction(
                List.of(new OpacityPoint(100, 0), new OpacityPoint(300, 0.8)),
                List.of(new ColorPoint(0, 0, 0, 0), new ColorPoint(1000, 1, 0.5, 0)),
                List.of(), BlendMode.COMPOSITE, Lighting.FLAT);
        assertThat(f.opacityAt(-1000)).isZero();
        assertThat(f.opacityAt(200)).isCloseTo(0.4, within(1e-12));
        assertThat(f.opacityAt(5000)).isEqualTo(0.8);
        assertThat(f.colorAt(250)).containsExactly(0.25, 0.125, 0);
    }

    @Test
    void anEditMakesANewFunctionAndLeavesTheOldOneAsItWas() {
        List<OpacityPoint> edited = new ArrayList<>(bone.opacityPoints());
        edited.set(1, new OpacityPoint(100, 0.2));
        TransferFunction moved = bone.withOpacityPoints(edited);
        edited.clear();

        assertThat(moved.opacityAt(100)).isEqualTo(0.2);
        assertThat(moved.opacityPoints()).hasSize(bone.opacityPoints().size());
        assertThat(bone.opacityAt(100)).isZero();
        assertThat(moved.colorPoints()).isEqualTo(bone.colorPoints());
        assertThat(bone.withBlendMode(BlendMode.MIP).blendMode()).isEqualTo(BlendMode.MIP);
        assertThat(bone.blendMode()).isEqualTo(BlendMode.COMPOSITE);
    }

    @Test
    void shiftingTheWholeCurveMovesWhereTissueTurnsOpaque() {
        TransferFunction shifted = bone.withValuesScaled(1, 100);
        assertThat(shifted.opacityAt(250)).isZero();
        assertThat(shifted.opacityAt(400)).isEqualTo(bone.opacityAt(300));
    }

    @Test
    void pointsOutOfOrderOrOutOfRangeAreRefusedWithTheReason() {
        assertThatThrownBy(() -> bone.withOpacityPoints(List.of(new OpacityPoint(300, 0.5), new OpacityPoint(200, 0.1))))
                .hasMessageContaining("increasing values: 300.0 then 200.0");
        assertThatThrownBy(() -> new OpacityPoint(0, 1.5)).hasMessageContaining("opacity 1.5 not in 0..1");
        assertThatThrownBy(() -> new ColorPoint(0, 0, 2, 0)).hasMessageContaining("not in 0..1");
        assertThatThrownBy(() -> bone.withColorPoints(List.of())).hasMessageContaining("needs a point");
    }
}
