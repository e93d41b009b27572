package org.fovea.render.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaleBarTest {

    @Test
    void choosesTheLongestNiceLengthThatFits() {
        assertThat(ScaleBar.choose(0.5, 200)).isEqualTo(new ScaleBar(100, 200));
        ScaleBar b = ScaleBar.choose(0.37, 100); // 37 mm of room
        assertThat(b.millimetres()).isEqualTo(20);
        assertThat(b.pixels()).isCloseTo(54.054, within(0.001));
        assertThat(ScaleBar.choose(0.7, 100).millimetres()).isEqualTo(50);
        assertThat(ScaleBar.choose(3, 100).millimetres()).isEqualTo(200);
    }

    @Test
    void exactPowersOfTenFit() {
        ScaleBar b = ScaleBar.choose(0.1, 100);
        assertThat(b.millimetres()).isCloseTo(10, within(1e-9));
        assertThat(b.pixels()).isCloseTo(100, within(1e-9));
    }

    @Test
    void submillimetreBarsWhenZoomedFarIn() {
        ScaleBar b = ScaleBar.choose(0.004, 120); // 0.48 mm of room
        assertThat(b.millimetres()).isCloseTo(0.2, within(1e-12));
        assertThat(b.pixels()).isCloseTo(50, within(1e-9));
    }

    @Test
    void neverLongerThanTheRoom() {
        for (double mmPerPx = 0.01; mmPerPx < 20; mmPerPx *= 1.0137) {
            ScaleBar b = ScaleBar.choose(mmPerPx, 150);
            assertThat(b.pixels()).isLessThanOrEqualTo(150).isGreaterThan(150 / 2.5 - 1e-9);
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> ScaleBar.choose(0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScaleBar.choose(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
