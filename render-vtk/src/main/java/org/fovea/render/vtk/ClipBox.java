package org.fovea.render.vtk;

/**
 * The part of a volume that stays visible, as fractions (0..1) of its extent along each index axis:
 * i along a source image's rows (columns), j down its columns (rows), k through the stack
 * (slices). Following the voxel grid rather than patient axes keeps the box's faces on the
 * volume's own faces, also for oblique and gantry-tilted series.
 */
public record ClipBox(double iMin, double iMax, double jMin, double jMax, double kMin, double kMax) {

    /** Nothing clipped. */
    public static final ClipBox WHOLE = new ClipBox(0, 1, 0, 1, 0, 1);

    public ClipBox {
        check(iMin, iMax, "i");
        check(jMin, jMax, "j");
        check(kMin, kMax, "k");
    }

    private static void check(double min, double max, String axis) {
        if (!(min >= 0 && max <= 1 && min < max)) {
            throw new IllegalArgumentException("clip box along " + axis + " must satisfy 0 <= min < max <= 1, got "
                    + min + ".." + max);
        }
    }
}
