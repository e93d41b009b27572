package org.fovea.dicom.demo;

/**
 * Sampling of the phantom as an axial CT series. Whatever the matrix and slice count, the
 * field of view is {@value #FIELD_OF_VIEW} mm square and the series covers {@value #Z_EXTENT} mm
 * from z = {@value #TOP_Z} down, so positions in mm mean the same thing at every size.
 *
 * <p>Column i, row j, slice k has its centre at x = -{@value #FIELD_OF_VIEW}/2 + i·spacing,
 * y = -{@value #FIELD_OF_VIEW}/2 + j·spacing, z = {@value #TOP_Z} - k·sliceSpacing: x = y = 0 is
 * a pixel centre (the FOV is centred on the patient to half a pixel), Image Orientation
 * (Patient) is 1\0\0\0\1\0, and Instance Number k+1 runs head to feet (z descending).
 */
public record CtGeometry(int matrix, int slices) {

    public static final double FIELD_OF_VIEW = 512;
    public static final double Z_EXTENT = 300;
    public static final double TOP_Z = 150;

    /** 512 x 512 x 300 at 1 mm. */
    public static final CtGeometry CURRENT = new CtGeometry(512, 300);
    /** The prior: 512 x 512 x 150 at 2 mm. */
    public static final CtGeometry PRIOR = new CtGeometry(512, 150);

    public CtGeometry {
        if (matrix < 16 || slices < 2) {
            throw new IllegalArgumentException("a CT needs at least 16x16 pixels and 2 slices");
        }
    }

    public double pixelSpacing() {
        return FIELD_OF_VIEW / matrix;
    }

    public double sliceSpacing() {
        return Z_EXTENT / slices;
    }

    /** Patient x (columns) or y (rows) of a pixel centre. */
    public double position(int index) {
        return -FIELD_OF_VIEW / 2 + index * pixelSpacing();
    }

    public double z(int slice) {
        return TOP_Z - slice * sliceSpacing();
    }

    /** The slice whose centre is nearest to z. */
    public int sliceAt(double z) {
        return (int) Math.round((TOP_Z - z) / sliceSpacing());
    }

    /** The column (for x) or row (for y) whose centre is nearest. */
    public int indexAt(double mm) {
        return (int) Math.round((mm + FIELD_OF_VIEW / 2) / pixelSpacing());
    }
}
