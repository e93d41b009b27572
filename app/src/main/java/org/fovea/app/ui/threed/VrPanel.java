package org.fovea.app.ui.threed;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Threads;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.ImageHeader;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.TransferFunction;
import org.fovea.render.volume.VrPreset;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.segment.BoneRemoval;
import org.fovea.render.volume.segment.TableRemoval;
import org.fovea.render.volume.segment.VolumeMasks;
import org.fovea.render.volume.segment.VoxelMask;
import org.fovea.render.vtk.ClipBox;
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
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The VR view of the 3D page (R6–R9): volume rendering through VTK with presets, an opacity curve
 * editor, a clip box, one-click bone and table removal (each undone by clicking again), and the
 * 3D cursor: a click on the rendering puts the cursor on the surface under it, and the cursor set
 * in the MPR views is marked on the rendering. Left-drag rotates, wheel zooms, middle-drag pans;
 * frames are coarse while the mouse moves and full quality once it rests. All VTK work runs on the
 * view's own thread; the FX thread only posts requests and shows finished images.
 */
final class VrPanel {

    private static final Logger LOG = LoggerFactory.getLogger(VrPanel.class);
    /** Degrees of rotation per dragged pixel. */
    private static final double DEGREES_PER_PIXEL = 0.5;
    /** A press and release closer than this is a click (pick), not a drag. */
    private static final double CLICK_SLOP = 3;
    private static final Duration STILL = Duration.millis(250);
    /** The HU the CT curves span in the editor: air to dense bone. */
    private static final double[] CT_RANGE = {-1000, 3000};

    private final I18n i18n;
    private final Executor fx;
    private final Consumer<Vec3> cursorPicked;
    private final Supplier<Vec3> cursor;
    private final ExecutorService segmenter = Threads.pool("fovea-segment", 1);
    private final ImageView imageView = new ImageView();
    private final Pane marks = new Pane();
    private final Label message = new Label();
    private final Label topLeft = new Label();
    private final Label topRight = new Label();
    private final StackPane viewArea = new StackPane(imageView, marks, topLeft, topRight, message);
    private final BorderPane root = new BorderPane();
    private final ComboBox<VrPreset> presets = new ComboBox<>();
    private final ToggleButton bone = new ToggleButton();
    private final ToggleButton table = new ToggleButton();
    private final ToggleButton clip = new ToggleButton();
    private final ToggleButton curve = new ToggleButton();
    private final Slider[] clipSliders = new Slider[6];
    private final GridPane clipPanel = new GridPane();
    private final TransferFunctionEditor curveEditor;
    private final PauseTransition stillTimer = new PauseTransition(STILL);

    private CompletableFuture<VolumeRenderView> view;
    private Volume original;
    private VoxelMask bones;
    private VoxelMask tableMask;
    private TransferFunction function;
    /** The values the curves span: HU for CT, the MR volume's 0.5–99.5 percentile; null while loading. */
    private double[] valueRange;
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

    VrPanel(I18n i18n, Executor fx, Consumer<Vec3> cursorPicked, Supplier<Vec3> cursor) {
        this.i18n = i18n;
        this.fx = fx;
        this.cursorPicked = cursorPicked;
        this.cursor = cursor;
        curveEditor = new TransferFunctionEditor((f, dragging) -> {
            function = f;
            apply(v -> v.setTransferFunction(f), dragging ? Quality.INTERACTIVE : Quality.FULL);
        });
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
        root.setTop(controls());
        root.setCenter(viewArea);
        root.setMinSize(0, 0);
        root.setStyle("-fx-border-color: #c8a040; -fx-border-width: 1;");
        i18n.bundleBinding().addListener((o, a, b) -> relabel());
        relabel();
        showMessage(null);
    }

    Node node() { return root; }

    /** The image and its overlay text, as a screenshot shows it. */
    Node screenshotNode() { return viewArea; }

    /** The last finished image, or null. */
    VrImage shownImage() { return shownImage; }

    /** The shown preset's name in the user's language. */
    String presetName() {
        VrPreset p = presets.getValue();
        return p == null ? "" : i18n.get("vr.preset." + p.key());
    }

    TransferFunctionEditor editor() { return curveEditor; }

    /** The transfer function the view renders with. */
    TransferFunction function() { return function; }

    boolean boneRemoved() { return bone.isSelected(); }

    boolean tableRemoved() { return table.isSelected(); }

