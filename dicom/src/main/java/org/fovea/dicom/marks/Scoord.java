package org.fovea.dicom.marks;

import java.util.ArrayList;
import java.util.List;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Kind;

/**
 * A mark's points as SR spatial coordinates (PS3.3 C.18.6: POINT, MULTIPOINT, POLYLINE, ELLIPSE;
 * a closed polygon repeats its first point last), and back. The coordinates are the same image
 * coordinates in both ((0,0) the top left corner of the top left pixel).
 */
final class Scoord {

    private Scoord() {
    }

    static String graphicType(Kind kind) {
        return switch (kind) {
            case POINT, TEXT -> "POINT";
            case COBB, CARDIOTHORACIC -> "MULTIPOINT";
            case ELLIPSE, OVAL -> "ELLIPSE";
            default -> "POLYLINE";
        };
    }

    static float[] data(Kind kind, List<ImagePoint> points) {
        List<ImagePoint> p = switch (kind) {
            case ELLIPSE, OVAL -> ellipseAxes(points.get(0), points.get(1));
            case RECTANGLE, BOX -> closed(corners(points.get(0), points.get(1)));
            case POLYGON, FREEHAND, LASSO -> closed(points);
            default -> points;
        };
        float[] out = new float[p.size() * 2];
        for (int i = 0; i < p.size(); i++) {
            out[2 * i] = (float) p.get(i).x();
            out[2 * i + 1] = (float) p.get(i).y();
        }
        return out;
    }

    static List<ImagePoint> points(String type, float[] data) {
        if (data == null || data.length < 2 || data.length % 2 != 0) {
            throw new IllegalArgumentException("its image region has no usable coordinates");
        }
        List<ImagePoint> p = new ArrayList<>();
        for (int i = 0; i < data.length; i += 2) {
            if (!Float.isFinite(data[i]) || !Float.isFinite(data[i + 1])) {
                throw new IllegalArgumentException("its image region has a coordinate that is not a number");
            }
            p.add(new ImagePoint(data[i], data[i + 1]));
        }
        if (!List.of("POINT", "MULTIPOINT", "POLYLINE", "ELLIPSE", "CIRCLE").contains(type)) {
            throw new IllegalArgumentException("its image region is a " + type + ", which Fovea does not draw");
        }
        return p;
    }

    /** The mark's own points from what was stored for a kind we wrote. */
    static List<ImagePoint> pointsOf(Kind kind, List<ImagePoint> stored) {
        return switch (kind) {
            case ELLIPSE, OVAL -> boxOfEllipse(stored);
            case RECTANGLE, BOX -> List.of(stored.get(0), stored.get(2));
            case POLYGON, FREEHAND, LASSO -> open(stored);
            default -> stored;
        };
    }

    /** The kind a region made elsewhere is shown as, from its shape. */
    static Kind kindOf(String type, List<ImagePoint> p) {
        switch (type) {
            case "POINT":
                return Kind.POINT;
            case "ELLIPSE":
                return Kind.ELLIPSE;
            case "CIRCLE":
                return Kind.ELLIPSE;
            case "POLYLINE":
                if (p.size() == 2) {
                    return Kind.LENGTH;
                }
                if (p.size() > 3 && p.get(0).equals(p.get(p.size() - 1))) {
                    return Kind.POLYGON;
                }
                return Kind.POLYLINE;
            default:
                throw new IllegalArgumentException("a " + type + " of " + p.size() + " points is not a mark Fovea draws");
        }
    }

    private static List<ImagePoint> corners(ImagePoint a, ImagePoint b) {
        return List.of(a, new ImagePoint(b.x(), a.y()), b, new ImagePoint(a.x(), b.y()));
    }

    private static List<ImagePoint> closed(List<ImagePoint> p) {
        List<ImagePoint> out = new ArrayList<>(p);
        out.add(p.get(0));
        return out;
    }

    private static List<ImagePoint> open(List<ImagePoint> p) {
        if (p.size() > 1 && p.get(0).equals(p.get(p.size() - 1))) {
            return p.subList(0, p.size() - 1);
        }
        return p;
    }

    /** PS3.3: an ELLIPSE is its major axis' ends, then its minor axis' ends. */
    private static List<ImagePoint> ellipseAxes(ImagePoint a, ImagePoint b) {
        double cx = (a.x() + b.x()) / 2, cy = (a.y() + b.y()) / 2;
        double rx = Math.abs(b.x() - a.x()) / 2, ry = Math.abs(b.y() - a.y()) / 2;
        List<ImagePoint> horizontal = List.of(new ImagePoint(cx - rx, cy), new ImagePoint(cx + rx, cy));
        List<ImagePoint> vertical = List.of(new ImagePoint(cx, cy - ry), new ImagePoint(cx, cy + ry));
        List<ImagePoint> out = new ArrayList<>(rx >= ry ? horizontal : vertical);
        out.addAll(rx >= ry ? vertical : horizontal);
        return out;
    }

    /** The axis-aligned box of an ellipse given by its axes' ends (or a circle's centre and a point on it). */
    private static List<ImagePoint> boxOfEllipse(List<ImagePoint> p) {
        if (p.size() == 2) {
            double r = Math.hypot(p.get(1).x() - p.get(0).x(), p.get(1).y() - p.get(0).y());
            return List.of(p.get(0).plus(-r, -r), p.get(0).plus(r, r));
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (ImagePoint q : p) {
            minX = Math.min(minX, q.x());
            minY = Math.min(minY, q.y());
            maxX = Math.max(maxX, q.x());
            maxY = Math.max(maxY, q.y());
        }
        return List.of(new ImagePoint(minX, minY), new ImagePoint(maxX, maxY));
    }
}
