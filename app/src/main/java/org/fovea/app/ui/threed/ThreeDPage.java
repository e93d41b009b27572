package org.fovea.app.ui.threed;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.ArchiveService.LoadedSeries;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.viewer.ViewportPane;
import org.fovea.app.view.MprOverlay;
import org.fovea.app.view.OverlayText;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.series.SeriesStack;
import org.fovea.render.Voi;
import org.fovea.render.WindowPresets;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.MprModel;
import org.fovea.render.volume.MprView;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.SlabMode;
import org.fovea.render.volume.SlicePlane;
import org.fovea.render.volume.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The 3D page (三维): axial, coronal and sagittal MPR linked by a 3D cursor ({@link MprViews},
 * driven by {@link MprInput}), oblique planes by rotating the crosshair, thick slabs (MIP, MinIP,
 * average), window presets, VR or CPR in the fourth quarter, and screenshots into the study's
 * image library. The volume is the series the 2D viewer already decodes, shared, not copied
 * ({@link VolumeLoader}); reslicing runs off the UI thread and only the newest request is drawn.
 * This class is the page around them: the layout, the toolbar, the messages and the screenshot.
 */
public final class ThreeDPage {

    private static final Logger LOG = LoggerFactory.getLogger(ThreeDPage.class);

    private final I18n i18n;
    private final ArchiveService archive;
    private final VolumeLoader loader;
    private final MprViews mpr;
    private final MprInput input;
    private final BorderPane root = new BorderPane();
    private final GridPane grid = new GridPane();
    private final Label message = new Label();
    private final StackPane centre = new StackPane();
    private final Label patientBanner = new Label();
    private final Label status = new Label();
    private final ComboBox<SlabMode> slabMode = new ComboBox<>();
    private final Spinner<Double> slabThickness = new Spinner<>(1.0, 100.0, 10.0, 1.0);
    private final List<Runnable> onLibraryChanged = new ArrayList<>();
    private final VrPanel vr;
    private final CprPanel cpr;
    private final ToggleButton cprMode = new ToggleButton();
    private final ToggleButton measureMode = new ToggleButton();
    /** Which part of the page was clicked last: the screenshot button's target. */
    private enum Target { MPR, VR, CPR }
    private Target target = Target.MPR;