    /** Shows a volume (a new series on the 3D page); opens the VTK view on first use. */
    void setVolume(Volume volume, ImageHeader seriesHeader) {
        long g = ++generation;
        original = volume;
        valueRange = null;
        bones = null;
        tableMask = null;
        bone.setSelected(false);
        table.setSelected(false);
        clip.setSelected(false);
        boolean ct = "CT".equals(seriesHeader.modality());
        bone.setDisable(!ct);
        table.setDisable(!ct);
        presets.getItems().setAll(ct ? new VrPreset[] {VrPreset.CT_BONE, VrPreset.CT_ANGIO, VrPreset.CT_LUNG,
                VrPreset.CT_SOFT_TISSUE, VrPreset.CT_MIP} : new VrPreset[] {VrPreset.MR_DEFAULT});
        VrPreset preset = ct ? VrPreset.CT_BONE : VrPreset.MR_DEFAULT;
        presets.setValue(preset);
        relabel();
        topLeft.setText(PersonNameFormat.display(seriesHeader.patientName()) + "\n" + seriesHeader.patientId());
        showMessage(i18n.get("vr.preparing"));
        if (view == null) {
            int w = (int) Math.max(64, viewArea.getWidth());
            int h = (int) Math.max(64, viewArea.getHeight());
            view = VolumeRenderView.open(w, h);
        }
        // an MR's value range is a pass over every voxel: once per volume, off the FX thread
        CompletableFuture.supplyAsync(() -> ct ? CT_RANGE : VrPreset.valueRange(volume), segmenter)
                .thenCompose(range -> {
                    TransferFunction f = preset.transferFunction(range[0], range[1]);
                    return view.thenCompose(v -> v.setVolume(volume).thenCompose(x -> v.setTransferFunction(f))
                            .thenCompose(x -> v.clearClipBox())).thenApply(x -> range);
                })
                .whenComplete((range, error) -> fx.execute(() -> {
                    if (g != generation) {
                        return;
                    }
                    if (error != null) {
                        failed(error);
                        return;
                    }
                    valueRange = range;
                    function = preset.transferFunction(valueRange[0], valueRange[1]);
                    curveEditor.show(function, valueRange[0], valueRange[1]);
                    render(Quality.FULL);
                }));
    }

