package org.fovea.app.ui.threed;

import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import org.fovea.app.ui.viewer.ViewportPane;
import org.fovea.render.geom.PixelSpacing;
import org.fovea.render.geom.ViewTransform;

/**
 * One view of the 3D page that shows a computed image (an MPR plane, a CPR, a cross-section):
 * the viewer's own {@link ViewportPane} for pixels and overlays, with a layer above it for what
 * the 3D page draws on top (crosshair, curve points, the cross-section's place). The layer is
 * left out of screenshots, which show the image and its overlays only. FX thread only.
 */
final class ReformatViewport {

    private final ViewportPane pane = new ViewportPane();
    private final Pane marks = new Pane();
    private final StackPane root = new StackPane(pane, marks);
    private ViewTransform view;
    private int columns;
    private int rows;
    private double pixelMm;

    ReformatViewport() {
        marks.setMouseTransparent(true);
        // the layer holds lines longer than the view: unmanaged, it never sizes the view, and the
        // clip keeps it (and picking) inside the view's own bounds
        marks.setManaged(false);
        marks.layoutXProperty().bind(pane.layoutXProperty());
        marks.layoutYProperty().bind(pane.layoutYProperty());
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(root.widthProperty());
        clip.heightProperty().bind(root.heightProperty());
        root.setClip(clip);
        pane.setFocusTraversable(true);
        root.setMinSize(0, 0);
        root.getStyleClass().add("reformat-viewport");
    }

    StackPane root() { return root; }

    ViewportPane pane() { return pane; }

    /** The zoom and pan for an image of this size, made anew (fitted) when the size changes. */
    ViewTransform view(int imageColumns, int imageRows, double imagePixelMm) {
        double w = Math.max(1, pane.getWidth());
        double h = Math.max(1, pane.getHeight());
        if (view == null || imageColumns != columns || imageRows != rows || imagePixelMm != pixelMm) {
            view = new ViewTransform(imageColumns, imageRows, new PixelSpacing(imagePixelMm, imagePixelMm, "MPR"), w, h);
            columns = imageColumns;
            rows = imageRows;
            pixelMm = imagePixelMm;
        } else {
            view.setViewportSize(w, h);
        }
        return view;
    }

    /** The current zoom and pan, or null before the first image. */
    ViewTransform currentView() { return view; }

    void resetView() {
        if (view != null) {
            view.reset();
        }
    }

    void clearMarks() {
        marks.getChildren().clear();
    }

    /** A line in viewport coordinates on the marks layer. */
    void line(double x1, double y1, double x2, double y2, Color colour, double width) {
        Line l = new Line(x1, y1, x2, y2);
        l.setStroke(colour);
        l.setStrokeWidth(width);
        marks.getChildren().add(l);
    }

    /** A small ring in viewport coordinates on the marks layer (curve points). */
    void dot(double x, double y, Color colour) {
        Circle c = new Circle(x, y, 4);
        c.setFill(Color.TRANSPARENT);
        c.setStroke(colour);
        c.setStrokeWidth(2);
        marks.getChildren().add(c);
    }
}
