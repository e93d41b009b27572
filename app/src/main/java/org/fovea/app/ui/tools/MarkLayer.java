package org.fovea.app.ui.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.fovea.render.measure.Geometry;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.Scale;

/**
 * Draws the marks of the shown image over it: each measurement or annotation, its value lines
 * and scale line beside it, handles on the selected one, and the mark being drawn. Lines have a
 * dark halo so they read on bright bone and dark lung alike. It only draws what it is told; the
 * viewport decides what that is. Mouse-transparent: the viewport handles input.
 */
public final class MarkLayer extends Region {

    /** One mark to draw, in image coordinates, with its text. */
    public record Drawn(Kind kind, List<ImagePoint> points, String text, List<String> lines, String scaleLine,
                        Scale scale, boolean selected, boolean readOnly, boolean abnormal) {
    }

    static final Color MEASURE = Color.web("#ffd54f");
    static final Color ANNOTATE = Color.web("#ff9e6b");
    static final Color SELECTED = Color.web("#4dd0e1");
    static final Color OTHERS = Color.web("#b0bec5");
    static final Color ALERT = Color.web("#ff5252");
    private static final Color HALO = Color.rgb(0, 0, 0, 0.65);
    private static final double HANDLE = 7;
    private static final int MAX_HANDLES = 40;

    private final Canvas canvas = new Canvas();
    private Font font = Font.font(13);
    private Font small = Font.font(11);

    public MarkLayer() {
        setMouseTransparent(true);
        getChildren().add(canvas);
    }

    /** The font family for labels (a CJK one, so Chinese shows on every platform). */
    public void setFontFamily(String family) {
        font = Font.font(family, 13);
        small = Font.font(family, 11);
    }

