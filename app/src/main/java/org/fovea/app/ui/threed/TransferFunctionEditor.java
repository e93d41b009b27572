package org.fovea.app.ui.threed;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.control.ColorPicker;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import org.fovea.render.volume.TransferFunction;
import org.fovea.render.volume.TransferFunction.ColorPoint;
import org.fovea.render.volume.TransferFunction.OpacityPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The VR opacity and colour curves (R6): value (HU for CT) across, opacity up, over a strip
 * coloured by the colour curve, whose points are the triangles under it. Opacity: drag a point to
 * move it, double-click to add one, right-click to remove one (the two ends stay). Colour: click a
 * triangle to choose its colour in the picker beside the curve, drag it along the values,
 * double-click the strip to add a colour point, right-click a triangle to remove it. Every change
 * is reported with whether a drag is still going, so the view renders coarse frames while dragging
 * and a full one at the end.
 */
final class TransferFunctionEditor {

    private static final double PAD = 8;
    private static final double STRIP = 10;
    private static final double GRAB = 7;
    private static final double MARKER = 6;

    private final Canvas canvas = new Canvas(360, 120);
    private final Pane curves = new Pane(canvas);
    private final ColorPicker picker = new ColorPicker();
    private final HBox root = new HBox(4, curves, picker);
    private final BiConsumer<TransferFunction, Boolean> changed;
    private TransferFunction function;
    private double low = -1000;
    private double high = 3000;
    private int dragged = -1;
    private int draggedColour = -1;
    private int selectedColour = -1;

