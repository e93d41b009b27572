package org.fovea.app.ui.threed;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Threads;
import org.fovea.app.ui.threed.VrRemovals.Part;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.ImageHeader;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.TransferFunction;
import org.fovea.render.volume.VrPreset;
import org.fovea.render.volume.Volume;
import org.fovea.render.vtk.ClipBox;
import org.fovea.render.vtk.VolumeRenderView;
import org.fovea.render.vtk.VolumeRenderView.Quality;
import org.fovea.render.vtk.VrImage;

import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The VR view of the 3D page (R6–R9): volume rendering through VTK ({@link VrView}) with presets,
 * an opacity curve editor, a clip box, one-click bone and table removal ({@link VrRemovals}, each
 * undone by clicking again), and the 3D cursor: a click on the rendering puts the cursor on the
 * surface under it, and the cursor set in the MPR views is marked on the rendering. This class is
 * the controls above the rendering and what they send to it.
 */
final class VrPanel {

    /** The HU the CT curves span in the editor: air to dense bone. */
    private static final double[] CT_RANGE = {-1000, 3000};

    private final I18n i18n;
    private final Executor fx;
    private final ExecutorService segmenter = Threads.pool("fovea-segment", 1);
    private final VrView picture;
    private final VrRemovals removals;
    private final BorderPane root = new BorderPane();
    private final ComboBox<VrPreset> presets = new ComboBox<>();
    private final ToggleButton bone = new ToggleButton();
    private final ToggleButton table = new ToggleButton();
    private final ToggleButton clip = new ToggleButton();
    private final ToggleButton curve = new ToggleButton();
    private final Slider[] clipSliders = new Slider[6];
    private final GridPane clipPanel = new GridPane();
    private final TransferFunctionEditor curveEditor;

    private Volume original;
    private TransferFunction function;
    /** The values the curves span: HU for CT, the MR volume's 0.5–99.5 percentile; null while loading. */
    private double[] valueRange;
    private long generation;

    VrPanel(I18n i18n, Executor fx, Consumer<Vec3> cursorPicked, Supplier<Vec3> cursor) {
        this.i18n = i18n;
        this.fx = fx;
        picture = new VrView(i18n, fx, cursorPicked, cursor);
        curveEditor = new TransferFunctionEditor((f, dragging) -> {
            function = f;
            picture.apply(v -> v.setTransferFunction(f), dragging ? Quality.INTERACTIVE : Quality.FULL);
        });
        removals = new VrRemovals(segmenter, fx);
        bone.disableProperty().bind(removals.offeredProperty().not());
        table.disableProperty().bind(removals.offeredProperty().not());
        root.setTop(controls());
        root.setCenter(picture.node());
        root.setMinSize(0, 0);
        root.setStyle("-fx-border-color: #c8a040; -fx-border-width: 1;");
        i18n.bundleBinding().addListener((o, a, b) -> relabel());
        relabel();
    }

    Node node() { return root; }

    /** The image and its overlay text, as a screenshot shows it. */
    Node screenshotNode() { return picture.node(); }

    /** The last finished image, or null. */
    VrImage shownImage() { return picture.shownImage(); }

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
        boolean ct = "CT".equals(seriesHeader.modality());
        removals.setVolume(volume, ct);
        bone.setSelected(false);
        table.setSelected(false);
        clip.setSelected(false);
        presets.getItems().setAll(ct ? new VrPreset[] {VrPreset.CT_BONE, VrPreset.CT_ANGIO, VrPreset.CT_LUNG,
                VrPreset.CT_SOFT_TISSUE, VrPreset.CT_MIP} : new VrPreset[] {VrPreset.MR_DEFAULT});
        VrPreset preset = ct ? VrPreset.CT_BONE : VrPreset.MR_DEFAULT;
        presets.setValue(preset);
        relabel();
        picture.setPatient(PersonNameFormat.display(seriesHeader.patientName()) + "\n" + seriesHeader.patientId());
        picture.showMessage(i18n.get("vr.preparing"));
        CompletableFuture<VolumeRenderView> view = picture.newVolume();
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
                        picture.failed(error);
                        return;
                    }
                    valueRange = range;
                    function = preset.transferFunction(valueRange[0], valueRange[1]);
                    curveEditor.show(function, valueRange[0], valueRange[1]);
                    picture.render(Quality.FULL);
                }));
    }

    /** Marks the 3D cursor on the rendering, where the last frame's projection puts it. */
    void drawCursor() {
        picture.drawCursor();
    }

    /** Bone removal on or off (R7). The mask is computed once per volume, in the background. */
    void toggleBone() {
        toggle(Part.BONE, bone);
    }

    /** Table removal on or off (R8). */
    void toggleTable() {
        toggle(Part.TABLE, table);
    }

    private void toggle(Part part, ToggleButton button) {
        if (original == null) {
            return;
        }
        if (button.isSelected() && !removals.computed(part)) {
            computeMask(part, button);
        } else {
            showRemovals();
        }
    }

    private void computeMask(Part part, ToggleButton button) {
        long g = generation;
        picture.showMessage(i18n.get(part == Part.BONE ? "vr.removingBone" : "vr.removingTable"));
        removals.compute(part).whenComplete((kept, error) -> {
            if (g != generation) {
                return;
            }
            if (error != null) {
                picture.failed(error);
                button.setSelected(false);
                return;
            }
            if (kept) {
                showRemovals();
            }
        });
    }

    /** Sends VTK the original with what is currently removed hidden; undo is sending less. */
    private void showRemovals() {
        long g = generation;
        EnumSet<Part> hidden = EnumSet.noneOf(Part.class);
        if (bone.isSelected()) {
            hidden.add(Part.BONE);
        }
        if (table.isSelected()) {
            hidden.add(Part.TABLE);
        }
        picture.showMessage(i18n.get("vr.preparing"));
        removals.without(hidden).thenCompose(shown -> picture.view().thenCompose(r -> r.setVolume(shown)))
                .whenComplete((x, e) -> fx.execute(() -> {
                    if (g != generation) {
                        return;
                    }
                    if (e != null) {
                        picture.failed(e);
                        return;
                    }
                    relabel();
                    picture.render(Quality.FULL);
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
        picture.apply(v -> v.setTransferFunction(f), Quality.FULL);
    }

    /** Back to the preset's default view: camera, clip box. Removals stay as chosen. */
    void resetView() {
        clip.setSelected(false);
        for (int i = 0; i < 6; i++) {
            clipSliders[i].setValue(i % 2 == 0 ? 0 : 100);
        }
        picture.apply(v -> v.clearClipBox().thenCompose(x -> v.resetCamera()), Quality.FULL);
    }

    private void clipChanged(boolean dragging) {
        if (!clip.isSelected()) {
            picture.apply(VolumeRenderView::clearClipBox, Quality.FULL);
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
        picture.apply(v -> v.setClipBox(box), dragging ? Quality.INTERACTIVE : Quality.FULL);
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
                + (bone.isSelected() && removals.computed(Part.BONE) ? "\n" + i18n.get("vr.boneRemoved") : "")
                + (table.isSelected() && removals.computed(Part.TABLE) ? "\n" + i18n.get("vr.tableRemoved") : "");
        picture.setState(i18n.get("vr.title") + (state.isEmpty() ? "" : "\n" + state));
    }

    /** The centred message (preparing, removing, or why VR is unavailable), or empty. */
    String message() { return picture.message(); }

    void dispose() {
        ++generation;
        segmenter.shutdownNow();
        picture.dispose();
    }
}
