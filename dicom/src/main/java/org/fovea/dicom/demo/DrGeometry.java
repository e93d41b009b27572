package org.fovea.dicom.demo;

/**
 * Sampling of the PA chest radiograph: the detector field is always {@value #WIDTH} mm wide and
 * {@value #HEIGHT} mm high, from z = {@value #TOP_Z} down, centred on x = 0. Columns run to the
 * patient's left and rows to the feet (Patient Orientation L\F, the usual way a PA film hangs).
 * The projection is parallel along y, so Imager Pixel Spacing is also the spacing at the patient.
 */
public record DrGeometry(int columns, int rows) {

    /** A 43 x 43 cm detector, the usual size for a PA chest: wider than the body, air on both sides. */
    public static final double WIDTH = 430;
    public static final double HEIGHT = 430;
    public static final double TOP_Z = 190;

    /** 2150 x 2150 at 0.2 mm. */
    public static final DrGeometry STANDARD = new DrGeometry(2150, 2150);

    public DrGeometry {
        if (Math.abs(WIDTH / columns - HEIGHT / rows) > 1e-9) {
            throw new IllegalArgumentException("radiograph pixels must be square: " + columns + "x" + rows);
        }
    }

    public double pixelSpacing() {
        return WIDTH / columns;
    }

    /** Patient x of a column centre. */
    public double x(int column) {
        return -WIDTH / 2 + (column + 0.5) * pixelSpacing();
    }

    /** Patient z of a row centre. */
    public double z(int row) {
        return TOP_Z - (row + 0.5) * pixelSpacing();
    }
}
