package org.fovea.render.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.render.volume.SlicePlaneTest.assertClose;

import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.WindowLevel;
import org.fovea.render.geom.Vec3;
import org.junit.jupiter.api.Test;

class ReslicerTest {

    /** A 1000 HU ball in 0 HU: the 50% surface is at 500 HU. */
    private static final double HALF = 500;

    /** A small version of the demo CT: 1 mm, slice k at z = 40 - k. */
    private static final VolumeGeometry DEMO = Phantoms.headFirstAxial(new Vec3(-64, -60, 40), 1, 1);

    @Test
    void aNodulesCentreLandsOnTheSameCoordinateInAllThreePlanes() {
        Vec3 nodule = new Vec3(10.3, -5.7, 3.2);
        Volume volume = Phantoms.volume(128, 120, 80, DEMO, p -> Phantoms.ball(p, nodule, 6, 1000));
        Reslicer reslicer = new Reslicer(volume);
        for (SlicePlane plane : new SlicePlane[] {Planes.axial(volume, nodule), Planes.coronal(volume, nodule),
                Planes.sagittal(volume, nodule)}) {
            Frame frame = reslicer.reslice(plane, Slab.NONE);
            double[] c = Phantoms.centroid(frame, 0);
            assertClose(plane.toPatient(c[0], c[1]), nodule, 0.1);
        }
    }

    @Test
    void distancesInMprEqualDistancesInThePatientOnAxialAndObliquePlanes() {
        double[][] views = {{0, -90}, {30, 0}, {30, 20}, {-65, 40}};
        for (double[] view : views) {
            // two nodules 55 mm apart, both in the oblique plane through the origin
            Vec3[] rd = rightAndDown(view[0], view[1]);
            Vec3 a = rd[0].times(-30).plus(rd[1].times(10)).plus(new Vec3(0.3, 0.2, 0.1));
            Vec3 b = rd[0].times(14).plus(rd[1].times(-24)).plus(new Vec3(0.3, 0.2, 0.1));
            Volume volume = Phantoms.volume(128, 120, 80, DEMO,
                    p -> Phantoms.ball(p, a, 5, 1000) + Phantoms.ball(p, b, 5, 1000));
            SlicePlane plane = Planes.oblique(volume, a, view[0], view[1]);
            Frame frame = new Reslicer(volume).reslice(plane, Slab.NONE);
            double[] first = Phantoms.blobCentroid(frame, 0, 12 / plane.pixelMm(), null);
            double[] second = Phantoms.blobCentroid(frame, 0, 12 / plane.pixelMm(), first);
            double measured = Math.hypot(first[0] - second[0], first[1] - second[1]) * plane.pixelMm();
            // the requirement is one voxel; the reformat does far better
            assertThat(measured).as("oblique %s,%s", view[0], view[1]).isCloseTo(a.minus(b).length(),
                    within(0.2));
        }
    }

    /** The oblique plane's screen directions, from the command line's definition, computed here on their own. */
    private static Vec3[] rightAndDown(double azimuthDeg, double elevationDeg) {
        double az = Math.toRadians(azimuthDeg), el = Math.toRadians(elevationDeg);
        Vec3 towardViewer = new Vec3(Math.sin(az) * Math.cos(el), -Math.cos(az) * Math.cos(el), Math.sin(el));
        Vec3 right = Math.abs(Math.cos(el)) < 1e-9 ? new Vec3(1, 0, 0)
                : new Vec3(Math.cos(az), Math.sin(az), 0);
        return new Vec3[] {right, right.cross(towardViewer)};
    }

