package org.fovea.app.ui.threed;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import org.fovea.app.ui.common.I18n;
import org.fovea.render.geom.Vec3;
import org.fovea.render.vtk.VolumeRenderView;
import org.fovea.render.vtk.VolumeRenderView.Quality;
import org.fovea.render.vtk.VrImage;
import org.fovea.render.vtk.VtkUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.IntBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The VR panel's picture: frames rendered by the VTK view on its own thread, shown through a
 * pixel buffer with the patient and the rendering's state written over them, and the 3D cursor
 * marked where the frame's projection puts it. Left-drag rotates, wheel zooms, middle-drag pans,
 * a click puts the 3D cursor on the surface under it; frames are coarse while the mouse moves and
 * full quality once it rests. The FX thread only posts requests and shows finished images.
 */
final class VrView {

    private static final Logger LOG = LoggerFactory.getLogger(VrView.class);
    /** Degrees of rotation per dragged pixel. */
    private static final double DEGREES_PER_PIXEL = 0.5;
    /** A press and release closer than this is a click (pick), not a drag. */
    private static final double CLICK_SLOP = 3;
    private static final Duration STILL = Duration.millis(250);

    private final I18n i18n;
    private final Executor fx;
    private final Consumer<Vec3> cursorPicked;
    private final Supplier<Vec3> cursor;
    private final ImageView imageView = new ImageView();
    private final Pane marks = new Pane();
    private final Label message = new Label();
    private final Label topLeft = new Label();
    private final Label topRight = new Label();
    private final StackPane viewArea = new StackPane(imageView, marks, topLeft, topRight, message);
    private final PauseTransition stillTimer = new PauseTransition(STILL);

    private CompletableFuture<VolumeRenderView> view;
    private boolean hasVolume;
    private VrImage shownImage;
    private WritableImage image;
    private int[] argb;
    private PixelBuffer<IntBuffer> buffer;
    private long generation;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private MouseButton dragButton;
    private boolean moved;

    /**
     * @param cursorPicked gets the surface point a click picked
     * @param cursor       the 3D cursor to mark (null when there is none)
     */
    VrView(I18n i18n, Executor fx, Consumer<Vec3> cursorPicked, Supplier<Vec3> cursor) {
        this.i18n = i18n;
        this.fx = fx;
        this.cursorPicked = cursorPicked;
        this.cursor = cursor;
        imageView.setPreserveRatio(false);
        imageView.setManaged(false);
        marks.setMouseTransparent(true);
        marks.setManaged(false);
        for (Label l : new Label[] {topLeft, topRight}) {
            l.getStyleClass().add("overlay-text");
            l.setMouseTransparent(true);
            l.setTextFill(Color.web("#e8e8e8"));
        }
        StackPane.setAlignment(topLeft, Pos.TOP_LEFT);
        StackPane.setAlignment(topRight, Pos.TOP_RIGHT);
        topLeft.setPadding(new Insets(4, 6, 4, 6));
        topRight.setPadding(new Insets(4, 6, 4, 6));
        message.getStyleClass().add("viewport-message");
        message.setWrapText(true);
        viewArea.setMinSize(0, 0);
        viewArea.setStyle("-fx-background-color: black;");
        Rectangle clipRect = new Rectangle();
        clipRect.widthProperty().bind(viewArea.widthProperty());
        clipRect.heightProperty().bind(viewArea.heightProperty());
        viewArea.setClip(clipRect);
        viewArea.widthProperty().addListener((o, a, b) -> resized());
        viewArea.heightProperty().addListener((o, a, b) -> resized());
        installMouse();
        stillTimer.setOnFinished(e -> render(Quality.FULL));
        showMessage(null);
    }

    /** The image and its overlay text, as a screenshot shows it. */
    Node node() { return viewArea; }

    /** The last finished image, or null. */
    VrImage shownImage() { return shownImage; }

    /**
     * A new volume is on its way: frames asked for before are no longer shown. Opens the VTK view,
     * at the panel's size, on first use, and answers it.
     */
    CompletableFuture<VolumeRenderView> newVolume() {
        ++generation;
        hasVolume = true;
        if (view == null) {
            int w = (int) Math.max(64, viewArea.getWidth());
            int h = (int) Math.max(64, viewArea.getHeight());
            view = VolumeRenderView.open(w, h);
        }
        return view;
    }

    /** The VTK view; call after {@link #newVolume()}. */
    CompletableFuture<VolumeRenderView> view() { return view; }

    /** The patient, in the top left corner. */
    void setPatient(String text) { topLeft.setText(text); }

    /** What is rendered (preset, removals), in the top right corner. */
    void setState(String text) { topRight.setText(text); }

