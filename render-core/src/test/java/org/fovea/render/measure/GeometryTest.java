package org.fovea.render.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeometryTest {

    private static ImagePoint p(double x, double y) {
        return new ImagePoint(x, y);
    }

    /** A line through (cx, cy) at {@code degrees} from the image's x axis, {@code length} px long. */
    private static ImagePoint[] line(double cx, double cy, double degrees, double length) {
        double dx = Math.cos(Math.toRadians(degrees)) * length / 2, dy = Math.sin(Math.toRadians(degrees)) * length / 2;
        return new ImagePoint[] {p(cx - dx, cy - dy), p(cx + dx, cy + dy)};
    }

    @Test
    void cobbAngleIsTheAngleBetweenTwoEndplateLinesWhicheverWayTheyWereDrawn() {
        Scale s = Scale.pixelSpacing(0.2, 0.2);
        for (double[] pair : new double[][] {{-12, 23}, {5, 5}, {-30, 40.5}, {10, -27.25}, {80, 0}}) {
            ImagePoint[] upper = line(200, 100, pair[0], 120), lower = line(210, 400, pair[1], 110);
            double truth = Math.abs(pair[0] - pair[1]);
            assertThat(Geometry.cobb(upper[0], upper[1], lower[0], lower[1], s)).isCloseTo(truth, within(0.5));
            // drawn right to left: the same angle
            assertThat(Geometry.cobb(upper[1], upper[0], lower[0], lower[1], s)).isCloseTo(truth, within(0.5));
        }
    }

    @Test
    void anglesAreMeasuredOnThePatientWhenPixelsAreNotSquare() {
        // pixels twice as tall as wide: 10 px right and 5 px down is 45° on the patient, not 26.6°
        Scale s = Scale.pixelSpacing(1.0, 0.5);
        assertThat(Geometry.angle(p(20, 10), p(10, 10), p(20, 15), s)).isCloseTo(45, within(1e-9));
        assertThat(Geometry.angle(p(20, 10), p(10, 10), p(20, 15), Scale.none())).isCloseTo(26.565, within(1e-3));
        // the Cobb helper lines are perpendicular on the patient too
        ImagePoint[] perp = Geometry.perpendicular(p(0, 0), p(10, 5), 20, s);
        double lx = 10 * 0.5, ly = 5 * 1.0;
        double px = (perp[1].x() - perp[0].x()) * 0.5, py = (perp[1].y() - perp[0].y()) * 1.0;
        assertThat(lx * px + ly * py).isCloseTo(0, within(1e-9));
        assertThat(Math.hypot(px, py)).isCloseTo(20, within(1e-9));
    }

    @Test
    void lengthsAndAreasFollowTheScale() {
        Scale s = Scale.pixelSpacing(0.5, 0.25);
        assertThat(s.length(p(0, 0), p(40, 30))).isCloseTo(Math.hypot(10, 15), within(1e-9));
        assertThat(Geometry.polylineLength(List.of(p(0, 0), p(40, 0), p(40, 30)), s)).isCloseTo(25, within(1e-9));
        assertThat(Geometry.polygonArea(List.of(p(0, 0), p(40, 0), p(40, 30), p(0, 30)), s)).isCloseTo(150, within(1e-9));
        assertThat(Geometry.ellipseArea(p(0, 0), p(40, 40), s)).isCloseTo(Math.PI * 5 * 10, within(1e-9));
    }

    @Test
    void cardiothoracicRatioUsesTheHorizontalWidthsOnly() {
        double ratio = Geometry.cardiothoracicRatio(p(100, 300), p(260, 305), p(40, 250), p(360, 240));
        assertThat(ratio).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theCobbHelperLinesMeetAtTheAngleBetweenThePerpendiculars() {
        Scale s = Scale.pixelSpacing(0.5, 0.25);
        ImagePoint[] upper = line(200, 100, -10, 80), lower = line(220, 300, 15, 80);
        ImagePoint[] h = Geometry.cobbHelpers(upper[0], upper[1], lower[0], lower[1], s);
        assertThat(h[1].x()).isCloseTo(h[3].x(), within(1e-9));
        assertThat(h[1].y()).isCloseTo(h[3].y(), within(1e-9));
        // the angle at the crossing between the helpers is the Cobb angle
        assertThat(180 - Geometry.angle(h[0], h[1], h[2], s))
                .isCloseTo(Geometry.cobb(upper[0], upper[1], lower[0], lower[1], s), within(1e-6));
        ImagePoint[] parallel = Geometry.cobbHelpers(p(0, 0), p(10, 0), p(0, 20), p(10, 20), Scale.none());
        assertThat(parallel[1]).isEqualTo(p(5, 20));
        assertThat(parallel[3]).isEqualTo(p(5, 0));
    }
}
