package org.fovea.render.geom;

/**
 * Physical size of a pixel in mm: {@code rowMm} between rows, {@code columnMm} between
 * columns, and where the calibration came from ("Pixel Spacing", "Imager Pixel Spacing", …),
 * which is shown next to measurements.
 */
public record PixelSpacing(double rowMm, double columnMm, String source) {
}
