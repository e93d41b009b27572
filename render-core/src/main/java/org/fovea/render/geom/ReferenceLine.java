package org.fovea.render.geom;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reference lines (V24) and 2D locate: where another slice cuts the image on display, and which
 * point of an image, and which slice of a stack, lies nearest a point in the patient.
 *
 * <p>Image coordinates are those of {@link ImagePlane#toPatient}: {@code (column, row)} with
 * integer values at pixel centres, the image covering [-0.5, columns - 0.5] × [-0.5, rows - 0.5].
 * Pixel spacing may differ between rows and columns; directions are taken as given, so a slightly
 * non-orthogonal Image Orientation still gives the nearest point.
 */
public final class ReferenceLine {

    /**
     * Slices at a smaller angle to the image than this get no line. Between two planes at angle
     * θ the line moves by 1 / tan θ mm per mm of slice position: 57 mm at 1°, so a slice of a
     * nearly parallel stack would throw its line across the image, or off it, for each small
     * step, which tells a reader nothing; at 1° and above the lines of a stack are still spread
     * out in order. Parallel stacks are what this leaves out, as other viewers do.
     */
    public static final double MIN_ANGLE_DEGREES = 1;

    private static final double MIN_SINE = Math.sin(Math.toRadians(MIN_ANGLE_DEGREES));

    private ReferenceLine() {
    }

    /**
     * A line segment in image coordinates; {@code start} is the end with the smaller column, or
     * the smaller row when both columns are equal.
     */
    public record Segment(double startColumn, double startRow, double endColumn, double endRow) {

        /** Length in image pixels (not mm: pixels may be non-square). */
        public double length() {
            return Math.hypot(endColumn - startColumn, endRow - startRow);
        }
    }

    /**
     * A patient point seen from an image: the nearest point of the image's plane in image
     * coordinates, and the signed distance in mm from the plane, positive on the side its
     * {@link ImagePlane#normal()} (row direction × column direction) points to.
     */
    public record Projection(double column, double row, double distanceMm) {

        /** Whether the nearest point lies on the image (edges included). */
        public boolean within(int columns, int rows) {
            return column >= -0.5 && column <= columns - 0.5 && row >= -0.5 && row <= rows - 0.5;
        }
    }

    /**
     * Where the plane of {@code source} (the infinite plane through its position, perpendicular to
     * its normal) cuts the {@code targetColumns} × {@code targetRows} image {@code target}: the
     * segment of the line that lies within the image rectangle. Empty when the planes are at less
     * than {@link #MIN_ANGLE_DEGREES} to each other, or when the line misses the image (or only
     * touches a corner). For the first and last slices of a stack, call it with those two planes.
     */
    public static Optional<Segment> of(ImagePlane source, ImagePlane target, int targetColumns, int targetRows) {
        if (targetColumns < 1 || targetRows < 1) {
            throw new IllegalArgumentException("image size " + targetColumns + "x" + targetRows);
        }
        Vec3 n = source.normal();
        if (n.cross(target.normal()).length() < MIN_SINE) {
            return Optional.empty();
        }
        // signed distance from the source plane of the target's pixel (c, r): d0 + a c + b r
        double d0 = n.dot(target.position().minus(source.position()));
        double a = n.dot(target.rowDirection()) * target.columnSpacing();
        double b = n.dot(target.columnDirection()) * target.rowSpacing();
        double norm = Math.hypot(a, b);
        a /= norm;
        b /= norm;
        d0 /= norm;
        // the foot of the perpendicular from (0, 0) to the line, and the line's unit direction
        double pc = -d0 * a;
        double pr = -d0 * b;
        double dc = -b;
        double dr = a;
        double[] t = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        if (!clip(pc, dc, -0.5, targetColumns - 0.5, t) || !clip(pr, dr, -0.5, targetRows - 0.5, t)
                || !(t[0] < t[1])) {
            return Optional.empty();
        }
        double c0 = pc + t[0] * dc, r0 = pr + t[0] * dr;
        double c1 = pc + t[1] * dc, r1 = pr + t[1] * dr;
        boolean inOrder = c0 < c1 || c0 == c1 && r0 <= r1;
        return Optional.of(inOrder ? new Segment(c0, r0, c1, r1) : new Segment(c1, r1, c0, r0));
    }

    /**
     * Narrows the parameter range {@code t} of the line {@code p + t d} to where its coordinate
     * lies within [min, max]; false when it never does.
     */
    private static boolean clip(double p, double d, double min, double max, double[] t) {
        if (d == 0) {
            return p >= min && p <= max;
        }
        double t0 = (min - p) / d;
        double t1 = (max - p) / d;
        t[0] = Math.max(t[0], Math.min(t0, t1));
        t[1] = Math.min(t[1], Math.max(t0, t1));
        return t[0] <= t[1];
    }

    /**
     * The point of {@code target}'s plane nearest {@code patientPoint}, in image coordinates,
     * and the signed distance from that plane: a click on one image located on another.
     */
    public static Projection locate(Vec3 patientPoint, ImagePlane target) {
        Vec3 v = patientPoint.minus(target.position());
        Vec3 u = target.rowDirection().times(target.columnSpacing());
        Vec3 w = target.columnDirection().times(target.rowSpacing());
        // least squares: (c, r) minimising |v - c u - r w|, a 2 x 2 system
        double uu = u.dot(u), uw = u.dot(w), ww = w.dot(w);
        double vu = v.dot(u), vw = v.dot(w);
        double det = uu * ww - uw * uw;
        if (!(det > 0)) {
            throw new IllegalArgumentException("degenerate image plane " + target);
        }
        double column = (vu * ww - vw * uw) / det;
        double row = (vw * uu - vu * uw) / det;
        return new Projection(column, row, v.dot(target.normal()));
    }

    /**
     * The index of the slice of {@code stack} whose plane lies nearest {@code patientPoint}
     * (the first of equally near ones); empty for an empty stack.
     */
    public static OptionalInt nearestSlice(List<ImagePlane> stack, Vec3 patientPoint) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < stack.size(); i++) {
            ImagePlane plane = stack.get(i);
            double d = Math.abs(patientPoint.minus(plane.position()).dot(plane.normal()));
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }
}
