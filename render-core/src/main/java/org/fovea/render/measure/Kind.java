package org.fovea.render.measure;

/**
 * What a radiologist draws on an image (requirements V8–V18, V27): measurements, which carry
 * values, and annotations, which carry none. {@code minPoints}/{@code maxPoints} bound the points
 * each kind is drawn with; the meaning of the points is in each constant's comment.
 */
public enum Kind {
    /** V8: the value at one point. */
    POINT(true, 1, 1),
    /** V9: two ends. */
    LENGTH(true, 2, 2),
    /** V10: the vertices in order. */
    POLYLINE(true, 2, Integer.MAX_VALUE),
    /** V11: first arm's end, the vertex, second arm's end. */
    ANGLE(true, 3, 3),
    /** V12: the two ends of the first line, then of the second. */
    COBB(true, 4, 4),
    /** V13: two opposite corners of the bounding box. */
    ELLIPSE(true, 2, 2),
    /** V14: two opposite corners. */
    RECTANGLE(true, 2, 2),
    /** V15: the vertices, closed. */
    POLYGON(true, 3, Integer.MAX_VALUE),
    /** V16: the free-hand contour's points, closed. */
    FREEHAND(true, 3, Integer.MAX_VALUE),
    /** V16: the magnetic lasso's contour (pixel corners), closed. */
    LASSO(true, 3, Integer.MAX_VALUE),
    /** V18: the heart's left and right ends, then the thorax's. */
    CARDIOTHORACIC(true, 4, 4),
    /** V17: a line of known length; the length in mm is in the annotation's text. */
    CALIBRATION(false, 2, 2),
    /** V27: tail, then head (the arrowhead). */
    ARROW(false, 2, 2),
    /** V27: where the text is anchored. */
    TEXT(false, 1, 1),
    /** V27: two opposite corners. */
    BOX(false, 2, 2),
    /** V27: two opposite corners of the bounding box. */
    OVAL(false, 2, 2),
    /** V27: a free-hand open line. */
    SCRIBBLE(false, 2, Integer.MAX_VALUE);

    private final boolean measurement;
    private final int minPoints;
    private final int maxPoints;

    Kind(boolean measurement, int minPoints, int maxPoints) {
        this.measurement = measurement;
        this.minPoints = minPoints;
        this.maxPoints = maxPoints;
    }

    /** Whether this kind has values (and belongs in a measurement report) rather than being a mark. */
    public boolean measurement() { return measurement; }

    public int minPoints() { return minPoints; }

    public int maxPoints() { return maxPoints; }

    /** Whether the kind encloses a region with statistics. */
    public boolean region() {
        return this == ELLIPSE || this == RECTANGLE || this == POLYGON || this == FREEHAND || this == LASSO;
    }
}