    /** Says what failed: VTK missing, or a rendering error (which also goes to the log). */
    void failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof VtkUnavailableException) {
            showMessage(cause.getMessage());
        } else {
            LOG.error("volume rendering failed", cause);
            showMessage(i18n.format("vr.failed", String.valueOf(cause.getMessage())));
        }
    }

    /** Runs an operation on the view, then renders at the given quality. */
    void apply(Function<VolumeRenderView, CompletableFuture<Void>> op, Quality quality) {
        if (view == null || !hasVolume) {
            return;
        }
        view.thenCompose(op).whenComplete((x, e) -> fx.execute(() -> {
            if (e != null) {
                failed(e);
            } else {
                render(quality);
            }
        }));
        if (quality == Quality.INTERACTIVE) {
            stillTimer.playFromStart();
        }
    }

    /** Asks for a frame; it is shown when it arrives unless a newer volume was set meanwhile. */
    void render(Quality quality) {
        if (view == null || !hasVolume) {
            return;
        }
        long g = generation;
        view.thenCompose(v -> v.render(quality)).whenComplete((img, e) -> fx.execute(() -> {
            if (g != generation) {
                return;
            }
            if (e != null) {
                failed(e);
                return;
            }
            show(img);
        }));
    }

    private void show(VrImage img) {
        if (image == null || buffer.getWidth() != img.width() || buffer.getHeight() != img.height()) {
            argb = new int[img.width() * img.height()];
            buffer = new PixelBuffer<>(img.width(), img.height(), IntBuffer.wrap(argb),
                    PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
            imageView.setImage(image);
        }
        System.arraycopy(img.argb(), 0, argb, 0, argb.length);
        buffer.updateBuffer(b -> null);
        imageView.resizeRelocate(0, 0, img.width(), img.height());
        imageView.setFitWidth(img.width());
        imageView.setFitHeight(img.height());
        shownImage = img;
        if (message.getText() != null && message.getText().equals(i18n.get("vr.preparing"))) {
            showMessage(null);
        }
        drawCursor();
    }

    /** Marks the 3D cursor on the last frame, where that frame's projection puts it. */
    void drawCursor() {
        marks.getChildren().clear();
        Vec3 c = cursor.get();
        if (shownImage == null || c == null) {
            return;
        }
        shownImage.toPixel(c).ifPresent(p -> {
            Circle ring = new Circle(p[0], p[1], 5);
            ring.setFill(Color.TRANSPARENT);
            ring.setStroke(Color.web("#f0c040"));
            ring.setStrokeWidth(2);
            marks.getChildren().add(ring);
        });
    }

    private void resized() {
        int w = (int) viewArea.getWidth();
        int h = (int) viewArea.getHeight();
        if (w < 16 || h < 16 || view == null || !hasVolume) {
            return;
        }
        apply(v -> v.resize(w, h), Quality.INTERACTIVE);
    }

    private void installMouse() {
        viewArea.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            e.consume();
            viewArea.requestFocus();
            dragButton = e.getButton();
            pressX = lastX = e.getX();
            pressY = lastY = e.getY();
            moved = false;
        });
        viewArea.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (dragButton == null) {
                return;
            }
            e.consume();
            if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > CLICK_SLOP) {
                moved = true;
            }
            if (!moved) {
                return;
            }
            double dx = e.getX() - lastX;
            double dy = e.getY() - lastY;
            lastX = e.getX();
            lastY = e.getY();
            if (dragButton == MouseButton.MIDDLE) {
                apply(v -> v.pan(dx, dy), Quality.INTERACTIVE);
            } else if (dragButton == MouseButton.PRIMARY) {
                apply(v -> v.rotate(-dx * DEGREES_PER_PIXEL, dy * DEGREES_PER_PIXEL), Quality.INTERACTIVE);
            }
        });
        viewArea.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            e.consume();
            if (dragButton == MouseButton.PRIMARY && !moved) {
                pick(e.getX(), e.getY());
            }
            dragButton = null;
        });
        viewArea.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() == 0) {
                return;
            }
            e.consume();
            double factor = Math.pow(1.1, e.getDeltaY() / 40.0);
            apply(v -> v.zoom(factor), Quality.INTERACTIVE);
        });
    }

    /** A click on the rendering: the 3D cursor goes to the surface under it, if any. */
    private void pick(double x, double y) {
        if (view == null || shownImage == null) {
            return;
        }
        int px = (int) Math.round(x);
        int py = (int) Math.round(y);
        view.thenCompose(v -> v.pick(px, py)).whenComplete((hit, e) -> fx.execute(() -> {
            if (e == null && hit.isPresent()) {
                cursorPicked.accept(hit.get());
                drawCursor();
            }
        }));
    }

    void showMessage(String text) {
        message.setText(text == null ? "" : text);
        message.setVisible(text != null);
    }

    /** The centred message (preparing, removing, or why VR is unavailable), or empty. */
    String message() { return message.isVisible() ? message.getText() : ""; }

    /** Closes the VTK view at application exit; frames still on their way are not shown. */
    void dispose() {
        ++generation;
        if (view != null) {
            view.thenAccept(VolumeRenderView::close);
        }
    }
}
