package org.fovea.render.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fovea.render.Frame;
import org.junit.jupiter.api.Test;

class LiveWireTest {

    /** A 20 mm nodule in noisy lung at 0.7 mm pixels, a rib's much stronger edge close by. */
    private static final double MM = 0.7, R = 10 / MM, CX = 251.3, CY = 262.8;

    private static Frame lung() {
        return new Phantom(512, -820).band(300, 330, 900).disc(CX, CY, R, 35).noise(25, 11).frame();
    }

    /** Anchor points near the nodule's edge, as a hand clicks them: a pixel or two off. */
    private static List<ImagePoint> clicks(int n, long seed) {
        Random r = new Random(seed);
        List<ImagePoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n + 0.3;
            double rr = R + (r.nextDouble() * 3 - 1.5);
            out.add(new ImagePoint(CX + rr * Math.cos(a), CY + rr * Math.sin(a)));
        }
        return out;
    }

    @Test
    void theLassoAroundANoduleEnclosesItsCrossSectionWithinFivePercent() {
        LiveWire wire = LiveWire.on(lung(), Phantom.CT);
        Scale s = Scale.pixelSpacing(MM, MM);
        double truth = Math.PI * 10 * 10;
        for (int anchors : new int[] {4, 5, 8}) {
            List<ImagePoint> contour = wire.contour(clicks(anchors, anchors));
            double area = Geometry.polygonArea(contour, s);
            assertThat(area).as("%d anchors", anchors).isCloseTo(truth, within(truth * 0.05));
            RegionStats stats = RegionStats.of(Region.polygon(contour), lung(), Phantom.CT);
            assertThat(stats.mean()).as("the contour holds the nodule, not lung").isCloseTo(35, within(10.0));
        }
    }

    @Test
    void thePathToTheCursorRunsAlongTheEdgeNotAcrossTheNodule() {
        LiveWire wire = LiveWire.on(lung(), Phantom.CT);
        ImagePoint left = new ImagePoint(CX - R, CY), right = new ImagePoint(CX + R, CY);
        wire.seed(left);
        List<ImagePoint> path = wire.pathTo(right);
        assertThat(path.get(0)).isEqualTo(wire.snap(left));
        assertThat(path.get(path.size() - 1)).isEqualTo(wire.snap(right));
        for (ImagePoint p : path) {
            double fromCentre = Math.hypot(p.x() - CX, p.y() - CY);
            assertThat(fromCentre).as("corner %s", p).isCloseTo(R, within(1.6));
        }
        // asking again for other targets continues the same search and stays consistent
        ImagePoint top = new ImagePoint(CX, CY - R);
        List<ImagePoint> toTop = wire.pathTo(top);
        assertThat(toTop.get(toTop.size() - 1)).isEqualTo(wire.snap(top));
        assertThat(wire.pathTo(right)).isEqualTo(path);
    }

    @Test
    void pathsTurnOnlyAtCornersAndStepAlongCracks() {
        LiveWire wire = LiveWire.on(lung(), Phantom.CT);
        wire.seed(new ImagePoint(10, 10));
        List<ImagePoint> path = wire.pathTo(new ImagePoint(400.4, 450.6));
        assertThat(path.get(path.size() - 1)).isEqualTo(new ImagePoint(400, 451));
        for (int i = 1; i < path.size(); i++) {
            ImagePoint a = path.get(i - 1), b = path.get(i);
            assertThat(a.x() == b.x() || a.y() == b.y()).as("segment %s-%s is on a crack", a, b).isTrue();
        }
    }
}
