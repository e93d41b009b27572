package org.fovea.dicom.series;

import org.fovea.dicom.series.NotAVolumeException.Reason;
import org.fovea.render.Frame;
import org.fovea.render.PixelInfo;
import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VolumeGeometry;

import java.util.Arrays;
import java.util.Locale;

/**
 * Turns a fully decoded series into a {@link Volume} for MPR, CPR and VR, after checking that it
 * is one: grayscale images of one size, one orientation, one pixel spacing and one rescale,
 * positions along one line at an even spacing. What is refused is refused with a reason naming
 * the image; what 3D can show correctly is accepted:
 * <ul>
 *   <li>gantry tilt: the step between slices leans against the image normal; the volume's
 *       geometry keeps that step as it is, so reslicing through it shows the anatomy unsheared;</li>
 *   <li>slices in either order along the normal: the step carries the sign.</li>
 * </ul>
 * Uneven spacing (a missing slice, a series that joins two ranges) is refused: drawing it as
 * even would misplace anatomy by whole slices.
 *
 * <p>The voxels are the series' own array from 2D loading, not a copy: slices decoded before
 * that array existed are copied into their empty places in it first.
 */
public final class VolumeBuilder {

    /** Gaps may differ by this fraction of the typical gap (rounding of positions in headers). */
    static final double GAP_TOLERANCE = 0.1;
    /** Direction cosines this close (dot product) count as the same orientation. */
    static final double SAME_DIRECTION = 0.9999;
    /** Pixel spacings within this fraction count as the same. */
    static final double SAME_SPACING = 1e-3;

    private VolumeBuilder() {
    }

    /** The stack's volume; every slice must be decoded ({@link SeriesStack#whenDecoded()}). */
    public static Volume build(SeriesStack stack) throws NotAVolumeException {
        int n = stack.size();
        if (n < 3) {
            throw new NotAVolumeException(Reason.TOO_FEW_SLICES, n);
        }
        Slice[] slices = new Slice[n];
        for (int k = 0; k < n; k++) {
            Slice s = stack.slice(k);
            if (s == null) {
                SliceFailure f = stack.failure(k);
                throw new NotAVolumeException(Reason.NOT_DECODED, k + 1,
                        f == null ? "still loading" : f.reason() == null ? "unreadable" : f.reason());
            }
            slices[k] = s;
        }
        Slice first = slices[0];
        Frame f0 = first.frame();
        ImagePlane p0 = first.plane();
        for (int k = 0; k < n; k++) {
            check(slices[k], k, f0, p0, first.pixelInfo());
        }
        VolumeGeometry geometry = geometry(slices);
        short[] values = voxels(stack, slices);
        return new Volume(f0.columns(), f0.rows(), n, values, 0, f0.signed(), first.pixelInfo(), geometry);
    }

    private static void check(Slice s, int k, Frame f0, ImagePlane p0, PixelInfo info0) throws NotAVolumeException {
        Frame f = s.frame();
        if (f.kind() != Frame.Kind.GRAYSCALE) {
            throw new NotAVolumeException(Reason.NOT_GRAYSCALE, k + 1);
        }
        if (f.columns() != f0.columns() || f.rows() != f0.rows()) {
            throw new NotAVolumeException(Reason.SIZE_DIFFERS, k + 1, f.columns() + "x" + f.rows(),
                    f0.columns() + "x" + f0.rows());
        }
        ImagePlane p = s.plane();
        if (p == null || p0 == null) {
            throw new NotAVolumeException(Reason.NO_GEOMETRY, p == null ? k + 1 : 1);
        }
        if (p.rowDirection().dot(p0.rowDirection()) < SAME_DIRECTION
                || p.columnDirection().dot(p0.columnDirection()) < SAME_DIRECTION) {
            throw new NotAVolumeException(Reason.ORIENTATION_DIFFERS, k + 1);
        }
        if (differs(p.rowSpacing(), p0.rowSpacing()) || differs(p.columnSpacing(), p0.columnSpacing())) {
            throw new NotAVolumeException(Reason.PIXEL_SPACING_DIFFERS, k + 1);
        }
        if (!s.pixelInfo().modalityLut().equals(info0.modalityLut()) || f.signed() != f0.signed()) {
            throw new NotAVolumeException(Reason.RESCALE_DIFFERS, k + 1);
        }
    }

    private static boolean differs(double a, double b) {
        return Math.abs(a - b) > SAME_SPACING * Math.max(Math.abs(a), Math.abs(b));
    }

    /**
     * The mean step from slice to slice, checked to be even along the normal and the slices to
     * lie on one line (in-plane drift is allowed: that is gantry tilt, and stays in the step).
     */
    private static VolumeGeometry geometry(Slice[] slices) throws NotAVolumeException {
        int n = slices.length;
        ImagePlane p0 = slices[0].plane();
        Vec3 normal = p0.normal();
        Vec3 firstPos = p0.position();
        Vec3 step = slices[n - 1].plane().position().minus(firstPos).times(1.0 / (n - 1));
        double[] gaps = new double[n - 1];
        for (int k = 0; k + 1 < n; k++) {
            gaps[k] = Math.abs(slices[k + 1].plane().position().minus(slices[k].plane().position()).dot(normal));
            if (gaps[k] < 1e-3) {
                throw new NotAVolumeException(Reason.SAME_POSITION, k + 1, k + 2);
            }
        }
        // the median, so the message names the odd gap rather than calling every other one odd
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double typical = sorted[sorted.length / 2];
        for (int k = 0; k + 1 < n; k++) {
            double gap = gaps[k];
            if (Math.abs(gap - typical) > GAP_TOLERANCE * typical) {
                throw new NotAVolumeException(Reason.UNEVEN_SPACING, mm(Math.abs(gap)), k + 1, k + 2, mm(typical));
            }
        }
        double off = 0.5 * Math.min(p0.rowSpacing(), p0.columnSpacing());
        for (int k = 1; k + 1 < n; k++) {
            Vec3 expected = firstPos.plus(step.times(k));
            double d = slices[k].plane().position().minus(expected).length();
            if (d > Math.max(off, GAP_TOLERANCE * typical)) {
                throw new NotAVolumeException(Reason.NOT_ON_A_LINE, k + 1, mm(d));
            }
        }
        return new VolumeGeometry(firstPos, p0.rowDirection().times(p0.columnSpacing()),
                p0.columnDirection().times(p0.rowSpacing()), step);
    }

    private static String mm(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The series' array with every slice in place, or a new one when the series has none. */
    private static short[] voxels(SeriesStack stack, Slice[] slices) throws NotAVolumeException {
        Frame f0 = slices[0].frame();
        int per = f0.columns() * f0.rows();
        short[] shared = stack.sharedSliceValues() == per ? stack.sharedArray() : null;
        if (shared == null) {
            long total = (long) per * slices.length;
            if (total > Integer.MAX_VALUE - 16) {
                throw new NotAVolumeException(Reason.TOO_LARGE, total * 2 / (1024 * 1024));
            }
            try {
                shared = new short[(int) total];
            } catch (OutOfMemoryError e) {
                throw new NotAVolumeException(Reason.TOO_LARGE, total * 2 / (1024 * 1024));
            }
        }
        for (int k = 0; k < slices.length; k++) {
            Frame f = slices[k].frame();
            if (f.values() != shared) {
                System.arraycopy(f.values(), f.offset(), shared, k * per, per);
            }
        }
        return shared;
    }
}
