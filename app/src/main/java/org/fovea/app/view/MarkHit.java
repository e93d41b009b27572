package org.fovea.app.view;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Kind;

/**
 * Which mark is under the pointer, in screen distances so a handle is as easy to grab at any
 * zoom: a handle (one of the mark's points) first, then its outline, then the inside of a
 * closed shape.
 *
 * @param handle the index of the point grabbed, or -1 when the mark is taken as a whole
 */
public record MarkHit(String id, int handle) {

    /** Screen pixels within which a handle or an outline is hit. */
    public static final double REACH = 6;

    /**
     * The topmost mark (last drawn) under the screen point {@code at}; {@code toScreen} maps
     * image points to screen points.
     */
    public static Optional<MarkHit> find(List<Annotation> marks, ImagePoint at, UnaryOperator<ImagePoint> toScreen) {
        for (int i = marks.size() - 1; i >= 0; i--) {
            Annotation a = marks.get(i);
            List<ImagePoint> p = a.points().stream().map(toScreen).toList();
            for (int k = 0; k < p.size(); k++) {
                if (distance(p.get(k), at) <= REACH) {
                    return Optional.of(new MarkHit(a.id(), k));
                }
            }
        }
        for (int i = marks.size() - 1; i >= 0; i--) {
            Annotation a = marks.get(i);
            List<ImagePoint> p = a.points().stream().map(toScreen).toList();
            if (onOutline(a.kind(), p, at) || inside(a.kind(), p, at)) {
                return Optional.of(new MarkHit(a.id(), -1));
            }
        }
        return Optional.empty();
    }

    private static boolean onOutline(Kind kind, List<ImagePoint> p, ImagePoint at) {
        switch (kind) {
            case ELLIPSE, OVAL -> {
                double cx = (p.get(0).x() + p.get(1).x()) / 2, cy = (p.get(0).y() + p.get(1).y()) / 2;
                double rx = Math.abs(p.get(1).x() - p.get(0).x()) / 2, ry = Math.abs(p.get(1).y() - p.get(0).y()) / 2;
                if (rx < 1 || ry < 1) {
                    return distance(new ImagePoint(cx, cy), at) <= REACH;
                }
                double r = Math.hypot((at.x() - cx) / rx, (at.y() - cy) / ry);
                return Math.abs(r - 1) * Math.min(rx, ry) <= REACH;
            }
            case RECTANGLE, BOX -> {
                ImagePoint a = p.get(0), b = p.get(1);
                List<ImagePoint> corners = List.of(a, new ImagePoint(b.x(), a.y()), b, new ImagePoint(a.x(), b.y()));
                return nearPath(corners, true, at);
            }
            case POINT, TEXT -> {
                return distance(p.get(0), at) <= REACH * 2;
            }
            case COBB, CARDIOTHORACIC -> {
                return nearPath(p.subList(0, 2), false, at) || nearPath(p.subList(2, 4), false, at);
            }
            default -> {
                return nearPath(p, kind == Kind.POLYGON || kind == Kind.FREEHAND || kind == Kind.LASSO, at);
            }
        }
    }

    private static boolean inside(Kind kind, List<ImagePoint> p, ImagePoint at) {
        return switch (kind) {
            case ELLIPSE, OVAL, RECTANGLE, BOX -> {
                double x0 = Math.min(p.get(0).x(), p.get(1).x()), x1 = Math.max(p.get(0).x(), p.get(1).x());
                double y0 = Math.min(p.get(0).y(), p.get(1).y()), y1 = Math.max(p.get(0).y(), p.get(1).y());
                if (kind == Kind.RECTANGLE || kind == Kind.BOX) {
                    yield at.x() >= x0 && at.x() <= x1 && at.y() >= y0 && at.y() <= y1;
                }
                double rx = (x1 - x0) / 2, ry = (y1 - y0) / 2;
                yield rx > 0 && ry > 0 && Math.hypot((at.x() - x0 - rx) / rx, (at.y() - y0 - ry) / ry) <= 1;
            }
            case POLYGON, FREEHAND, LASSO -> polygonContains(p, at);
            default -> false;
        };
    }

    private static boolean nearPath(List<ImagePoint> p, boolean closed, ImagePoint at) {
        int n = p.size();
        for (int i = 0; i + 1 < n || (closed && i < n && n > 2); i++) {
            if (segmentDistance(p.get(i), p.get((i + 1) % n), at) <= REACH) {
                return true;
            }
        }
        return false;
    }

    static double segmentDistance(ImagePoint a, ImagePoint b, ImagePoint q) {
        double dx = b.x() - a.x(), dy = b.y() - a.y();
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((q.x() - a.x()) * dx + (q.y() - a.y()) * dy) / len2));
        return Math.hypot(a.x() + t * dx - q.x(), a.y() + t * dy - q.y());
    }

    private static boolean polygonContains(List<ImagePoint> p, ImagePoint q) {
        boolean in = false;
        for (int i = 0, j = p.size() - 1; i < p.size(); j = i++) {
            ImagePoint a = p.get(i), b = p.get(j);
            if ((a.y() > q.y()) != (b.y() > q.y())
                    && q.x() < (b.x() - a.x()) * (q.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                in = !in;
            }
        }
        return in;
    }

    private static double distance(ImagePoint a, ImagePoint b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
