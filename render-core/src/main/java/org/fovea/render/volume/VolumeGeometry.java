package org.fovea.render.volume;

import org.fovea.render.geom.Vec3;

/**
 * Where the voxels of a volume lie in the patient (LPS, mm): the centre of voxel (i, j, k) is
 * {@code origin + i * columnStep + j * rowStep + k * sliceStep}. {@code columnStep} goes along a
 * row of a source image (increasing column), {@code rowStep} down a column (increasing row), and
 * {@code sliceStep} from one source image to the next in stack order. The three steps need not be
 * orthogonal: a gantry-tilted CT has a slice step that leans against the image normal, and
 * reslicing through the inverse of this map shows it undistorted.
 */
public record VolumeGeometry(Vec3 origin, Vec3 columnStep, Vec3 rowStep, Vec3 sliceStep) {

    public VolumeGeometry {
        if (Math.abs(determinant(columnStep, rowStep, sliceStep)) < 1e-9) {
            throw new IllegalArgumentException("voxel steps are degenerate: " + columnStep + ", " + rowStep + ", "
                    + sliceStep);
        }
    }

    /** The patient coordinate of the centre of voxel (i, j, k); fractional indices allowed. */
    public Vec3 toPatient(double i, double j, double k) {
        return new Vec3(origin.x() + i * columnStep.x() + j * rowStep.x() + k * sliceStep.x(),
                        origin.y() + i * columnStep.y() + j * rowStep.y() + k * sliceStep.y(),
                        origin.z() + i * columnStep.z() + j * rowStep.z() + k * sliceStep.z());
    }

    /** The fractional voxel index {i, j, k} of a patient coordinate. */
    public double[] toIndex(Vec3 p) {
        double[] out = new double[3];
        toIndex(p.x(), p.y(), p.z(), out);
        return out;
    }

    /** As {@link #toIndex(Vec3)}, without allocating: writes {i, j, k} into {@code out}. */
    public void toIndex(double x, double y, double z, double[] out) {
        Inverse inv = inverse();
        double dx = x - origin.x(), dy = y - origin.y(), dz = z - origin.z();
        out[0] = inv.m[0] * dx + inv.m[1] * dy + inv.m[2] * dz;
        out[1] = inv.m[3] * dx + inv.m[4] * dy + inv.m[5] * dz;
        out[2] = inv.m[6] * dx + inv.m[7] * dy + inv.m[8] * dz;
    }

    /**
     * The inverse of the 3x3 step matrix, row-major: index = inverse * (p - origin). Samplers
     * take it once and apply it per sample.
     */
    public Inverse inverse() {
        return Inverse.of(columnStep, rowStep, sliceStep);
    }

    /** Spacing along each index axis in mm: |columnStep|, |rowStep|, |sliceStep|. */
    public double[] spacing() {
        return new double[] {columnStep.length(), rowStep.length(), sliceStep.length()};
    }

    /** Row-major 3x3 inverse of the matrix whose columns are the three voxel steps. */
    public static final class Inverse {
        /** Row-major: i = m0*dx + m1*dy + m2*dz, j = m3.., k = m6... */
        public final double[] m;

        private Inverse(double[] m) {
            this.m = m;
        }

        static Inverse of(Vec3 a, Vec3 b, Vec3 c) {
            // columns a, b, c; inverse rows are the cross products divided by the determinant
            double det = determinant(a, b, c);
            Vec3 r0 = b.cross(c), r1 = c.cross(a), r2 = a.cross(b);
            return new Inverse(new double[] {
                r0.x() / det, r0.y() / det, r0.z() / det,
                r1.x() / det, r1.y() / det, r1.z() / det,
                r2.x() / det, r2.y() / det, r2.z() / det});
        }
    }

    private static double determinant(Vec3 a, Vec3 b, Vec3 c) {
        return a.dot(b.cross(c));
    }
}
