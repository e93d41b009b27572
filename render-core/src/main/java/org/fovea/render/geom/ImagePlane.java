package org.fovea.render.geom;

/**
 * Where an image lies in the patient: Image Position (Patient) of the centre of the first
 * pixel, the unit row direction (along a row, increasing column) and column direction
 * (down a column, increasing row) from Image Orientation (Patient), and the pixel spacing.
 * {@code rowSpacing} is the distance between rows (Pixel Spacing[0]) and
 * {@code columnSpacing} between columns (Pixel Spacing[1]); {@code spacingSource} says where
 * the calibration came from (e.g. "Pixel Spacing", "Imager Pixel Spacing"), shown to users.
 */
public record ImagePlane(Vec3 position, Vec3 rowDirection, Vec3 columnDirection,
                         double rowSpacing, double columnSpacing, double sliceThickness,
                         String spacingSource) {

    /** The patient coordinate of the centre of pixel (column, row); fractional positions allowed. */
    public Vec3 toPatient(double column, double row) {
        return position.plus(rowDirection.times(column * columnSpacing))
                       .plus(columnDirection.times(row * rowSpacing));
    }

    /** Unit normal of the plane (row direction x column direction). */
    public Vec3 normal() {
        return rowDirection.cross(columnDirection).normalized();
    }
}
