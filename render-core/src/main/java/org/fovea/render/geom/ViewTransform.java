package org.fovea.render.geom;

/**
 * Where an image sits in a viewport: zoom, pan, fit, quarter turns and mirroring, and the
 * mapping between image pixel coordinates and viewport coordinates, both in double precision.
 *
 * <p>Image coordinates follow {@link ImagePlane#toPatient}: {@code (column, row)} with integer
 * values at pixel centres, so the image covers [-0.5, columns - 0.5] × [-0.5, rows - 0.5].
 * Viewport coordinates are continuous with (0, 0) at the viewport's top-left corner, as in
 * JavaFX. One image column is {@code columnSpacing} mm wide and one row {@code rowSpacing} mm
 * high, and both are drawn at the same screen pixels per mm, so non-square pixels keep the
 * patient's true proportions.
 *
 * <p>{@link #zoom()} is relative to the fitted size: 1 means the whole image fits the viewport,
 * centred. Pan is in viewport pixels: where the image centre sits relative to the viewport
 * centre. Not thread-safe; it belongs to one viewport.
 *
 * <p>Orientation (V19) is kept in one normalised form, because the eight ways a rectangle can be
 * turned and flipped compose into each other and a UI that kept "flipped vertically" beside
 * "turned twice" would show two states for one picture: the displayed picture is the image
 * first {@linkplain #mirrored() mirrored} left to right (its columns reversed) when mirrored,
 * then turned {@link #quarterTurns()} times 90° clockwise. A vertical flip is thus stored as
 * mirrored and turned twice. The user's commands act on the picture as it is displayed (a
 * horizontal flip of a turned image swaps the screen's left and right edges) and keep the image
 * point at the viewport centre where it is, so the region being looked at stays in view; zoom
 * stays relative to the fitted size, so a fitted image stays fitted when a turn changes which
 * of its sides is the tighter one.
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
    private int quarterTurns;
    private boolean mirrored;
    /** The orientation as a matrix of 0 and ±1 acting on (column, row) displacements. */
    private int o00 = 1;
    private int o01;
    private int o10;
    private int o11 = 1;

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

    /** Back to the view a freshly opened image gets: fitted, centred, not turned or mirrored. */
    public void reset() {
        quarterTurns = 0;
        mirrored = false;
        updateOrientationMatrix();
        fitToViewport();
    }

    /** Turns the displayed picture 90° clockwise about the viewport centre. */
    public void rotateClockwise() {
        reorient(quarterTurns + 1, mirrored);
    }

    /** Turns the displayed picture 90° counter-clockwise about the viewport centre. */
    public void rotateCounterClockwise() {
        reorient(quarterTurns + 3, mirrored);
    }

    /** Swaps the displayed picture's left and right, about the viewport centre's vertical. */
    public void flipHorizontal() {
        // mirroring the screen after turning q times = turning -q times after mirroring the image
        reorient(4 - quarterTurns, !mirrored);
    }

    /** Swaps the displayed picture's top and bottom, about the viewport centre's horizontal. */
    public void flipVertical() {
        // a vertical flip is a horizontal flip and a half turn
        reorient(6 - quarterTurns, !mirrored);
    }

    /** How many times (0..3) the picture is turned 90° clockwise, after any mirroring. */
    public int quarterTurns() { return quarterTurns; }

    /** Whether the image is mirrored left to right (columns reversed) before it is turned. */
    public boolean mirrored() { return mirrored; }

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
        place(anchor, vx, vy);
    }

    /** Moves the image by ({@code dx}, {@code dy}) viewport pixels. */
    public void pan(double dx, double dy) {
        panX += dx;
        panY += dy;
    }

    public double zoom() { return zoom; }
    public double panX() { return panX; }
    public double panY() { return panY; }

    /** Viewport pixels per millimetre in the patient; the fit uses the picture's turned extent. */
    public double pixelsPerMm() {
        double widthMm = columns * columnSpacing;
        double heightMm = rows * rowSpacing;
        boolean sideways = (quarterTurns & 1) == 1;
        double fit = Math.min(viewportWidth / (sideways ? heightMm : widthMm),
                              viewportHeight / (sideways ? widthMm : heightMm));
        return fit * zoom;
    }

    /** Viewport pixels per image column, along the image's row direction whichever way it is turned. */
    public double scaleX() { return pixelsPerMm() * columnSpacing; }

    /** Viewport pixels per image row, along the image's column direction whichever way it is turned. */
    public double scaleY() { return pixelsPerMm() * rowSpacing; }

    /** Millimetres per viewport pixel, for {@link ScaleBar#choose}. */
    public double mmPerViewportPixel() { return 1 / pixelsPerMm(); }

    /** The viewport point where image point ({@code column}, {@code row}) is shown (pixel centres at integers). */
    public Point toViewport(double column, double row) {
        double u = (column - centreColumn()) * scaleX();
        double v = (row - centreRow()) * scaleY();
        return new Point(viewportWidth / 2 + panX + o00 * u + o01 * v,
                         viewportHeight / 2 + panY + o10 * u + o11 * v);
    }

    /** The image point (column, row) shown at viewport point ({@code vx}, {@code vy}); inverse of {@link #toViewport}. */
    public Point toImage(double vx, double vy) {
        double dx = vx - viewportWidth / 2 - panX;
        double dy = vy - viewportHeight / 2 - panY;
        // the orientation matrix is orthogonal: its inverse is its transpose
        return new Point(centreColumn() + (o00 * dx + o10 * dy) / scaleX(),
                         centreRow() + (o01 * dx + o11 * dy) / scaleY());
    }

    /**
     * The whole view as one affine map, for drawing the image with a single transform. Its input
     * is the <em>top-left pixel edge</em> convention of an image drawn at (0, 0) with its natural
     * size: pixel (c, r) covers [c, c + 1] × [r, r + 1], so its centre is (c + 0.5, r + 0.5) and
     * the image's top-left corner is (0, 0). In other words
     * {@code imageToViewport().apply(x, y) == toViewport(x - 0.5, y - 0.5)}. A JavaFX caller sets
     * it on the canvas (or a node) and draws the image at (0, 0), {@code columns} × {@code rows}.
     */
    public Affine2D imageToViewport() {
        double sx = scaleX();
        double sy = scaleY();
        double mxx = o00 * sx;
        double mxy = o01 * sy;
        double myx = o10 * sx;
        double myy = o11 * sy;
        // the image's centre, (columns / 2, rows / 2) in edge coordinates, sits at the viewport centre plus pan
        double cx = columns / 2.0;
        double cy = rows / 2.0;
        return new Affine2D(mxx, mxy, viewportWidth / 2 + panX - (mxx * cx + mxy * cy),
                            myx, myy, viewportHeight / 2 + panY - (myx * cx + myy * cy));
    }

    /** Sets a new orientation keeping the image point at the viewport centre there. */
    private void reorient(int turns, boolean mirror) {
        double vx = viewportWidth / 2;
        double vy = viewportHeight / 2;
        Point anchor = toImage(vx, vy);
        quarterTurns = Math.floorMod(turns, 4);
        mirrored = mirror;
        updateOrientationMatrix();
        place(anchor, vx, vy);
    }

    /** Pans so that image point {@code anchor} is shown at viewport point ({@code vx}, {@code vy}). */
    private void place(Point anchor, double vx, double vy) {
        double u = (anchor.x() - centreColumn()) * scaleX();
        double v = (anchor.y() - centreRow()) * scaleY();
        panX = vx - viewportWidth / 2 - (o00 * u + o01 * v);
        panY = vy - viewportHeight / 2 - (o10 * u + o11 * v);
    }

    private void updateOrientationMatrix() {
        // start from the mirror, then turn: a clockwise turn on a y-down screen takes (u, v) to (-v, u)
        int a = mirrored ? -1 : 1, b = 0, c = 0, d = 1;
        for (int i = 0; i < quarterTurns; i++) {
            int na = -c, nb = -d;
            c = a;
            d = b;
            a = na;
            b = nb;
        }
        o00 = a;
        o01 = b;
        o10 = c;
        o11 = d;
    }

    private double centreColumn() { return (columns - 1) / 2.0; }
    private double centreRow() { return (rows - 1) / 2.0; }
}