    @Test
    void aGantryTiltedStackReslicesABallRoundAndInPlace() {
        // images tilted 20 degrees about the left-right axis, stacked straight along the table:
        // the voxel grid is sheared, and only reslicing through its true geometry shows a ball
        double tilt = Math.toRadians(20);
        VolumeGeometry tilted = new VolumeGeometry(new Vec3(-40, -40, 30), new Vec3(0.8, 0, 0),
                new Vec3(0, 0.8 * Math.cos(tilt), 0.8 * Math.sin(tilt)), new Vec3(0, 0, -1.5));
        Vec3 centre = new Vec3(2.3, 1.1, -1.7);
        double radius = 10;
        Volume volume = Phantoms.volume(100, 100, 40, tilted, p -> Phantoms.ball(p, centre, radius, 1000));
        Reslicer reslicer = new Reslicer(volume);
        for (SlicePlane plane : new SlicePlane[] {Planes.axial(volume, centre), Planes.coronal(volume, centre),
                Planes.sagittal(volume, centre)}) {
            Frame frame = reslicer.reslice(plane, Slab.NONE);
            double[] c = Phantoms.centroid(frame, HALF);
            assertClose(plane.toPatient(c[0], c[1]), centre, 0.2);
            Disc disc = Disc.of(frame, HALF);
            assertThat(disc.radiusMm(plane.pixelMm())).isCloseTo(radius, within(0.3));
            assertThat(disc.roundness()).as("minor/major axis").isGreaterThan(0.97);
        }
    }

    @Test
    void anisotropicVoxelsKeepTrueProportionsAndDistances() {
        // 0.7 mm pixels, 2.5 mm slices: reformats use 0.7 mm square pixels
        VolumeGeometry geometry = Phantoms.headFirstAxial(new Vec3(-35, -35, 60), 0.7, 2.5);
        Vec3 upper = new Vec3(1.1, -2.3, 24.4);
        Vec3 lower = new Vec3(1.1, -2.3, -15.6);
        double radius = 8;
        Volume volume = Phantoms.volume(100, 100, 48, geometry,
                p -> Phantoms.ball(p, upper, radius, 1000) + Phantoms.ball(p, lower, radius, 1000));
        Reslicer reslicer = new Reslicer(volume);
        for (SlicePlane plane : new SlicePlane[] {Planes.coronal(volume, upper), Planes.sagittal(volume, upper)}) {
            assertThat(plane.pixelMm()).isEqualTo(0.7);
            Frame frame = reslicer.reslice(plane, Slab.NONE);
            double[] a = Phantoms.blobCentroid(frame, HALF, 2.5 * radius / 0.7, null);
            double[] b = Phantoms.blobCentroid(frame, HALF, 2.5 * radius / 0.7, a);
            // 40 mm apart along the head-feet axis, which runs down the screen
            assertThat(Math.abs(b[1] - a[1]) * 0.7).isCloseTo(40, within(0.35));
            assertThat(Math.abs(b[0] - a[0]) * 0.7).isLessThan(0.1);
            // a ball is round: its height, across 2.5 mm slices, within one slice of its width
            Disc disc = Disc.of(frame, HALF, a, 2.5 * radius / 0.7);
            assertThat(disc.radiusMm(0.7)).isCloseTo(radius, within(0.35));
            assertThat(disc.heightMm(0.7)).isCloseTo(disc.widthMm(0.7), within(2.5));
            assertThat(disc.roundness()).isGreaterThan(0.95);
        }
    }

    @Test
    void obliqueSamplesOfALinearRampAreExactAndOutsideIsAir() {
        // trilinear interpolation reproduces a linear field exactly, on any plane of a sheared grid;
        // the field is linear in the voxel indices (so whole HU on every voxel) and so in the patient
        VolumeGeometry sheared = new VolumeGeometry(new Vec3(-20, -20, 20), new Vec3(0.9, 0.1, 0),
                new Vec3(0, 0.8, 0.3), new Vec3(0.2, 0, -1.2));
        Phantoms.Field ramp = p -> {
            double[] f = sheared.toIndex(p);
            return 9 * f[0] - 7 * f[1] + 11 * f[2] - 300;
        };
        Volume volume = Phantoms.volume(48, 50, 34, sheared, ramp);
        SlicePlane plane = Planes.oblique(volume, new Vec3(1, -2, 3), 37, -23);
        Frame frame = new Reslicer(volume).reslice(plane, Slab.NONE);
        int inside = 0, outside = 0;
        for (int y = 0; y < frame.rows(); y++) {
            for (int x = 0; x < frame.columns(); x++) {
                Vec3 p = plane.toPatient(x, y);
                double[] f = sheared.toIndex(p);
                boolean core = f[0] >= 0 && f[0] <= 47 && f[1] >= 0 && f[1] <= 49 && f[2] >= 0 && f[2] <= 33;
                boolean beyond = f[0] < -0.51 || f[0] > 47.51 || f[1] < -0.51 || f[1] > 49.51 || f[2] < -0.51
                        || f[2] > 33.51;
                if (core) {
                    inside++;
                    assertThat(Phantoms.hu(frame, x, y)).as("pixel %d,%d", x, y)
                            .isCloseTo(ramp.hu(p), within(0.5 + 1e-6));
                } else if (beyond) {
                    outside++;
                    assertThat(frame.storedValue(x, y)).isEqualTo(volume.minStoredValue());
                }
            }
        }
        assertThat(inside).isGreaterThan(1000);
        assertThat(outside).isGreaterThan(1000);
    }

