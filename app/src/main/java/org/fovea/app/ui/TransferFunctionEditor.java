package org.fovea.app.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import org.fovea.render.volume.TransferFunction;
import org.fovea.render.volume.TransferFunction.OpacityPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The VR opacity curve (R6): value (HU for CT) across, opacity up, over a strip coloured by the
 * transfer function's colour curve. Drag a point to move it, double-click to add one, right-click
 * a point to remove it (the two ends stay). Every change is reported with whether the drag is
 * still going, so the view can render coarse frames while dragging and a full one at the end.
 */
final class OpacityCurveEditor {

    private static final double PAD = 8;
    private static final double STRIP = 10;
    private static final double GRAB = 7;

    private final Canvas canvas = new Canvas(360, 120);
    private final Pane root = new Pane(canvas);
    private final BiConsumer<TransferFunction, Boolean> changed;
    private TransferFunction function;
    private double low = -1000;
    private double high = 3000;
    private int dragged = -1;

    /** @param changed told the new function and {@code true} while a drag continues */
    OpacityCurveEditor(BiConsumer<TransferFunction, Boolean> changed) {
        this.changed = changed;
        root.getStyleClass().add("curve-editor");
        root.setPrefSize(360, 120);
        canvas.widthProperty().bind(root.widthProperty());
        canvas.heightProperty().bind(root.heightProperty());
        canvas.widthProperty().addListener((o, a, b) -> draw());
        canvas.heightProperty().addListener((o, a, b) -> draw());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragged >= 0) {
                dragged = -1;
                changed.accept(function, false);
            }
        });
    }

    Pane node() { return root; }

    /** Shows a function over the value range [low, high]. */
    void show(TransferFunction f, double rangeLow, double rangeHigh) {
        function = f;
        low = rangeLow;
        high = rangeHigh > rangeLow ? rangeHigh : rangeLow + 1;
        draw();
    }

    TransferFunction function() { return function; }

    private double x(double value) {
        return PAD + (value - low) / (high - low) * (canvas.getWidth() - 2 * PAD);
    }

    private double y(double opacity) {
        return PAD + (1 - opacity) * (canvas.getHeight() - 2 * PAD - STRIP);
    }

    private double value(double x) {
        return low + (x - PAD) / (canvas.getWidth() - 2 * PAD) * (high - low);
    }

    private double opacity(double y) {
        return Math.max(0, Math.min(1, 1 - (y - PAD) / (canvas.getHeight() - 2 * PAD - STRIP)));
    }

    private int pointAt(double px, double py) {
        List<OpacityPoint> pts = function.opacityPoints();
        for (int i = 0; i < pts.size(); i++) {
            if (Math.hypot(x(pts.get(i).value()) - px, y(pts.get(i).opacity()) - py) <= GRAB) {
                return i;
            }
        }
        return -1;
    }

    private void pressed(MouseEvent e) {
        if (function == null) {
            return;
        }
        e.consume();
        int hit = pointAt(e.getX(), e.getY());
        List<OpacityPoint> pts = new ArrayList<>(function.opacityPoints());
        if (e.getButton() == MouseButton.SECONDARY) {
            if (hit > 0 && hit < pts.size() - 1) {
                pts.remove(hit);
                update(pts, false);
            }
            return;
        }
        if (hit < 0 && e.getClickCount() == 2) {
            pts.add(new OpacityPoint(value(e.getX()), opacity(e.getY())));
            pts.sort(Comparator.comparingDouble(OpacityPoint::value));
            update(pts, false);
            return;
        }
        dragged = hit;
    }

    private void drag(MouseEvent e) {
        if (dragged < 0 || function == null) {
            return;
        }
        e.consume();
        List<OpacityPoint> pts = new ArrayList<>(function.opacityPoints());
        // a point stays between its neighbours, so the curve remains a function of the value
        double lo = dragged == 0 ? value(PAD) : pts.get(dragged - 1).value() + 1e-3;
        double hi = dragged == pts.size() - 1 ? value(canvas.getWidth() - PAD) : pts.get(dragged + 1).value() - 1e-3;
        double v = Math.max(lo, Math.min(hi, value(e.getX())));
        pts.set(dragged, new OpacityPoint(v, opacity(e.getY())));
        update(pts, true);
    }

    private void update(List<OpacityPoint> pts, boolean dragging) {
        function = function.withOpacityPoints(pts);
        draw();
        changed.accept(function, dragging);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#1b1d21"));
        g.fillRect(0, 0, w, h);
        if (function == null) {
            return;
        }
        for (double px = PAD; px < w - PAD; px++) {
            double[] c = function.colorAt(value(px));
            g.setStroke(Color.color(clamp(c[0]), clamp(c[1]), clamp(c[2])));
            g.strokeLine(px, h - PAD - STRIP, px, h - PAD);
        }
        g.setStroke(Color.web("#e0e0e0"));
        g.setLineWidth(1.5);
        List<OpacityPoint> pts = function.opacityPoints();
        for (int i = 1; i < pts.size(); i++) {
            g.strokeLine(x(pts.get(i - 1).value()), y(pts.get(i - 1).opacity()), x(pts.get(i).value()),
                    y(pts.get(i).opacity()));
        }
        g.setFill(Color.web("#f0c040"));
        for (OpacityPoint p : pts) {
            g.fillOval(x(p.value()) - 4, y(p.opacity()) - 4, 8, 8);
        }
        g.setFill(Color.web("#a0a0a0"));
        g.fillText(Math.round(low) + "", PAD, h - PAD - STRIP - 2);
        g.fillText(Math.round(high) + "", w - PAD - 36, h - PAD - STRIP - 2);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
