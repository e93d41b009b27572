package org.fovea.render.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.render.volume.SlicePlaneTest.assertClose;

import java.util.List;
import org.fovea.render.geom.Vec3;
import org.junit.jupiter.api.Test;

class CentrelineTest {

    @Test
    void twoPointsGiveTheSegmentBetweenThem() {
        Vec3 a = new Vec3(10, 20, 30), b = new Vec3(10, 20, -20);
        Centreline line = Centreline.through(List.of(a, b), 0.7);
        assertThat(line.length()).isCloseTo(50, within(1e-6));
        assertClose(line.point(0), a, 1e-9);
        assertClose(line.point(50), b, 1e-6);
        assertClose(line.point(21), new Vec3(10, 20, 9), 1e-6);
        assertClose(line.tangent(33), new Vec3(0, 0, -1), 1e-9);
        // head to feet: across is the patient's left, as on a coronal
        assertClose(line.referenceAcross(), new Vec3(1, 0, 0), 1e-12);
        assertClose(line.normal(12), new Vec3(1, 0, 0), 1e-9);
    }

    @Test
    void unevenlySpacedClicksAlongAStraightVesselDoNotOvershoot() {
        List<Vec3> clicks = List.of(new Vec3(0, 0, 0), new Vec3(1, 0, 0), new Vec3(30, 0, 0), new Vec3(32, 0, 0),
                new Vec3(70, 0, 0));
        Centreline line = Centreline.through(clicks, 0.5);
        assertThat(line.length()).isCloseTo(70, within(1e-6));
        for (double arc = 0; arc <= 70; arc += 0.25) {
            Vec3 p = line.point(arc);
            assertThat(p.x()).isCloseTo(arc, within(1e-6));
            assertThat(Math.hypot(p.y(), p.z())).isLessThan(1e-9);
        }
    }

    @Test
    void samplesAreEquallySpacedAlongTheCurve() {
        List<Vec3> clicks = List.of(new Vec3(0, 0, 0), new Vec3(20, 10, 5), new Vec3(30, 40, 10), new Vec3(10, 60, 30));
        Centreline line = Centreline.through(clicks, 1);
        for (double arc = 0; arc + 1 <= line.length(); arc += 1) {
            // a chord over 1 mm of arc on a gentle curve is 1 mm to a few micrometres
            assertThat(line.point(arc + 1).minus(line.point(arc)).length()).isCloseTo(1, within(2e-3));
            assertThat(line.normal(arc).dot(line.tangent(arc))).isCloseTo(0, within(1e-9));
        }
        for (Vec3 click : clicks) {
            double nearest = Double.POSITIVE_INFINITY;
            for (double arc = 0; arc <= line.length(); arc += 0.05) {
                nearest = Math.min(nearest, line.point(arc).minus(click).length());
            }
            assertThat(nearest).as("passes through %s", click).isLessThan(0.03);
        }
    }

    @Test
    void aCentrelineNeedsTwoDistinctPoints() {
        assertThatThrownBy(() -> Centreline.through(List.of(new Vec3(1, 2, 3), new Vec3(1, 2, 3)), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
