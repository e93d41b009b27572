package org.fovea.render.volume;

import java.util.List;
import org.fovea.render.Frame;
import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.geom.Vec3;

/** Synthetic CT volumes for the reformat tests: HU = stored - 1024, built from a function of patient position. */
final class Phantoms {

    static final PixelInfo CT = new PixelInfo(false, new Rescale(1, -1024, "HU"), List.of());

    /** HU at a patient position (mm). */
    interface Field {
        double hu(Vec3 p);
    }

    private Phantoms() {
    }

    /** Voxel centres at origin + i * columnStep + j * rowStep + k * sliceStep, each holding the field's HU there. */
    static Volume volume(int columns, int rows, int slices, VolumeGeometry geometry, Field field) {
        short[] values = new short[columns * rows * slices];
        for (int k = 0; k < slices; k++) {
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < columns; i++) {
                    double hu = field.hu(geometry.toPatient(i, j, k));
                    values[(k * rows + j) * columns + i] = (short) Math.round(Math.max(-1024, Math.min(3071, hu)) + 1024);
                }
            }
        }
        return new Volume(columns, rows, slices, values, 0, true, CT, geometry);
    }

    /** Axial slices as the demo CT stacks them: head to feet, slice k one step further toward the feet. */
    static VolumeGeometry headFirstAxial(Vec3 origin, double pixelMm, double sliceMm) {
        return new VolumeGeometry(origin, new Vec3(pixelMm, 0, 0), new Vec3(0, pixelMm, 0), new Vec3(0, 0, -sliceMm));
    }

    /**
     * A ball of {@code hu} above the background's {@code 0} HU, its surface a one-millimetre ramp
     * centred on the radius: what partial volume makes of a real nodule, and what lets a 50%
     * threshold find the surface to a fraction of a voxel.
     */
    static double ball(Vec3 p, Vec3 centre, double radius, double hu) {
        double d = p.minus(centre).length();
        return hu * Math.max(0, Math.min(1, radius + 0.5 - d));
    }

    /** Stored value to HU. */
    static double hu(Frame frame, int x, int y) {
        return frame.storedValue(x, y) - 1024;
    }

    /** Centroid {x, y} in pixels of the frame's pixels whose HU is above {@code threshold}, weighted by HU above it. */
    static double[] centroid(Frame frame, double threshold) {
        double sum = 0, sx = 0, sy = 0;
        for (int y = 0; y < frame.rows(); y++) {
            for (int x = 0; x < frame.columns(); x++) {
                double w = hu(frame, x, y) - threshold;
                if (w > 0) {
                    sum += w;
                    sx += w * x;
                    sy += w * y;
                }
            }
        }
        if (sum == 0) {
            throw new AssertionError("nothing above " + threshold + " HU");
        }
        return new double[] {sx / sum, sy / sum};
    }

    /**
     * The blob above {@code threshold} within {@code radiusPx} pixels of the first such pixel
     * in raster order that is not in {@code exclude}'s radius: lets a test separate two balls
     * without knowing where the reformat put them.
     */
    static double[] blobCentroid(Frame frame, double threshold, double radiusPx, double[] exclude) {
        double[] seed = null;
        double sum = 0, sx = 0, sy = 0;
        for (int y = 0; y < frame.rows(); y++) {
            for (int x = 0; x < frame.columns(); x++) {
                double w = hu(frame, x, y) - threshold;
                if (w <= 0 || exclude != null && Math.hypot(x - exclude[0], y - exclude[1]) < radiusPx) {
                    continue;
                }
                if (seed == null) {
                    seed = new double[] {x, y};
                }
                if (Math.hypot(x - seed[0], y - seed[1]) < radiusPx) {
                    sum += w;
                    sx += w * x;
                    sy += w * y;
                }
            }
        }
        if (seed == null) {
            throw new AssertionError("no blob above " + threshold + " HU");
        }
        return new double[] {sx / sum, sy / sum};
    }

    /** Pixels above {@code threshold} HU. */
    static int countAbove(Frame frame, double threshold) {
        int n = 0;
        for (int y = 0; y < frame.rows(); y++) {
            for (int x = 0; x < frame.columns(); x++) {
                if (hu(frame, x, y) > threshold) n++;
            }
        }
        return n;
    }
}