    public ThreeDPage(I18n i18n, ArchiveService archive, Executor fx) {
        this.i18n = i18n;
        this.archive = archive;
        this.loader = new VolumeLoader(i18n, fx);
        cpr = new CprPanel(i18n, fx, this::moveCursorTo);
        mpr = new MprViews(i18n, fx, cpr, this::slab, cprMode::isSelected, this::cursorMoved);
        input = new MprInput(mpr, cpr, cprMode::isSelected, () -> target = Target.MPR);
        vr = new VrPanel(i18n, fx, this::moveCursorTo, mpr::cursor);
        vr.node().addEventFilter(MouseEvent.MOUSE_PRESSED, e -> target = Target.VR);
        cpr.node().addEventFilter(MouseEvent.MOUSE_PRESSED, e -> target = Target.CPR);
        layoutGrid();
        message.getStyleClass().add("viewport-message");
        message.setWrapText(true);
        centre.getChildren().addAll(grid, message);
        centre.getStyleClass().add("three-d");
        root.setTop(toolbar());
        root.setCenter(centre);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::measureKey);
        root.addEventFilter(KeyEvent.KEY_PRESSED, input::onKey);
        showMessage(i18n.get("threeD.hint"));
    }

    public Node node() { return root; }

    /** Called on the FX thread after a screenshot was stored (the study's series changed). */
    public void addLibraryListener(Runnable r) { onLibraryChanged.add(r); }

    /** The loaded volume, or null. */
    Volume volume() { return mpr.volume(); }

    MprModel model() { return mpr.model(); }

    ReformatViewport view(MprView v) { return mpr.view(v); }

    /** Measuring on the planes. */
    MprMeasure measure() { return mpr.measure(); }

    VrPanel vr() { return vr; }

    CprPanel cpr() { return cpr; }

    /** CPR mode on or off: clicks in MPR views place the curve, the CPR views replace VR. */
    void setCprMode(boolean on) {
        cprMode.setSelected(on);
        grid.getChildren().removeAll(vr.node(), cpr.node());
        grid.add(on ? cpr.node() : vr.node(), 1, 1);
        mpr.drawCrosshairs();
    }

    SlicePlane shownPlane(MprView v) { return mpr.shownPlane(v); }

    /** The window the MPR views use (the series' default until the user changes it). */
    Voi effectiveVoi() { return mpr.effectiveVoi(); }

    /**
     * Opens a series in 3D: waits for the 2D viewer's decoding of it to finish (progress shown),
     * checks it is a volume (or says why not) and shows the three planes through its centre.
     */
    public void open(StudySummary s, LoadedSeries series, SeriesStack stack) {
        mpr.clear();
        patientBanner.setText(PersonNameFormat.display(s.patientName()) + "  " + s.patientId());
        loader.load(stack, new VolumeLoader.Listener() {
            @Override
            public void progress(String sentence) { showMessage(sentence); }

            @Override
            public void loaded(VolumeLoader.Loaded loaded) { show(loaded); }

            @Override
            public void failed(String reason) { showMessage(reason); }
        });
    }

    private void show(VolumeLoader.Loaded loaded) {
        mpr.setVolume(loaded.volume(), loaded.header());
        showMessage(null);
        mpr.update();
        vr.setVolume(loaded.volume(), loaded.header());
        cpr.setVolume(loaded.volume());
        mpr.focusActive();
    }

    /** A point picked in the VR or CPR views becomes the 3D cursor. */
    private void moveCursorTo(Vec3 p) {
        mpr.setCursor(p);
    }

    /** The MPR cursor moved: VR marks it where it now is. */
    private void cursorMoved() {
        vr.drawCursor();
    }

    Slab slab() {
        SlabMode mode = slabMode.getValue();
        return mode == null ? Slab.NONE : new Slab(slabThickness.getValue(), mode);
    }

    /**
     * L turns measuring on (or chooses the length); with measuring on, the 2D tools' hotkeys choose
     * the tool (A angle, E ellipse, ...).
     */
    private void measureKey(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown() || e.isShiftDown() || !e.getCode().isLetterKey()) {
            return;
        }
        java.util.Optional<org.fovea.app.view.Tool> t = org.fovea.app.view.Tool.byHotkey(e.getCode().getChar().charAt(0))
                .filter(x -> x.draws().isPresent());
        if (t.isEmpty() || (!mpr.measure().on() && t.get() != org.fovea.app.view.Tool.LENGTH)) {
            return;
        }
        mpr.measure().setTool(t.get());
        mpr.measure().setOn(true);
        measureMode.setSelected(true);
        e.consume();
    }

    private Node toolbar() {
        ToolBar bar = new ToolBar();
        slabMode.getItems().addAll(null, SlabMode.MIP, SlabMode.MINIP, SlabMode.AVERAGE);
        slabMode.setCellFactory(l -> slabCell());
        slabMode.setButtonCell(slabCell());
        slabMode.setValue(null);
        slabMode.setFocusTraversable(false);
        slabMode.valueProperty().addListener((o, a, b) -> mpr.update());
        slabThickness.setEditable(true);
        slabThickness.setPrefWidth(80);
        slabThickness.setFocusTraversable(false);
        slabThickness.valueProperty().addListener((o, a, b) -> {
            if (slabMode.getValue() != null) {
                mpr.update();
            }
        });
        Label slabLabel = new Label();
        slabLabel.textProperty().bind(i18n.text("threeD.slab"));
        Label mm = new Label("mm");
        bar.getItems().addAll(slabLabel, slabMode, slabThickness, mm, new Separator());
        for (WindowPresets.Preset p : WindowPresets.ct()) {
            Button b = button("preset." + p.key(), () -> mpr.preset(p.hotkey()));
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(i18n.text("preset.tip." + p.hotkey()));
            b.setTooltip(tip);
            bar.getItems().add(b);
        }
        bar.getItems().add(new Separator());
        cprMode.textProperty().bind(i18n.text("threeD.cpr"));
        Tooltip cprTip = new Tooltip();
        cprTip.textProperty().bind(i18n.text("threeD.cpr.tip"));
        cprMode.setTooltip(cprTip);
        cprMode.setFocusTraversable(false);
        cprMode.setOnAction(e -> setCprMode(cprMode.isSelected()));
        measureMode.textProperty().bind(i18n.text("threeD.measure"));
        Tooltip measureTip = new Tooltip();
        measureTip.textProperty().bind(i18n.text("threeD.measure.tip"));
        measureMode.setTooltip(measureTip);
        measureMode.setFocusTraversable(false);
        measureMode.setOnAction(e -> mpr.measure().setOn(measureMode.isSelected()));
        bar.getItems().addAll(cprMode, measureMode, new Separator());
        bar.getItems().addAll(button("threeD.reset", mpr::reset), button("threeD.screenshot", this::screenshot));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        patientBanner.getStyleClass().add("patient-banner");
        bar.getItems().addAll(status, spring, patientBanner);
        return bar;
    }

    private ListCell<SlabMode> slabCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(SlabMode item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : i18n.get(item == null ? "threeD.slab.off"
                        : "threeD.slab." + item.name().toLowerCase(java.util.Locale.ROOT)));
            }
        };
    }

    private Button button(String key, Runnable action) {
        Button b = new Button();
        b.textProperty().bind(i18n.text(key));
        b.setFocusTraversable(false);
        b.setOnAction(e -> {
            action.run();
            mpr.focusActive();
        });
        return b;
    }

    private void layoutGrid() {
        grid.getChildren().clear();
        grid.getColumnConstraints().setAll(half(), half());
        grid.getRowConstraints().setAll(halfRow(), halfRow());
        grid.add(mpr.view(MprView.AXIAL).root(), 0, 0);
        grid.add(mpr.view(MprView.CORONAL).root(), 1, 0);
        grid.add(mpr.view(MprView.SAGITTAL).root(), 0, 1);
        grid.add(vr.node(), 1, 1);
        grid.setHgap(2);
        grid.setVgap(2);
    }

    private static ColumnConstraints half() {
        ColumnConstraints c = new ColumnConstraints();
        c.setPercentWidth(50);
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    private static RowConstraints halfRow() {
        RowConstraints r = new RowConstraints();
        r.setPercentHeight(50);
        r.setVgrow(Priority.ALWAYS);
        return r;
    }

    private void showMessage(String text) {
        message.setText(text == null ? "" : text);
        message.setVisible(text != null);
        StackPane.setAlignment(message, Pos.CENTER);
    }

    /** Shows a line in the toolbar's status (saved screenshots, errors of the last action). */
    void setStatus(String text) {
        status.setText(text);
    }

    String status() { return status.getText(); }

    /** The centred message (loading, or why the series is not shown), or empty. */
    String message() { return message.isVisible() ? message.getText() : ""; }

    /** Chooses a slab, as the toolbar does; null mode for thin slices. */
    void setSlab(SlabMode mode, double mm) {
        slabThickness.getValueFactory().setValue(mm);
        slabMode.setValue(mode);
    }

    /**
     * Saves the active view as the user sees it (image and overlays, without the crosshair) into
     * the study's image library, as DICOM secondary capture in the local archive.
     */
    void screenshot() {
        if (target == Target.VR && vr.shownImage() != null) {
            saveScreenshot(vr.screenshotNode(), "VR " + vr.presetName());
            return;
        }
        if (target == Target.CPR && cprMode.isSelected() && cpr.hasImages()) {
            saveScreenshot(cpr.screenshotNode(), cpr.screenshotComment());
            return;
        }
        if (!mpr.activeShown()) {
            return;
        }
        ViewportPane pane = mpr.view(mpr.active()).pane();
        String comment = mpr.viewName(mpr.active()) + " " + MprOverlay.slabText(slab()) + " "
                + OverlayText.window(effectiveVoi(), i18n.bundle());
        saveScreenshot(pane, comment.replaceAll("\\s+", " ").trim());
    }

    /** Snapshots a node and stores it in the image library; the status line says how it went. */
    void saveScreenshot(Node node, String comment) {
        WritableImage shot = node.snapshot(new SnapshotParameters(), null);
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        int[] argb = new int[w * h];
        shot.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        ImageHeader source = mpr.header();
        archive.storeScreenshot(source, argb, w, h, i18n.get("library.series"), comment)
                .whenComplete((count, error) -> {
                    if (error != null) {
                        LOG.error("screenshot not stored", error);
                        setStatus(i18n.format("library.failed", String.valueOf(error.getMessage())));
                        return;
                    }
                    setStatus(i18n.format("library.saved", String.valueOf(count)));
                    onLibraryChanged.forEach(Runnable::run);
                });
    }

    /** Stops background work; the page can be opened again. */
    public void close() {
        loader.cancel();
        mpr.close();
    }

    /** Ends the page's threads at application exit. */
    public void dispose() {
        close();
        vr.dispose();
        cpr.dispose();
        mpr.dispose();
        loader.dispose();
    }
}
