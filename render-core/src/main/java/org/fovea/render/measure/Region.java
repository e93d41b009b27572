package org.fovea.render.measure;

import java.util.Arrays;
import java.util.List;

/**
 * A closed region on an image, for its statistics: the pixels it holds are those whose centres
 * lie inside it, visited row by row as runs of columns.
 */
public sealed interface Region permits Region.Ellipse, Region.Rectangle, Region.Polygon {

    /** Receives one run of pixels inside the region: columns {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    interface Span {
        void accept(int row, int from, int to);
    }

    /** Calls {@code span} for every run of pixels inside the region and inside a {@code columns × rows} image. */
    void spans(int columns, int rows, Span span);

    /** The region's geometric area in the scale's area unit (not the pixel count). */
    double area(Scale scale);

    /** The ellipse inscribed in the axis-aligned box with corners {@code a} and {@code b}. */
    static Region ellipse(ImagePoint a, ImagePoint b) {
        return new Ellipse(a, b);
    }

    /** The axis-aligned rectangle with corners {@code a} and {@code b}. */
    static Region rectangle(ImagePoint a, ImagePoint b) {
        return new Rectangle(a, b);
    }

    /** The polygon through the points, closed from the last back to the first. */
    static Region polygon(List<ImagePoint> points) {
        return new Polygon(List.copyOf(points));
    }

    /** Columns whose pixel centres lie in [left, right], clipped to the image; {@code [from, to)}. */
    private static int[] columnsBetween(double left, double right, int columns) {
        int from = Math.max(0, (int) Math.ceil(left - 0.5));
        int to = Math.min(columns, (int) Math.floor(right - 0.5) + 1);
        return new int[] {from, to};
    }

    record Ellipse(ImagePoint a, ImagePoint b) implements Region {
        @Override
        public void spans(int columns, int rows, Span span) {
            double cx = (a.x() + b.x()) / 2, cy = (a.y() + b.y()) / 2;
            double rx = Math.abs(b.x() - a.x()) / 2, ry = Math.abs(b.y() - a.y()) / 2;
            if (rx == 0 || ry == 0) {
                return;
            }
            int top = Math.max(0, (int) Math.ceil(cy - ry - 0.5));
            int bottom = Math.min(rows - 1, (int) Math.floor(cy + ry - 0.5));
            for (int r = top; r <= bottom; r++) {
                double dy = (r + 0.5 - cy) / ry;
                double half = rx * Math.sqrt(Math.max(0, 1 - dy * dy));
                int[] c = columnsBetween(cx - half, cx + half, columns);
                if (c[0] < c[1]) {
                    span.accept(r, c[0], c[1]);
                }
            }
        }

        @Override
        public double area(Scale scale) {
            return Geometry.ellipseArea(a, b, scale);
        }
    }

    record Rectangle(ImagePoint a, ImagePoint b) implements Region {
        @Override
        public void spans(int columns, int rows, Span span) {
            double top = Math.min(a.y(), b.y()), bottom = Math.max(a.y(), b.y());
            int[] c = columnsBetween(Math.min(a.x(), b.x()), Math.max(a.x(), b.x()), columns);
            int[] r = columnsBetween(top, bottom, rows);
            if (c[0] >= c[1]) {
                return;
            }
            for (int row = r[0]; row < r[1]; row++) {
                span.accept(row, c[0], c[1]);
            }
        }

        @Override
        public double area(Scale scale) {
            return Geometry.rectangleArea(a, b, scale);
        }
    }

    /** Even-odd filling: a contour that crosses itself leaves its overlaps out, as drawing programs do. */
    record Polygon(List<ImagePoint> points) implements Region {
        @Override
        public void spans(int columns, int rows, Span span) {
            int n = points.size();
            if (n < 3) {
                return;
            }
            double minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (ImagePoint p : points) {
                minY = Math.min(minY, p.y());
                maxY = Math.max(maxY, p.y());
            }
            int top = Math.max(0, (int) Math.ceil(minY - 0.5));
            int bottom = Math.min(rows - 1, (int) Math.floor(maxY - 0.5));
            double[] xs = new double[n];
            for (int r = top; r <= bottom; r++) {
                double y = r + 0.5;
                int k = 0;
                for (int i = 0; i < n; i++) {
                    ImagePoint p = points.get(i), q = points.get((i + 1) % n);
                    // half-open rule: an edge counts when y is in [lower, upper), so vertices are counted once
                    if ((p.y() <= y) != (q.y() <= y)) {
                        xs[k++] = p.x() + (y - p.y()) / (q.y() - p.y()) * (q.x() - p.x());
                    }
                }
                Arrays.sort(xs, 0, k);
                for (int i = 0; i + 1 < k; i += 2) {
                    int[] c = columnsBetween(xs[i], xs[i + 1], columns);
                    if (c[0] < c[1]) {
                        span.accept(r, c[0], c[1]);
                    }
                }
            }
        }

        @Override
        public double area(Scale scale) {
            return Geometry.polygonArea(points, scale);
        }
    }
}