    @Test
    void resliceRendersThroughTheVolumesPixelInfoAndReusesTheGivenArray() {
        Vec3 nodule = DEMO.toPatient(32, 32, 20);
        Volume volume = Phantoms.volume(64, 64, 40, DEMO, p -> Phantoms.ball(p, nodule, 8, 1000) - 100);
        SlicePlane plane = Planes.oblique(volume, nodule, 20, 10);
        short[] reuse = new short[plane.width() * plane.height()];
        Frame frame = new Reslicer(volume).reslice(plane, Slab.NONE, reuse);
        assertThat(frame.values()).isSameAs(reuse);
        int[] argb = new int[reuse.length];
        // window 200/0: -100 HU is black, 100 HU and above white
        new FrameRenderer().render(frame, volume.pixelInfo(), new WindowLevel(200, 0), false, argb);
        double[] centre = plane.toPixel(nodule);
        assertThat(argb[(int) Math.round(centre[1]) * plane.width() + (int) Math.round(centre[0])]).isEqualTo(0xFFFFFFFF);
        assertThat(argb[0]).isEqualTo(0xFF000000);
    }

    /** Second moments of the pixels above a threshold: a disc's size and how round it is. */
    record Disc(double area, double width, double height, double minor, double major) {

        static Disc of(Frame frame, double threshold) {
            return of(frame, threshold, null, Double.POSITIVE_INFINITY);
        }

        /** Only pixels within {@code radiusPx} of {@code around}, when given. */
        static Disc of(Frame frame, double threshold, double[] around, double radiusPx) {
            double n = 0, sx = 0, sy = 0;
            int minX = Integer.MAX_VALUE, maxX = -1, minY = Integer.MAX_VALUE, maxY = -1;
            for (int y = 0; y < frame.rows(); y++) {
                for (int x = 0; x < frame.columns(); x++) {
                    if (Phantoms.hu(frame, x, y) <= threshold
                            || around != null && Math.hypot(x - around[0], y - around[1]) > radiusPx) {
                        continue;
                    }
                    n++;
                    sx += x;
                    sy += y;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
            double cx = sx / n, cy = sy / n, xx = 0, yy = 0, xy = 0;
            for (int y = minY; y <= maxY; y++) {
                for (int x = minX; x <= maxX; x++) {
                    if (Phantoms.hu(frame, x, y) > threshold
                            && (around == null || Math.hypot(x - around[0], y - around[1]) <= radiusPx)) {
                        xx += (x - cx) * (x - cx);
                        yy += (y - cy) * (y - cy);
                        xy += (x - cx) * (y - cy);
                    }
                }
            }
            // eigenvalues of the covariance: the squared half-axes of the ellipse, up to a common factor
            double t = (xx + yy) / 2, d = Math.sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
            return new Disc(n, maxX - minX + 1, maxY - minY + 1, Math.sqrt(t - d), Math.sqrt(t + d));
        }

        double radiusMm(double pixelMm) { return Math.sqrt(area / Math.PI) * pixelMm; }
        double widthMm(double pixelMm) { return width * pixelMm; }
        double heightMm(double pixelMm) { return height * pixelMm; }
        double roundness() { return minor / major; }
    }
}
