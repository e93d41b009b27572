package org.fovea.render.volume;

import org.fovea.render.geom.Vec3;

/**
 * The standard reformat planes of a volume, in radiological convention (LPS): axial seen from
 * the feet (patient's left on the screen's right, anterior up), coronal seen from the front
 * (left on the right, head up), sagittal seen from the patient's left (anterior on the left,
 * head up); and oblique planes by azimuth and elevation.
 *
 * <p>Every plane is sized to cover the whole volume (the projection of its eight corner voxel
 * centres) at the volume's finest voxel spacing, centred on the projection of the volume's
 * centre onto the plane. So scrolling a plane along its normal never pans the image, and on an
 * axis-aligned volume with cubic voxels the pixels of axial, coronal and sagittal planes through
 * a voxel centre fall exactly on voxel centres.
 */
public final class Planes {

    private static final Vec3 X = new Vec3(1, 0, 0);
    private static final Vec3 Y = new Vec3(0, 1, 0);
    private static final Vec3 Z = new Vec3(0, 0, 1);
    private static final Vec3 MINUS_Z = new Vec3(0, 0, -1);

    private Planes() {
    }

    /** Axial through {@code through}: right = +x (patient left), down = +y (posterior). */
    public static SlicePlane axial(Volume volume, Vec3 through) {
        return covering(volume, through, X, Y);
    }

    /** Coronal through {@code through}: right = +x (patient left), down = -z (feet). */
    public static SlicePlane coronal(Volume volume, Vec3 through) {
        return covering(volume, through, X, MINUS_Z);
    }

    /** Sagittal through {@code through}: right = +y (posterior), down = -z (feet). */
    public static SlicePlane sagittal(Volume volume, Vec3 through) {
        return covering(volume, through, Y, MINUS_Z);
    }

    /**
     * An oblique plane, as the command line's {@code --view oblique:AZ,EL} names it. The viewer
     * looks against n = (sin AZ cos EL, -cos AZ cos EL, sin EL) (n points from the plane toward
     * the viewer, so {@link SlicePlane#normal()} is -n); right = normalize(z x n), or +x when n
     * is along z; down = right x n. So 0,0 is the coronal (seen from the front), 90,0 the
     * sagittal (seen from the patient's left), and 0,-90 the axial seen from the feet; 0,90 is an
     * axial seen from the head (anterior down), as the definition implies.
     */
    public static SlicePlane oblique(Volume volume, Vec3 through, double azimuthDeg, double elevationDeg) {
        double az = Math.toRadians(azimuthDeg);
        double el = Math.toRadians(elevationDeg);
        Vec3 n = new Vec3(Math.sin(az) * Math.cos(el), -Math.cos(az) * Math.cos(el), Math.sin(el));
        Vec3 zn = Z.cross(n);
        // |z x n| = cos EL: below this n is along z to rounding and the cross product's direction is noise
        Vec3 right = zn.length() < 1e-9 ? X : zn.normalized();
        Vec3 down = right.cross(n).normalized();
        return covering(volume, through, right, down);
    }

    /**
     * The plane through {@code through} with the given screen directions (orthonormal), sized
     * to cover the volume at its finest voxel spacing.
     */
    public static SlicePlane covering(Volume volume, Vec3 through, Vec3 right, Vec3 down) {
        double pixelMm = finestSpacing(volume);
        Vec3 normal = right.cross(down);
        Vec3 volumeCentre = volume.geometry().toPatient((volume.columns() - 1) / 2.0, (volume.rows() - 1) / 2.0,
                (volume.slices() - 1) / 2.0);
        Vec3 centre = volumeCentre.plus(normal.times(through.minus(volumeCentre).dot(normal)));
        double halfRight = 0;
        double halfDown = 0;
        for (int corner = 0; corner < 8; corner++) {
            Vec3 c = volume.geometry().toPatient((corner & 1) == 0 ? 0 : volume.columns() - 1,
                    (corner & 2) == 0 ? 0 : volume.rows() - 1, (corner & 4) == 0 ? 0 : volume.slices() - 1);
            Vec3 d = c.minus(centre);
            halfRight = Math.max(halfRight, Math.abs(d.dot(right)));
            halfDown = Math.max(halfDown, Math.abs(d.dot(down)));
        }
        return new SlicePlane(centre, right, down, pixelMm, pixelsSpanning(2 * halfRight, pixelMm),
                pixelsSpanning(2 * halfDown, pixelMm));
    }

    /** The smallest of the three voxel spacings, in mm: reformats never lose resolution. */
    public static double finestSpacing(Volume volume) {
        double[] s = volume.geometry().spacing();
        return Math.min(s[0], Math.min(s[1], s[2]));
    }

    /**
     * Pixels whose outer centres span {@code extentMm}: an extent of n-1 voxel steps gives n
     * pixels on the voxel centres; a fractional one rounds up (the 1e-6 absorbs rounding of
     * exact multiples).
     */
    private static int pixelsSpanning(double extentMm, double pixelMm) {
        return (int) Math.ceil(extentMm / pixelMm - 1e-6) + 1;
    }
}
