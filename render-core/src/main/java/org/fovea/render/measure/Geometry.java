package org.fovea.render.measure;

import java.util.List;

/**
 * Lengths, angles and areas of points drawn on an image, in the unit of a {@link Scale}. Every
 * computation goes through millimetres (or pixels when the scale has none) in both directions,
 * so images with rectangular pixels measure right: an angle of 90° on the patient is 90° here
 * even when the pixels are twice as tall as wide.
 */
public final class Geometry {

    private Geometry() {
    }

    /** Length along the points in order. */
    public static double polylineLength(List<ImagePoint> points, Scale scale) {
        double sum = 0;
        for (int i = 1; i < points.size(); i++) {
            sum += scale.length(points.get(i - 1), points.get(i));
        }
        return sum;
    }

    /** The angle at {@code vertex} between the rays to {@code a} and {@code c}, in degrees (0–180). */
    public static double angle(ImagePoint a, ImagePoint vertex, ImagePoint c, Scale scale) {
        double ux = (a.x() - vertex.x()) * scale.columnMm(), uy = (a.y() - vertex.y()) * scale.rowMm();
        double wx = (c.x() - vertex.x()) * scale.columnMm(), wy = (c.y() - vertex.y()) * scale.rowMm();
        return Math.toDegrees(Math.atan2(Math.abs(ux * wy - uy * wx), ux * wx + uy * wy));
    }

    /**
     * The Cobb angle between line {@code a1–b1} and line {@code a2–b2} in degrees (0–90): the angle
     * between the lines, which is the angle between their perpendiculars, whichever way each line
     * was drawn.
     */
    public static double cobb(ImagePoint a1, ImagePoint b1, ImagePoint a2, ImagePoint b2, Scale scale) {
        double ux = (b1.x() - a1.x()) * scale.columnMm(), uy = (b1.y() - a1.y()) * scale.rowMm();
        double wx = (b2.x() - a2.x()) * scale.columnMm(), wy = (b2.y() - a2.y()) * scale.rowMm();
        double deg = Math.toDegrees(Math.atan2(Math.abs(ux * wy - uy * wx), ux * wx + uy * wy));
        return deg > 90 ? 180 - deg : deg;
    }

    /**
     * The perpendicular through the middle of line {@code a–b}, {@code length} long in the scale's
     * unit, as drawn for a Cobb angle: perpendicular on the patient, so on the image when pixels
     * are not square it is not at 90° to the line in pixel units.
     */
    public static ImagePoint[] perpendicular(ImagePoint a, ImagePoint b, double length, Scale scale) {
        double mx = (a.x() + b.x()) / 2, my = (a.y() + b.y()) / 2;
        double dx = (b.x() - a.x()) * scale.columnMm(), dy = (b.y() - a.y()) * scale.rowMm();
        double norm = Math.hypot(dx, dy);
        if (norm == 0) {
            return new ImagePoint[] {new ImagePoint(mx, my), new ImagePoint(mx, my)};
        }
        // (-dy, dx) is perpendicular in millimetres; back to pixel units per axis
        double px = -dy / norm * length / 2 / scale.columnMm(), py = dx / norm * length / 2 / scale.rowMm();
        return new ImagePoint[] {new ImagePoint(mx - px, my - py), new ImagePoint(mx + px, my + py)};
    }

    /**
     * The helper lines of a Cobb angle: from the middle of each line along its perpendicular (on
     * the patient) to where the two perpendiculars cross, so the angle between them is drawn where
     * it is; when the lines are (nearly) parallel the perpendiculars do not cross, and each is drawn
     * as long as the distance between the middles. Returns {start1, end1, start2, end2}.
     */
    public static ImagePoint[] cobbHelpers(ImagePoint a1, ImagePoint b1, ImagePoint a2, ImagePoint b2, Scale scale) {
        double cx = scale.columnMm(), ry = scale.rowMm();
        // in millimetres: middles m, perpendicular directions n
        double m1x = (a1.x() + b1.x()) / 2 * cx, m1y = (a1.y() + b1.y()) / 2 * ry;
        double m2x = (a2.x() + b2.x()) / 2 * cx, m2y = (a2.y() + b2.y()) / 2 * ry;
        double n1x = -(b1.y() - a1.y()) * ry, n1y = (b1.x() - a1.x()) * cx;
        double n2x = -(b2.y() - a2.y()) * ry, n2y = (b2.x() - a2.x()) * cx;
        double between = Math.hypot(m2x - m1x, m2y - m1y);
        double det = n1x * -n2y - n1y * -n2x;
        double l1 = Math.hypot(n1x, n1y), l2 = Math.hypot(n2x, n2y);
        double ex, ey, fx, fy;
        if (l1 == 0 || l2 == 0 || Math.abs(det) < 1e-9 * l1 * l2) {
            double k1 = between / Math.max(l1, 1e-12), k2 = between / Math.max(l2, 1e-12);
            double s1 = Math.signum((m2x - m1x) * n1x + (m2y - m1y) * n1y), s2 = -s1;
            ex = m1x + n1x * k1 * s1;
            ey = m1y + n1y * k1 * s1;
            fx = m2x + n2x * k2 * s2;
            fy = m2y + n2y * k2 * s2;
        } else {
            // m1 + t n1 = m2 + u n2
            double t = ((m2x - m1x) * -n2y - (m2y - m1y) * -n2x) / det;
            ex = fx = m1x + t * n1x;
            ey = fy = m1y + t * n1y;
        }
        return new ImagePoint[] {new ImagePoint(m1x / cx, m1y / ry), new ImagePoint(ex / cx, ey / ry),
                new ImagePoint(m2x / cx, m2y / ry), new ImagePoint(fx / cx, fy / ry)};
    }

    /** The area inside a closed polygon (the last point joins the first), by the shoelace formula. */
    public static double polygonArea(List<ImagePoint> points, Scale scale) {
        int n = points.size();
        if (n < 3) {
            return 0;
        }
        double twice = 0;
        for (int i = 0; i < n; i++) {
            ImagePoint p = points.get(i), q = points.get((i + 1) % n);
            twice += p.x() * q.y() - q.x() * p.y();
        }
        return Math.abs(twice) / 2 * scale.pixelArea();
    }

    /** The area of the ellipse inscribed in the axis-aligned box with corners {@code a} and {@code b}. */
    public static double ellipseArea(ImagePoint a, ImagePoint b, Scale scale) {
        return Math.PI * Math.abs(b.x() - a.x()) / 2 * Math.abs(b.y() - a.y()) / 2 * scale.pixelArea();
    }

    /** The area of the axis-aligned rectangle with corners {@code a} and {@code b}. */
    public static double rectangleArea(ImagePoint a, ImagePoint b, Scale scale) {
        return Math.abs(b.x() - a.x()) * Math.abs(b.y() - a.y()) * scale.pixelArea();
    }

    /**
     * The cardiothoracic ratio: the heart's horizontal width ({@code heartLeft–heartRight}) over the
     * thorax's ({@code thoraxLeft–thoraxRight}). Only the horizontal extents count, as on a PA film,
     * so a line drawn slightly askew does not lengthen a width; the scale cancels.
     */
    public static double cardiothoracicRatio(ImagePoint heartLeft, ImagePoint heartRight,
                                             ImagePoint thoraxLeft, ImagePoint thoraxRight) {
        double thorax = Math.abs(thoraxRight.x() - thoraxLeft.x());
        if (thorax == 0) {
            throw new IllegalArgumentException("the thorax width is 0");
        }
        return Math.abs(heartRight.x() - heartLeft.x()) / thorax;
    }
}