    /** @param changed told the new function and {@code true} while a drag continues */
    TransferFunctionEditor(BiConsumer<TransferFunction, Boolean> changed) {
        this.changed = changed;
        root.getStyleClass().add("curve-editor");
        curves.setPrefSize(360, 120 + MARKER);
        HBox.setHgrow(curves, javafx.scene.layout.Priority.ALWAYS);
        canvas.widthProperty().bind(curves.widthProperty());
        canvas.heightProperty().bind(curves.heightProperty());
        picker.setDisable(true);
        picker.setOnAction(e -> recolour(picker.getValue()));
        canvas.widthProperty().addListener((o, a, b) -> draw());
        canvas.heightProperty().addListener((o, a, b) -> draw());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragged >= 0 || draggedColour >= 0) {
                dragged = -1;
                draggedColour = -1;
                changed.accept(function, false);
            }
        });
    }

    javafx.scene.Node node() { return root; }

    /** Shows a function over the value range [low, high]. */
    void show(TransferFunction f, double rangeLow, double rangeHigh) {
        function = f;
        selectedColour = -1;
        picker.setDisable(true);
        low = rangeLow;
        high = rangeHigh > rangeLow ? rangeHigh : rangeLow + 1;
        draw();
    }

    TransferFunction function() { return function; }

    /** Where colour point i's triangle is, in the curve canvas's coordinates (what a click aims at). */
    javafx.geometry.Point2D colourMarker(int i) {
        return new javafx.geometry.Point2D(x(function.colorPoints().get(i).value()), stripTop() + STRIP + MARKER / 2);
    }

    Canvas canvas() { return canvas; }

    ColorPicker picker() { return picker; }

    private double x(double value) {
        return PAD + (value - low) / (high - low) * (canvas.getWidth() - 2 * PAD);
    }

    private double y(double opacity) {
        return PAD + (1 - opacity) * (stripTop() - PAD);
    }

    /** Top of the colour strip; the colour points' triangles hang below it. */
    private double stripTop() {
        return canvas.getHeight() - PAD - MARKER - STRIP;
    }

    private double value(double x) {
        return low + (x - PAD) / (canvas.getWidth() - 2 * PAD) * (high - low);
    }

    private double opacity(double y) {
        return Math.max(0, Math.min(1, 1 - (y - PAD) / (stripTop() - PAD)));
    }

    /** The colour point whose triangle (or strip column) is under a press, or -1. */
    private int colourAt(double px, double py) {
        if (py < stripTop()) {
            return -1;
        }
        List<ColorPoint> pts = function.colorPoints();
        for (int i = 0; i < pts.size(); i++) {
            if (Math.abs(x(pts.get(i).value()) - px) <= GRAB) {
                return i;
            }
        }
        return -1;
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
        if (e.getY() >= stripTop()) {
            pressedColour(e);
            return;
        }
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

    private void pressedColour(MouseEvent e) {
        int hit = colourAt(e.getX(), e.getY());
        List<ColorPoint> pts = new ArrayList<>(function.colorPoints());
        if (e.getButton() == MouseButton.SECONDARY) {
            if (hit >= 0 && pts.size() > 2) {
                pts.remove(hit);
                selectedColour = -1;
                picker.setDisable(true);
                updateColours(pts, false);
            }
            return;
        }
        if (hit < 0 && e.getClickCount() == 2) {
            double v = value(e.getX());
            double[] c = function.colorAt(v);
            pts.add(new ColorPoint(v, clamp(c[0]), clamp(c[1]), clamp(c[2])));
            pts.sort(Comparator.comparingDouble(ColorPoint::value));
            updateColours(pts, false);
            hit = colourAt(e.getX(), e.getY());
        }
        if (hit >= 0) {
            selectedColour = hit;
            draggedColour = hit;
            ColorPoint p = function.colorPoints().get(hit);
            picker.setValue(Color.color(p.red(), p.green(), p.blue()));
            picker.setDisable(false);
            draw();
        }
    }

    /** The picker's colour for the selected colour point. */
    private void recolour(Color c) {
        if (function == null || selectedColour < 0 || c == null) {
            return;
        }
        List<ColorPoint> pts = new ArrayList<>(function.colorPoints());
        ColorPoint p = pts.get(selectedColour);
        pts.set(selectedColour, new ColorPoint(p.value(), c.getRed(), c.getGreen(), c.getBlue()));
        updateColours(pts, false);
    }

    private void updateColours(List<ColorPoint> pts, boolean dragging) {
        function = function.withColorPoints(pts);
        draw();
        changed.accept(function, dragging);
    }

    private void drag(MouseEvent e) {
        if (draggedColour >= 0 && function != null) {
            e.consume();
            List<ColorPoint> pts = new ArrayList<>(function.colorPoints());
            double lo = draggedColour == 0 ? value(PAD) : pts.get(draggedColour - 1).value() + 1e-3;
            double hi = draggedColour == pts.size() - 1 ? value(canvas.getWidth() - PAD)
                    : pts.get(draggedColour + 1).value() - 1e-3;
            ColorPoint p = pts.get(draggedColour);
            pts.set(draggedColour, new ColorPoint(Math.max(lo, Math.min(hi, value(e.getX()))), p.red(), p.green(),
                    p.blue()));
            updateColours(pts, true);
            return;
        }
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
        double top = stripTop();
        g.setLineWidth(1);
        for (double px = PAD; px < w - PAD; px++) {
            double[] c = function.colorAt(value(px));
            g.setStroke(Color.color(clamp(c[0]), clamp(c[1]), clamp(c[2])));
            g.strokeLine(px, top, px, top + STRIP);
        }
        List<ColorPoint> colours = function.colorPoints();
        for (int i = 0; i < colours.size(); i++) {
            double cx = x(colours.get(i).value());
            g.setFill(i == selectedColour ? Color.web("#f0c040") : Color.web("#c0c0c0"));
            g.fillPolygon(new double[] {cx, cx - MARKER / 2, cx + MARKER / 2},
                    new double[] {top + STRIP, top + STRIP + MARKER, top + STRIP + MARKER}, 3);
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
        g.fillText(Math.round(low) + "", PAD, top - 2);
        g.fillText(Math.round(high) + "", w - PAD - 36, top - 2);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
