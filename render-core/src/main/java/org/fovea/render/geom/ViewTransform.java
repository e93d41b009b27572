package org.fovea.render.geom;

/**
 * Where an image sits in a viewport: zoom, pan and fit, and the mapping between image pixel
 * coordinates and viewport coordinates, both in double precision.
 *
 * <p>Image coordinates follow {@link ImagePlane#toPatient}: {@code (column, row)} with integer
 * values at pixel centres, so the image covers [-0.5, columns - 0.5] × [-0.5, rows - 0.5].
 * Viewport coordinates are continuous with (0, 0) at the viewport's top-left corner, as in
 * JavaFX. One image column is {@code columnSpacing} mm wide and one row {@code rowSpacing} mm
 * high, and both are drawn at the same screen pixels per mm, so non-square pixels keep the
 * patient's true proportions.
 *
 * <p>{@link #zoom()} is relative to the fitted size: 1 means the whole image fits the viewport,
 * centred. Pan is in viewport pixels. Not thread-safe; it belongs to one viewport.
 */
public final class ViewTransform {

    /** A point in image or viewport coordinates. */
    public record Point(double x, double y) {
    }

    private final int columns;
    private final int rows;
    private final double columnSpacing;
    private final double rowSpacing;
    private double viewportWidth;
    private double viewportHeight;
    private double zoom = 1;
    private double panX;
    private double panY;

    /**
     * @param spacing the image's pixel spacing; {@code null} (uncalibrated) shows pixels square
     */
    public ViewTransform(int columns, int rows, PixelSpacing spacing, double viewportWidth, double viewportHeight) {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("image size " + columns + "x" + rows);
        }
        this.columns = columns;
        this.rows = rows;
        boolean calibrated = spacing != null && spacing.rowMm() > 0 && spacing.columnMm() > 0;
        this.columnSpacing = calibrated ? spacing.columnMm() : 1;
        this.rowSpacing = calibrated ? spacing.rowMm() : 1;
        setViewportSize(viewportWidth, viewportHeight);
    }

    /** Follows a resized viewport; zoom and pan are kept, so a fitted image stays fitted. */
    public void setViewportSize(double width, double height) {
        if (!(width > 0) || !(height > 0)) {
            throw new IllegalArgumentException("viewport size " + width + "x" + height);
        }
        viewportWidth = width;
        viewportHeight = height;
    }

    /** The whole image fills the viewport along its tighter side, centred. */
    public void fitToViewport() {
        zoom = 1;
        panX = 0;
        panY = 0;
    }

    /** Back to the view a freshly opened image gets, which is fitted and centred. */
    public void reset() {
        fitToViewport();
    }

    /** Sets the zoom relative to the fitted size, about the viewport centre. */
    public void setZoom(double zoom) {
        zoomAbout(zoom / this.zoom, viewportWidth / 2, viewportHeight / 2);
    }

    /**
     * Multiplies the zoom by {@code factor} keeping the image point under viewport point
     * ({@code vx}, {@code vy}) where it is, as a mouse-wheel zoom at the cursor does.
     */
    public void zoomAbout(double factor, double vx, double vy) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("zoom factor " + factor);
        }
        Point anchor = toImage(vx, vy);
        zoom *= factor;
        panX = vx - viewportWidth / 2 - (anchor.x() - centreColumn()) * scaleX();
        panY = vy - viewportHeight / 2 - (anchor.y() - centreRow()) * scaleY();
    }

    /** Moves the image by ({@code dx}, {@code dy}) viewport pixels. */
    public void pan(double dx, double dy) {
        panX += dx;
        panY += dy;
    }

    public double zoom() { return zoom; }
    public double panX() { return panX; }
    public double panY() { return panY; }

    /** Viewport pixels per millimetre in the patient. */
    public double pixelsPerMm() {
        double fit = Math.min(viewportWidth / (columns * columnSpacing), viewportHeight / (rows * rowSpacing));
        return fit * zoom;
    }

    /** Viewport pixels per image column. */
    public double scaleX() { return pixelsPerMm() * columnSpacing; }

    /** Viewport pixels per image row. */
    public double scaleY() { return pixelsPerMm() * rowSpacing; }

    /** Millimetres per viewport pixel, for {@link ScaleBar#choose}. */
    public double mmPerViewportPixel() { return 1 / pixelsPerMm(); }

    public Point toViewport(double column, double row) {
        return new Point(viewportWidth / 2 + panX + (column - centreColumn()) * scaleX(),
                         viewportHeight / 2 + panY + (row - centreRow()) * scaleY());
    }

    public Point toImage(double vx, double vy) {
        return new Point(centreColumn() + (vx - viewportWidth / 2 - panX) / scaleX(),
                         centreRow() + (vy - viewportHeight / 2 - panY) / scaleY());
    }

    private double centreColumn() { return (columns - 1) / 2.0; }
    private double centreRow() { return (rows - 1) / 2.0; }
}