    private List<Drawn> lastMarks = List.of();
    private Drawn lastPreview;
    private List<ImagePoint> lastAnchors = List.of();
    private Function<ImagePoint, Point2D> lastToScreen;
    private String banner;

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            if (lastToScreen != null) {
                paint();                        // a resized canvas keeps none of what was drawn
            }
        }
    }

    /**
     * Draws {@code marks}, then the mark in progress ({@code preview}, may be null) with its lasso
     * anchors, mapping image points to this layer's coordinates with {@code toScreen}.
     */
    public void draw(List<Drawn> marks, Drawn preview, List<ImagePoint> anchors, Function<ImagePoint, Point2D> toScreen) {
        lastMarks = List.copyOf(marks);
        lastPreview = preview;
        lastAnchors = List.copyOf(anchors);
        lastToScreen = toScreen;
        paint();
    }

    /** A line shown at the top of the image (the key image star); null for none. Takes effect at the next draw. */
    public void setBanner(String text) {
        banner = text;
    }

    /** The banner shown now, or null. */
    public String banner() {
        return lastToScreen == null ? null : banner;
    }

    /** What is drawn now (for tests and snapshots): the marks last given. */
    public List<Drawn> drawn() {
        return lastMarks;
    }

    private void paint() {
        List<Drawn> marks = lastMarks;
        Drawn preview = lastPreview;
        List<ImagePoint> anchors = lastAnchors;
        Function<ImagePoint, Point2D> toScreen = lastToScreen;
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        for (Drawn d : marks) {
            mark(g, d, toScreen);
        }
        if (banner != null && !banner.isEmpty()) {
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            text(g, banner, getWidth() / 2, 26, font, ALERT.interpolate(MEASURE, 0.5));
        }
        if (preview != null) {
            mark(g, preview, toScreen);
            g.setFill(SELECTED);
            for (ImagePoint a : anchors) {
                Point2D p = toScreen.apply(a);
                g.fillRect(p.getX() - 3, p.getY() - 3, 6, 6);
            }
        }
    }

    /** Clears the layer (no image, or marks hidden). */
    public void clear() {
        lastMarks = List.of();
        lastPreview = null;
        lastAnchors = List.of();
        lastToScreen = null;
        canvas.getGraphicsContext2D().clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
    }

    private void mark(GraphicsContext g, Drawn d, Function<ImagePoint, Point2D> toScreen) {
        List<Point2D> p = new ArrayList<>(d.points().size());
        for (ImagePoint q : d.points()) {
            p.add(toScreen.apply(q));
        }
        if (p.isEmpty()) {
            return;
        }
        Color colour = d.selected() ? SELECTED : d.readOnly() ? OTHERS : d.kind().measurement() ? MEASURE : ANNOTATE;
        ShapeStroke s = new ShapeStroke(g, colour, d.readOnly());
        switch (d.kind()) {
            case POINT -> s.cross(p.get(0), 6);
            case LENGTH, CALIBRATION -> {
                s.line(p.get(0), p.get(1));
                if (p.size() == 2) {
                    s.ticks(p.get(0), p.get(1), 5);
                }
            }
            case POLYLINE, SCRIBBLE -> s.polyline(p, false);
            case POLYGON, FREEHAND, LASSO -> s.polyline(p, p.size() > 2);
            case ANGLE -> {
                s.polyline(p, false);
                if (p.size() == 3) {
                    s.arc(p.get(0), p.get(1), p.get(2));
                }
            }
            case COBB -> cobb(s, d, p, toScreen);
            case CARDIOTHORACIC -> {
                for (int i = 0; i + 1 < p.size(); i += 2) {
                    s.line(p.get(i), p.get(i + 1));
                    s.ticks(p.get(i), p.get(i + 1), 6);
                }
            }
            case ELLIPSE, OVAL -> s.ellipse(p.get(0), p.get(p.size() - 1));
            case RECTANGLE, BOX -> s.rectangle(p.get(0), p.get(p.size() - 1));
            case ARROW -> {
                s.line(p.get(0), p.get(p.size() - 1));
                s.arrowHead(p.get(0), p.get(p.size() - 1));
            }
            case TEXT -> s.cross(p.get(0), 3);
        }
        if (d.selected() && !d.readOnly() && p.size() <= MAX_HANDLES) {
            for (Point2D q : p) {
                s.handle(q, HANDLE);
            }
        }
        labels(g, d, p, colour);
    }

    private static void cobb(ShapeStroke s, Drawn d, List<Point2D> p, Function<ImagePoint, Point2D> toScreen) {
        for (int i = 0; i + 1 < p.size(); i += 2) {
            s.line(p.get(i), p.get(i + 1));
        }
        if (d.points().size() == 4) {
            // the perpendiculars through each line's middle, to where they cross
            List<ImagePoint> q = d.points();
            ImagePoint[] h = Geometry.cobbHelpers(q.get(0), q.get(1), q.get(2), q.get(3), d.scale());
            s.dashed(toScreen.apply(h[0]), toScreen.apply(h[1]));
            s.dashed(toScreen.apply(h[2]), toScreen.apply(h[3]));
        }
    }

    /** Value lines right of the mark's rightmost point (left of it near the right edge), then the scale line. */
    private void labels(GraphicsContext g, Drawn d, List<Point2D> p, Color colour) {
        List<String> lines = new ArrayList<>();
        if (!d.text().isBlank()) {
            lines.add(d.text());            // a text annotation, a calibration's length, a measurement's name
        }
        lines.addAll(d.lines());
        if (lines.isEmpty()) {
            return;
        }
        Point2D anchor = p.get(0);
        for (Point2D q : p) {
            if (q.getX() > anchor.getX()) {
                anchor = q;
            }
        }
        double x = anchor.getX() + 10;
        double y = anchor.getY() - 8;
        boolean left = x > getWidth() - 160;
        g.setTextAlign(left ? TextAlignment.RIGHT : TextAlignment.LEFT);
        if (left) {
            x = anchor.getX() - 10;
            for (Point2D q : p) {
                x = Math.min(x, q.getX() - 10);
            }
        }
        g.setTextBaseline(VPos.TOP);
        double lineHeight = font.getSize() + 3;
        y = Math.max(2, Math.min(y, getHeight() - lineHeight * (lines.size() + 1) - 2));
        for (int i = 0; i < lines.size(); i++) {
            Color c = d.abnormal() && i == 0 ? ALERT : colour;
            text(g, lines.get(i), x, y + i * lineHeight, font, c);
        }
        if (d.scaleLine() != null && !d.scaleLine().isEmpty()) {
            text(g, d.scaleLine(), x, y + lines.size() * lineHeight, small, colour.deriveColor(0, 0.6, 0.9, 0.9));
        }
    }

    private static void text(GraphicsContext g, String s, double x, double y, Font f, Color c) {
        g.setFont(f);
        g.setLineWidth(3);
        g.setStroke(HALO);
        g.strokeText(s, x, y);
        g.setFill(c);
        g.fillText(s, x, y);
    }
}
