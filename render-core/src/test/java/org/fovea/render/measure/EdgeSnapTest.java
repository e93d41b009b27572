package org.fovea.render.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.fovea.render.Frame;
import org.junit.jupiter.api.Test;

class EdgeSnapTest {

    @Test
    void aRoughCaliperSnapsToTheDiscsEdgesAndMeasuresItsDiameterWithinAPixel() {
        double cx = 100.3, cy = 99.6, r = 14.2;
        Frame f = new Phantom(200, -850).disc(cx, cy, r, 40).noise(15, 5).frame();
        // ends placed 3 px outside and 2 px inside the edges, as a hurried hand does
        ImagePoint left = EdgeSnap.snap(f, Phantom.CT, new ImagePoint(cx - r - 3, cy), 1, 0, 6);
        ImagePoint right = EdgeSnap.snap(f, Phantom.CT, new ImagePoint(cx + r - 2, cy), 1, 0, 6);
        double diameter = right.x() - left.x();
        assertThat(diameter).isCloseTo(2 * r, within(1.0));
        assertThat(left.y()).isEqualTo(cy);
    }

    @Test
    void aFlatProfileLeavesThePointWhereItWas() {
        Frame f = new Phantom(50, 0).frame();
        ImagePoint p = new ImagePoint(20, 20);
        assertThat(EdgeSnap.snap(f, Phantom.CT, p, 0, 1, 5)).isEqualTo(p);
    }

    @Test
    void valuesAreInterpolatedBetweenPixelCentres() {
        short[] v = {0, 100, 0, 100};
        Frame f = Frame.grayscale(2, 2, v, false, 8);
        assertThat(EdgeSnap.value(f, org.fovea.render.ModalityLut.identity(), 1.0, 0.5)).isCloseTo(50, within(1e-9));
        assertThat(EdgeSnap.value(f, org.fovea.render.ModalityLut.identity(), 0.5, 0.5)).isCloseTo(0, within(1e-9));
    }
}
