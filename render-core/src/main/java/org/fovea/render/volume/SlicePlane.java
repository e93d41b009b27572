package org.fovea.render.volume;

import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.Vec3;

/**
 * A displayed plane through a volume: {@code width x height} square pixels of {@code pixelMm},
 * centred on {@code centre}; pixel (x, y) has its centre at
 * {@code centre + (x - (width-1)/2) * pixelMm * right + (y - (height-1)/2) * pixelMm * down}.
 * {@code right} is the screen's left-to-right direction and {@code down} its top-to-bottom one,
 * both unit vectors in patient LPS, orthogonal to each other.
 *
 * <p>{@link #normal()} is {@code right x down}: it points into the screen, away from the viewer
 * (toward the head on an axial, toward posterior on a coronal, toward the patient's right on a
 * sagittal seen from the left). Positive distances along it are "deeper" in the view.
 */
public record SlicePlane(Vec3 centre, Vec3 right, Vec3 down, double pixelMm, int width, int height) {

    /** How far from unit length and from orthogonal the directions may be (rounding of rotations). */
    private static final double ORTHONORMAL_TOLERANCE = 1e-6;

    public SlicePlane {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("plane size " + width + "x" + height);
        }
        if (!(pixelMm > 0) || Double.isInfinite(pixelMm)) {
            throw new IllegalArgumentException("pixel size " + pixelMm + " mm");
        }
        if (Math.abs(right.length() - 1) > ORTHONORMAL_TOLERANCE || Math.abs(down.length() - 1) > ORTHONORMAL_TOLERANCE
                || Math.abs(right.dot(down)) > ORTHONORMAL_TOLERANCE) {
            throw new IllegalArgumentException("right " + right + " and down " + down + " are not orthonormal");
        }
    }

    /** Unit normal, {@code right x down}: into the screen. */
    public Vec3 normal() {
        return right.cross(down);
    }

    /** The patient coordinate of the centre of pixel (x, y); fractional pixels allowed. */
    public Vec3 toPatient(double x, double y) {
        double a = (x - (width - 1) / 2.0) * pixelMm;
        double b = (y - (height - 1) / 2.0) * pixelMm;
        return new Vec3(centre.x() + a * right.x() + b * down.x(),
                        centre.y() + a * right.y() + b * down.y(),
                        centre.z() + a * right.z() + b * down.z());
    }

    /**
     * Where a patient point projects on this plane: {x, y, distance}, x and y in (fractional)
     * pixels, distance in mm along {@link #normal()} (positive: behind the plane as seen).
     */
    public double[] toPixel(Vec3 p) {
        Vec3 d = p.minus(centre);
        return new double[] {
            d.dot(right) / pixelMm + (width - 1) / 2.0,
            d.dot(down) / pixelMm + (height - 1) / 2.0,
            d.dot(normal())};
    }

    /**
     * The plane as an image's geometry (position of the top-left pixel, row direction = right,
     * column direction = down), so orientation labels, scale bar and view transform work on
     * reformatted images as on acquired ones.
     */
    public ImagePlane imagePlane() {
        return new ImagePlane(toPatient(0, 0), right, down, pixelMm, pixelMm, 0, "MPR");
    }

    /** The same orientation and size, centred elsewhere. */
    public SlicePlane withCentre(Vec3 newCentre) {
        return new SlicePlane(newCentre, right, down, pixelMm, width, height);
    }
}
