package org.fovea.app.ui.tools;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** Strokes in screen coordinates, each drawn twice: a dark halo, then the colour. */
final class ShapeStroke {

    private static final Color HALO = Color.rgb(0, 0, 0, 0.6);
    private static final double WIDTH = 1.6;
    private static final double HALO_WIDTH = 3.8;

    private final GraphicsContext g;
    private final Color colour;
    private final boolean dashedAll;

    ShapeStroke(GraphicsContext g, Color colour, boolean dashedAll) {
        this.g = g;
        this.colour = colour;
        this.dashedAll = dashedAll;
    }

    private interface Path {
        void stroke();
    }

    private void twice(Path path, boolean dashed) {
        g.setLineDashes(dashed || dashedAll ? new double[] {6, 4} : null);
        g.setStroke(HALO);
        g.setLineWidth(HALO_WIDTH);
        path.stroke();
        g.setStroke(colour);
        g.setLineWidth(WIDTH);
        path.stroke();
        g.setLineDashes((double[]) null);
    }

    void line(Point2D a, Point2D b) {
        twice(() -> g.strokeLine(a.getX(), a.getY(), b.getX(), b.getY()), false);
    }

    void dashed(Point2D a, Point2D b) {
        twice(() -> g.strokeLine(a.getX(), a.getY(), b.getX(), b.getY()), true);
    }

    void polyline(List<Point2D> p, boolean closed) {
        double[] xs = new double[p.size()], ys = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            xs[i] = p.get(i).getX();
            ys[i] = p.get(i).getY();
        }
        twice(() -> {
            if (closed) {
                g.strokePolygon(xs, ys, xs.length);
            } else {
                g.strokePolyline(xs, ys, xs.length);
            }
        }, false);
    }

    void cross(Point2D c, double r) {
        twice(() -> {
            g.strokeLine(c.getX() - r, c.getY(), c.getX() + r, c.getY());
            g.strokeLine(c.getX(), c.getY() - r, c.getX(), c.getY() + r);
        }, false);
    }

    /** Short marks across both ends of a line, as calipers have. */
    void ticks(Point2D a, Point2D b, double r) {
        double dx = b.getX() - a.getX(), dy = b.getY() - a.getY(), n = Math.hypot(dx, dy);
        if (n == 0) {
            return;
        }
        double px = -dy / n * r, py = dx / n * r;
        twice(() -> {
            g.strokeLine(a.getX() - px, a.getY() - py, a.getX() + px, a.getY() + py);
            g.strokeLine(b.getX() - px, b.getY() - py, b.getX() + px, b.getY() + py);
        }, false);
    }

    void ellipse(Point2D a, Point2D b) {
        double x = Math.min(a.getX(), b.getX()), y = Math.min(a.getY(), b.getY());
        double w = Math.abs(b.getX() - a.getX()), h = Math.abs(b.getY() - a.getY());
        twice(() -> g.strokeOval(x, y, w, h), false);
    }

    void rectangle(Point2D a, Point2D b) {
        double x = Math.min(a.getX(), b.getX()), y = Math.min(a.getY(), b.getY());
        double w = Math.abs(b.getX() - a.getX()), h = Math.abs(b.getY() - a.getY());
        twice(() -> g.strokeRect(x, y, w, h), false);
    }

    void arrowHead(Point2D tail, Point2D head) {
        double dx = head.getX() - tail.getX(), dy = head.getY() - tail.getY(), n = Math.hypot(dx, dy);
        if (n == 0) {
            return;
        }
        double ux = dx / n, uy = dy / n, len = Math.min(14, n / 2), wing = len * 0.5;
        double bx = head.getX() - ux * len, by = head.getY() - uy * len;
        twice(() -> g.strokePolyline(new double[] {bx - uy * wing, head.getX(), bx + uy * wing},
                new double[] {by + ux * wing, head.getY(), by - ux * wing}, 3), false);
    }

    /** The arc of an angle at {@code vertex}, between the rays to {@code a} and {@code c}. */
    void arc(Point2D a, Point2D vertex, Point2D c) {
        double r = Math.min(24, Math.min(a.distance(vertex), c.distance(vertex)) / 2);
        if (r < 3) {
            return;
        }
        // JavaFX angles are counter-clockwise with y up; screen y is down
        double start = Math.toDegrees(Math.atan2(-(a.getY() - vertex.getY()), a.getX() - vertex.getX()));
        double end = Math.toDegrees(Math.atan2(-(c.getY() - vertex.getY()), c.getX() - vertex.getX()));
        double extent = end - start;
        while (extent > 180) extent -= 360;
        while (extent < -180) extent += 360;
        double sweep = extent;
        twice(() -> g.strokeArc(vertex.getX() - r, vertex.getY() - r, 2 * r, 2 * r, start, sweep,
                javafx.scene.shape.ArcType.OPEN), false);
    }

    void handle(Point2D c, double size) {
        g.setFill(HALO);
        g.fillRect(c.getX() - size / 2 - 1, c.getY() - size / 2 - 1, size + 2, size + 2);
        g.setFill(colour);
        g.fillRect(c.getX() - size / 2, c.getY() - size / 2, size, size);
    }
}