    private void failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof VtkUnavailableException) {
            showMessage(cause.getMessage());
        } else {
            LOG.error("volume rendering failed", cause);
            showMessage(i18n.format("vr.failed", String.valueOf(cause.getMessage())));
        }
    }

    /** Runs an operation on the view, then renders at the given quality. */
    private void apply(java.util.function.Function<VolumeRenderView, CompletableFuture<Void>> op, Quality quality) {
        if (view == null || original == null) {
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
        if (view == null || original == null) {
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
        if (w < 16 || h < 16 || view == null || original == null) {
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

    /** Bone removal on or off (R7). The mask is computed once per volume, in the background. */
    void toggleBone() {
        if (original == null) {
            return;
        }
        if (bone.isSelected() && bones == null) {
            computeMask(true);
        } else {
            showRemovals();
        }
    }

    /** Table removal on or off (R8). */
    void toggleTable() {
        if (original == null) {
            return;
        }
        if (table.isSelected() && tableMask == null) {
            computeMask(false);
        } else {
            showRemovals();
        }
    }

    private void computeMask(boolean forBone) {
        long g = generation;
        Volume v = original;
        showMessage(i18n.get(forBone ? "vr.removingBone" : "vr.removingTable"));
        bone.setDisable(true);
        table.setDisable(true);
        CompletableFuture.supplyAsync(() -> forBone ? BoneRemoval.bones(v) : TableRemoval.table(v), segmenter)
                .whenComplete((mask, e) -> fx.execute(() -> {
                    bone.setDisable(false);
                    table.setDisable(false);
                    if (g != generation) {
                        return;
                    }
                    if (e != null) {
                        failed(e);
                        (forBone ? bone : table).setSelected(false);
                        return;
                    }
                    if (forBone) {
                        bones = mask;
                    } else {
                        tableMask = mask;
                    }
                    showRemovals();
                }));
    }

    /** Sends VTK the original with what is currently removed hidden; undo is sending less. */
    private void showRemovals() {
        long g = generation;
        Volume v = original;
        boolean withBone = bone.isSelected() && bones != null;
        boolean withTable = table.isSelected() && tableMask != null;
        showMessage(i18n.get("vr.preparing"));
        CompletableFuture.supplyAsync(() -> {
            if (!withBone && !withTable) {
                return v;
            }
            VoxelMask removed = new VoxelMask(v.columns(), v.rows(), v.slices());
            if (withBone) {
                removed.or(bones);
            }
            if (withTable) {
                removed.or(tableMask);
            }
            return VolumeMasks.masked(v, removed);
        }, segmenter).thenCompose(shown -> view.thenCompose(r -> r.setVolume(shown)))
                .whenComplete((x, e) -> fx.execute(() -> {
                    if (g != generation) {
                        return;
                    }
                    if (e != null) {
                        failed(e);
                        return;
                    }
                    relabel();
                    render(Quality.FULL);
                }));
    }

    void setPreset(VrPreset preset) {
        if (preset == null || original == null || valueRange == null) {
            return;
        }
        presets.setValue(preset);
        function = preset.transferFunction(valueRange[0], valueRange[1]);
        curveEditor.show(function, valueRange[0], valueRange[1]);
        relabel();
        TransferFunction f = function;
        apply(v -> v.setTransferFunction(f), Quality.FULL);
    }

    /** Back to the preset's default view: camera, clip box. Removals stay as chosen. */
    void resetView() {
        clip.setSelected(false);
        for (int i = 0; i < 6; i++) {
            clipSliders[i].setValue(i % 2 == 0 ? 0 : 100);
        }
        apply(v -> v.clearClipBox().thenCompose(x -> v.resetCamera()), Quality.FULL);
    }

    private void clipChanged(boolean dragging) {
        if (!clip.isSelected()) {
            apply(VolumeRenderView::clearClipBox, Quality.FULL);
            return;
        }
        double[] f = new double[6];
        for (int i = 0; i < 6; i++) {
            f[i] = clipSliders[i].getValue() / 100;
        }
        for (int i = 0; i < 6; i += 2) {
            if (f[i] >= f[i + 1]) {
                f[i] = Math.max(0, f[i + 1] - 0.01);
            }
        }
        ClipBox box = new ClipBox(f[0], f[1], f[2], f[3], f[4], f[5]);
        apply(v -> v.setClipBox(box), dragging ? Quality.INTERACTIVE : Quality.FULL);
    }

    private Node controls() {
        presets.setCellFactory(l -> presetCell());
        presets.setButtonCell(presetCell());
        presets.setFocusTraversable(false);
        presets.setOnAction(e -> {
            // setVolume choosing the default preset fires this too: only a real change applies
            VrPreset chosen = presets.getValue();
            if (chosen != null && valueRange != null
                    && !chosen.transferFunction(valueRange[0], valueRange[1]).equals(function)) {
                setPreset(chosen);
            }
        });
        bone.setOnAction(e -> toggleBone());
        table.setOnAction(e -> toggleTable());
        clip.setOnAction(e -> {
            clipPanel.setVisible(clip.isSelected());
            clipPanel.setManaged(clip.isSelected());
            clipChanged(false);
        });
        curve.setOnAction(e -> {
            curveEditor.node().setVisible(curve.isSelected());
            curveEditor.node().setManaged(curve.isSelected());
        });
        Button reset = new Button();
        reset.textProperty().bind(i18n.text("vr.reset"));
        reset.setOnAction(e -> resetView());
        for (Node n : new Node[] {bone, table, clip, curve, reset}) {
            n.setFocusTraversable(false);
        }
        FlowPane bar = new FlowPane(4, 4, presets, bone, table, clip, curve, reset);
        bar.setPadding(new Insets(3));
        String[] axes = {"vr.clip.rl", "vr.clip.ap", "vr.clip.sliceAxis"};
        for (int a = 0; a < 3; a++) {
            Label l = new Label();
            l.textProperty().bind(i18n.text(axes[a]));
            clipPanel.add(l, 0, a);
            for (int end = 0; end < 2; end++) {
                Slider s = new Slider(0, 100, end == 0 ? 0 : 100);
                s.setPrefWidth(120);
                s.valueProperty().addListener((o, x, y) -> clipChanged(true));
                s.setOnMouseReleased(e -> clipChanged(false));
                clipSliders[2 * a + end] = s;
                clipPanel.add(s, 1 + end, a);
            }
        }
        clipPanel.setHgap(4);
        clipPanel.setVisible(false);
        clipPanel.setManaged(false);
        curveEditor.node().setVisible(false);
        curveEditor.node().setManaged(false);
        return new VBox(bar, clipPanel, curveEditor.node());
    }

    private ListCell<VrPreset> presetCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(VrPreset item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : i18n.get("vr.preset." + item.key()));
            }
        };
    }

    private void relabel() {
        bone.setText(i18n.get("vr.removeBone"));
        table.setText(i18n.get("vr.removeTable"));
        clip.setText(i18n.get("vr.clip"));
        curve.setText(i18n.get("vr.curve"));
        VrPreset p = presets.getValue();
        String state = (p == null ? "" : i18n.get("vr.preset." + p.key()))
                + (bone.isSelected() && bones != null ? "\n" + i18n.get("vr.boneRemoved") : "")
                + (table.isSelected() && tableMask != null ? "\n" + i18n.get("vr.tableRemoved") : "");
        topRight.setText(i18n.get("vr.title") + (state.isEmpty() ? "" : "\n" + state));
    }

    private void showMessage(String text) {
        message.setText(text == null ? "" : text);
        message.setVisible(text != null);
    }

    /** The centred message (preparing, removing, or why VR is unavailable), or empty. */
    String message() { return message.isVisible() ? message.getText() : ""; }

    void dispose() {
        ++generation;
        segmenter.shutdownNow();
        if (view != null) {
            view.thenAccept(VolumeRenderView::close);
        }
    }
}
