package org.fovea.render.measure;

/**
 * A position on an image in DICOM image coordinates (PS3.3 C.10.5.1.2, the convention of GSPS
 * Graphic Data and SR SCOORD): {@code x} runs along a row (columns), {@code y} down a column
 * (rows), {@code (0,0)} is the top left corner of the top left pixel and the centre of pixel
 * (column c, row r) is {@code (c + 0.5, r + 0.5)}.
 */
public record ImagePoint(double x, double y) {

    public ImagePoint {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("image point " + x + "," + y);
        }
    }

    /** The centre of pixel (column, row). */
    public static ImagePoint centreOf(int column, int row) {
        return new ImagePoint(column + 0.5, row + 0.5);
    }

    public ImagePoint plus(double dx, double dy) {
        return new ImagePoint(x + dx, y + dy);
    }
}
