package org.fovea.app.view;

import java.util.ArrayList;
import java.util.List;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Kind;

/**
 * Turns the left button's presses, drags and releases on an image into the points of one mark
 * of a {@link Kind}, in image coordinates, the way radiologists expect each tool to draw:
 * <ul>
 *   <li>one click: point value, text;</li>
 *   <li>press and drag (or click, then click again): length, ellipse, rectangle, arrow, box, oval,
 *       calibration;</li>
 *   <li>two such lines: Cobb angle, cardiothoracic ratio (whose widths stay horizontal);</li>
 *   <li>a click per vertex: angle (three), polyline and polygon (double-click or Enter ends);</li>
 *   <li>press and draw: free-hand contour, free-hand line;</li>
 *   <li>magnetic lasso: a click per anchor, the path between anchors found by a {@link Snapper};
 *       double-click, Enter or a click on the first anchor closes it.</li>
 * </ul>
 * {@link #points()} is what to draw meanwhile (the rubber band included); once {@link #done()},
 * it is the mark's points. Esc is the caller's: it drops the gesture.
 */
public final class DrawGesture {

    /** Finds the path along edges from a seed to a point (the live-wire). */
    public interface Snapper {
        void seed(ImagePoint anchor);

        /** The path from the seed to the point's corner, both ends included. */
        List<ImagePoint> pathTo(ImagePoint target);
    }

    private enum Style { CLICK, DRAG, LINES, VERTICES, STROKE, LASSO }

    private final Kind kind;
    private final Style style;
    private final double slop;
    private final Snapper snapper;
    private final List<ImagePoint> fixed = new ArrayList<>();
    private final List<ImagePoint> anchors = new ArrayList<>();
    private List<ImagePoint> rubber = List.of();
    private boolean pressed;
    private boolean done;

    /**
     * @param slop    how far, in image units, the pointer may move and still be a click (a few
     *                screen pixels at the current zoom)
     * @param snapper the live-wire for {@link Kind#LASSO}; unused for other kinds
     */
    public DrawGesture(Kind kind, double slop, Snapper snapper) {
        this.kind = kind;
        this.slop = slop;
        this.snapper = snapper;
        this.style = switch (kind) {
            case POINT, TEXT -> Style.CLICK;
            case LENGTH, ELLIPSE, RECTANGLE, ARROW, BOX, OVAL, CALIBRATION -> Style.DRAG;
            case COBB, CARDIOTHORACIC -> Style.LINES;
            case ANGLE, POLYLINE, POLYGON -> Style.VERTICES;
            case FREEHAND, SCRIBBLE -> Style.STROKE;
            case LASSO -> Style.LASSO;
        };
        if (style == Style.LASSO && snapper == null) {
            throw new IllegalArgumentException("the magnetic lasso needs a live-wire");
        }
    }

    public Kind kind() { return kind; }

    public boolean done() { return done; }

    /** Whether nothing has been drawn yet. */
    public boolean empty() { return fixed.isEmpty() && anchors.isEmpty(); }

    /** The points so far, with the one following the pointer; the mark's points once done. */
    public List<ImagePoint> points() {
        List<ImagePoint> all = new ArrayList<>(fixed);
        all.addAll(rubber);
        return all;
    }

    /** The lasso's clicked anchors (drawn as small squares while it is open). */
    public List<ImagePoint> anchors() { return List.copyOf(anchors); }

    public void press(ImagePoint p, int clickCount) {
        if (done) {
            return;
        }
        pressed = true;
        switch (style) {
            case CLICK -> {
                fixed.add(p);
                done = true;
            }
            case DRAG, LINES -> {
                if (rubber.isEmpty()) {
                    fixed.add(p);
                    rubber = List.of(constrain(p));
                } else {
                    commitRubber(constrain(p));     // click, move, click: the second click ends the line
                }
            }
            case VERTICES -> {
                if (clickCount >= 2 && fixed.size() >= kind.minPoints()) {
                    finish();
                    return;
                }
                if (fixed.isEmpty() || !near(p, fixed.get(fixed.size() - 1))) {
                    fixed.add(p);
                }
                rubber = List.of(p);
                if (fixed.size() == kind.maxPoints()) {
                    rubber = List.of();
                    done = true;
                }
            }
            case STROKE -> {
                fixed.clear();
                fixed.add(p);
            }
            case LASSO -> lassoPress(p, clickCount);
        }
    }

