package org.fovea.app.ui.tools;

import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * The magnifier (V7): a round loupe centred on the pointer showing the image's own pixels
 * enlarged 2x to 4x beyond the current view, with no smoothing, so what is magnified is the
 * data and not an interpolation of it. Mouse-transparent.
 */
public final class Loupe extends Region {

    public static final double SIZE = 200;
    public static final int MIN_FACTOR = 2;
    public static final int MAX_FACTOR = 4;

    private final ImageView view = new ImageView();
    private final Circle ring = new Circle(SIZE / 2);
    private int factor = MIN_FACTOR;

    public Loupe() {
        setMouseTransparent(true);
        setManaged(false);
        view.setSmooth(false);
        view.setPreserveRatio(false);
        view.setFitWidth(SIZE);
        view.setFitHeight(SIZE);
        view.setClip(new Circle(SIZE / 2, SIZE / 2, SIZE / 2));
        ring.setCenterX(SIZE / 2);
        ring.setCenterY(SIZE / 2);
        ring.setFill(Color.TRANSPARENT);
        ring.setStroke(Color.web("#4dd0e1"));
        ring.setStrokeWidth(2);
        getChildren().addAll(view, ring);
        resize(SIZE, SIZE);
        setVisible(false);
    }

    public int factor() {
        return factor;
    }

    /** Changes the magnification by {@code step}, within 2x to 4x. */
    public void changeFactor(int step) {
        factor = Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, factor + step));
    }

    /**
     * Shows the loupe centred at viewport point ({@code sx}, {@code sy}) over image pixel
     * ({@code column}, {@code row}) (pixel centres at integers), for an image drawn at
     * {@code scaleX} × {@code scaleY} screen pixels per image pixel.
     */
    public void show(Image image, double column, double row, double sx, double sy, double scaleX, double scaleY) {
        if (image == null) {
            hide();
            return;
        }
        double w = SIZE / (scaleX * factor), h = SIZE / (scaleY * factor);
        view.setImage(image);
        view.setViewport(new Rectangle2D(column + 0.5 - w / 2, row + 0.5 - h / 2, w, h));
        relocate(sx - SIZE / 2, sy - SIZE / 2);
        setVisible(true);
    }

    public void hide() {
        setVisible(false);
        view.setImage(null);
    }
}
