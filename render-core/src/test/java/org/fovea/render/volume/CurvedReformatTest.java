package org.fovea.render.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.render.volume.SlicePlaneTest.assertClose;

import java.util.ArrayList;
import java.util.List;
import org.fovea.render.Frame;
import org.fovea.render.geom.Vec3;
import org.junit.jupiter.api.Test;

/**
 * A contrast-filled tube of radius 5 mm bent into a half circle of radius 60 mm in the coronal
 * (x-z) plane, centred at (80, 15, 10): what a CPR is for. A calcification sits 3 mm off its
 * axis, toward the outside of the bend, at the top of the arc.
 */
class CurvedReformatTest {

    private static final double R = 60, TUBE = 5, PIXEL = 0.5;
    private static final Vec3 CENTRE = new Vec3(80, 15, 10);
    private static final Vec3 CALCIFICATION = new Vec3(80, 15, 10 + R + 3);
    private static final Volume VOLUME = Phantoms.volume(160, 30, 90,
            new VolumeGeometry(new Vec3(0, 0, 0), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1)),
            p -> Math.max(Phantoms.ball(p, CALCIFICATION, 1.5, 2000), tube(p)));
    private static final Centreline LINE = Centreline.through(arcPoints(13), PIXEL);

    private final CurvedReformat cpr = new CurvedReformat(VOLUME);

    /** 1000 HU within the tube, with the phantoms' one-millimetre surface ramp. */
    private static double tube(Vec3 p) {
        return 1000 * Math.max(0, Math.min(1, TUBE + 0.5 - distanceToArc(p)));
    }

    /** Distance from p to the half circle (angles 0..180 degrees from +x toward +z around the centre). */
    private static double distanceToArc(Vec3 p) {
        double dx = p.x() - CENTRE.x(), dz = p.z() - CENTRE.z();
        double angle = Math.atan2(dz, -dx);
        if (angle >= 0 && angle <= Math.PI) {
            return Math.hypot(Math.hypot(dx, dz) - R, p.y() - CENTRE.y());
        }
        return Math.min(p.minus(onArc(0)).length(), p.minus(onArc(Math.PI)).length());
    }

    /** The point at angle phi: from (20, 15, 10) over the top (80, 15, 70) to (140, 15, 10). */
    private static Vec3 onArc(double phi) {
        return new Vec3(CENTRE.x() - R * Math.cos(phi), CENTRE.y(), CENTRE.z() + R * Math.sin(phi));
    }

    private static List<Vec3> arcPoints(int n) {
        List<Vec3> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(onArc(Math.PI * i / (n - 1)));
        }
        return points;
    }

    @Test
    void centrelineFollowsTheArcAtEqualSteps() {
        assertThat(LINE.length()).isCloseTo(Math.PI * R, within(0.2));
        for (double arc = 0; arc <= LINE.length(); arc += 7.3) {
            double phi = arc / R;
            assertClose(LINE.point(arc), onArc(phi), 0.15);
            Vec3 expectedTangent = new Vec3(Math.sin(phi), 0, Math.cos(phi));
            assertThat(LINE.tangent(arc).dot(expectedTangent)).isGreaterThan(Math.cos(Math.toRadians(1)));
            // the normal stays square to the bend's plane: no twist on a planar curve
            assertThat(Math.abs(LINE.normal(arc).y())).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void straightenedCprShowsTheTubeAsAStraightBandOfItsDiameter() {
        for (double rotation : new double[] {0, 90, 45, -30}) {
            Frame frame = cpr.straightened(LINE, 30, PIXEL, rotation, Slab.NONE);
            assertThat(frame.columns()).isEqualTo(61);
            assertThat(frame.rows() * PIXEL).isCloseTo(Math.PI * R, within(1.0));
            assertStraightBand(frame, (frame.columns() - 1) / 2.0, "straightened " + rotation);
        }
    }

    @Test
    void straightenedPixelsMapBackOntoTheCurveAndAcrossIt() {
        double y = 200;
        Vec3 onCurve = cpr.straightenedToPatient(LINE, 30, PIXEL, 0, 30, y);
        assertClose(onCurve, LINE.point(y * PIXEL), 1e-9);
        assertThat(distanceToArc(onCurve)).isLessThan(0.15);
        // rotation 0 runs across along the normal of the bend's plane: 10 pixels = 5 mm posterior
        assertClose(cpr.straightenedToPatient(LINE, 30, PIXEL, 0, 40, y), onCurve.plus(new Vec3(0, 5, 0)), 0.01);
    }

    @Test
    void stretchedCprAcrossTheBendIsAStraightBandAlongTheArc() {
        // the vector of interest at rotation 0 is perpendicular to the bend's plane: the unrolled
        // surface is the bend itself, rows along the arc
        Frame frame = cpr.stretched(LINE, 30, PIXEL, 0, Slab.NONE);
        assertThat(frame.rows() * PIXEL).isCloseTo(Math.PI * R, within(1.0));
        assertThat(frame.columns()).isEqualTo(61);
        assertStraightBand(frame, 30, "stretched");
    }

    @Test
    void stretchedCprInTheBendsPlaneKeepsTheCourseOfTheCurve() {
        // turned 90 degrees the vector of interest is +z: rows run left to right at equal x, the
        // arc climbs 60 mm and comes down again across the columns
        Frame frame = cpr.stretched(LINE, 30, PIXEL, 90, Slab.NONE);
        assertThat(frame.rows() * PIXEL).isCloseTo(2 * R, within(1.0));
        assertThat(frame.columns() * PIXEL).isCloseTo(R + 30, within(1.0));
        for (int y = 40; y < frame.rows() - 40; y += 10) {
            double[] band = band(frame, y);
            Vec3 middle = cpr.stretchedToPatient(LINE, 30, PIXEL, 90, (band[0] + band[1]) / 2, y);
            assertThat(distanceToArc(middle)).as("row %d", y).isLessThan(0.5);
        }
    }

    @Test
    void crossSectionsAreDiscsOfTheTubesRadius() {
        Reslicer reslicer = new Reslicer(VOLUME);
        for (double arc : new double[] {30, 80, 120, 160}) {
            SlicePlane plane = CurvedReformat.crossSection(LINE, arc, 30, 0.25);
            assertThat(plane.width()).isOdd();
            assertClose(plane.normal(), LINE.tangent(arc), 1e-9);
            Frame frame = reslicer.reslice(plane, Slab.NONE);
            ReslicerTest.Disc disc = ReslicerTest.Disc.of(frame, 500);
            assertThat(disc.radiusMm(0.25)).as("arc %s", arc).isCloseTo(TUBE, within(0.15));
            assertThat(disc.roundness()).isGreaterThan(0.97);
            double[] c = Phantoms.centroid(frame, 500);
            assertThat(c[0]).isCloseTo((plane.width() - 1) / 2.0, within(0.5));
            assertThat(c[1]).isCloseTo((plane.height() - 1) / 2.0, within(0.5));
        }
    }

    @Test
    void aMipSlabShowsTheCalcificationBesideTheCut() {
        // rotation 0 cuts through the axis across the bend's plane; the calcification is 3 mm
        // outside that cut, toward the outside of the bend
        Frame thin = cpr.straightened(LINE, 30, PIXEL, 0, Slab.NONE);
        Frame mip = cpr.straightened(LINE, 30, PIXEL, 0, Slab.mip(8));
        int row = (int) Math.round(Math.PI * R / 2 / PIXEL);
        double thinPeak = Double.NEGATIVE_INFINITY, mipPeak = Double.NEGATIVE_INFINITY;
        for (int y = row - 4; y <= row + 4; y++) {
            for (int x = 28; x <= 32; x++) {
                thinPeak = Math.max(thinPeak, Phantoms.hu(thin, x, y));
                mipPeak = Math.max(mipPeak, Phantoms.hu(mip, x, y));
            }
        }
        assertThat(thinPeak).isLessThanOrEqualTo(1000);
        assertThat(mipPeak).isGreaterThan(1800);
    }

    /** Every row away from the tube's ends: the band above 500 HU is 2r wide, centred on {@code column}. */
    private static void assertStraightBand(Frame frame, double column, String what) {
        int margin = (int) Math.ceil((TUBE + 2) / PIXEL);
        for (int y = margin; y < frame.rows() - margin; y++) {
            double[] band = band(frame, y);
            assertThat((band[1] - band[0]) * PIXEL).as("%s row %d width", what, y).isCloseTo(2 * TUBE, within(PIXEL));
            assertThat((band[0] + band[1]) / 2).as("%s row %d centre", what, y).isCloseTo(column, within(0.5));
        }
    }

    /** The 500 HU crossings {left, right} of the band in row y, in fractional pixels. */
    private static double[] band(Frame frame, int y) {
        double left = Double.NaN, right = Double.NaN;
        for (int x = 1; x < frame.columns(); x++) {
            double a = Phantoms.hu(frame, x - 1, y), b = Phantoms.hu(frame, x, y);
            if (a <= 500 && b > 500 && Double.isNaN(left)) {
                left = x - 1 + (500 - a) / (b - a);
            } else if (a > 500 && b <= 500) {
                right = x - 1 + (a - 500) / (a - b);
            }
        }
        assertThat(left).as("row %d has a band", y).isNotNaN();
        assertThat(right).as("row %d has a band", y).isNotNaN();
        return new double[] {left, right};
    }
}