    public void drag(ImagePoint p) {
        if (done) {
            return;
        }
        switch (style) {
            case DRAG, LINES, VERTICES -> move(p);
            case STROKE -> {
                if (!fixed.isEmpty() && !near(p, fixed.get(fixed.size() - 1))) {
                    fixed.add(p);
                }
            }
            case LASSO -> move(p);
            default -> { }
        }
    }

    /** The pointer moved (button up or down): the rubber band follows. */
    public void move(ImagePoint p) {
        if (done) {
            return;
        }
        switch (style) {
            case DRAG, LINES, VERTICES -> {
                if (!rubber.isEmpty()) {
                    rubber = List.of(constrain(p));
                }
            }
            case LASSO -> {
                if (!anchors.isEmpty()) {
                    List<ImagePoint> path = snapper.pathTo(p);
                    rubber = path.subList(1, path.size());
                }
            }
            default -> { }
        }
    }

    public void release(ImagePoint p) {
        if (done || !pressed) {
            return;
        }
        pressed = false;
        switch (style) {
            case DRAG, LINES -> {
                ImagePoint start = fixed.get(fixed.size() - 1);
                if (!rubber.isEmpty() && !near(p, start)) {
                    commitRubber(constrain(p));     // press, drag, release
                }
            }
            case VERTICES -> {
                // a drag from the last vertex places the next one where the button is let go
                if (!rubber.isEmpty() && !near(p, fixed.get(fixed.size() - 1))) {
                    press(p, 1);
                    pressed = false;
                }
            }
            case STROKE -> {
                if (!near(p, fixed.get(fixed.size() - 1))) {
                    fixed.add(p);
                }
                if (fixed.size() >= kind.minPoints()) {
                    done = true;
                } else {
                    fixed.clear();                  // a click is no stroke: start again
                }
            }
            default -> { }
        }
    }

    /** Double-click or Enter: ends a polyline, polygon or lasso that has enough points. */
    public void finish() {
        if (done) {
            return;
        }
        if (style == Style.LASSO) {
            closeLasso();
            return;
        }
        if (style == Style.VERTICES && fixed.size() >= kind.minPoints() && kind.maxPoints() == Integer.MAX_VALUE) {
            rubber = List.of();
            done = true;
        }
    }

    private void commitRubber(ImagePoint end) {
        fixed.add(end);
        rubber = List.of();
        if (fixed.size() == kind.maxPoints()) {
            done = true;
        }
    }

    /** The cardiothoracic ratio's widths are horizontal: the line's end stays at its start's row. */
    private ImagePoint constrain(ImagePoint p) {
        if (kind == Kind.CARDIOTHORACIC && fixed.size() % 2 == 1) {
            return new ImagePoint(p.x(), fixed.get(fixed.size() - 1).y());
        }
        return p;
    }

    private void lassoPress(ImagePoint p, int clickCount) {
        if (!anchors.isEmpty() && (clickCount >= 2 || (anchors.size() >= 2 && near(p, anchors.get(0))))) {
            closeLasso();
            return;
        }
        if (anchors.isEmpty()) {
            snapper.seed(p);
            List<ImagePoint> start = snapper.pathTo(p);
            fixed.add(start.get(start.size() - 1));
        } else {
            List<ImagePoint> path = snapper.pathTo(p);
            append(path);
            snapper.seed(p);
        }
        anchors.add(p);
        rubber = List.of();
    }

    private void closeLasso() {
        if (anchors.size() < 2) {
            return;
        }
        rubber = List.of();
        snapper.seed(anchors.get(anchors.size() - 1));
        append(snapper.pathTo(anchors.get(0)));
        if (fixed.size() > 1 && fixed.get(0).equals(fixed.get(fixed.size() - 1))) {
            fixed.remove(fixed.size() - 1);
        }
        if (fixed.size() >= kind.minPoints()) {
            done = true;
        }
    }

    private void append(List<ImagePoint> path) {
        for (ImagePoint q : path) {
            if (fixed.isEmpty() || !fixed.get(fixed.size() - 1).equals(q)) {
                fixed.add(q);
            }
        }
    }

    private boolean near(ImagePoint a, ImagePoint b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y()) <= slop;
    }
}
