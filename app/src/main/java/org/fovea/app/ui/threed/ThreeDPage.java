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
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.fovea.app.ui.common.ArchiveService.LoadedSeries;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Threads;
import org.fovea.app.ui.viewer.ViewportPane;
import org.fovea.app.view.MprOverlay;
import org.fovea.app.view.OverlayText;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.app.view.WindowLevelDrag;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.series.NotAVolumeException;
import org.fovea.dicom.series.SeriesStack;
import org.fovea.dicom.series.Slice;
import org.fovea.dicom.series.VolumeBuilder;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.Voi;
import org.fovea.render.WindowLevel;
import org.fovea.render.WindowPresets;
import org.fovea.render.geom.Vec3;
import org.fovea.render.geom.ViewTransform;
import org.fovea.render.volume.MprModel;
import org.fovea.render.volume.MprView;
import org.fovea.render.volume.Reslicer;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.SlabMode;
import org.fovea.render.volume.SlicePlane;
import org.fovea.render.volume.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;

/**
 * The 3D page (三维): axial, coronal and sagittal MPR linked by a 3D cursor, oblique planes by
 * rotating the crosshair, thick slabs (MIP, MinIP, average), window presets, and screenshots into
 * the study's image library. The volume is the series the 2D viewer already decodes, shared, not
 * copied; reslicing runs off the UI thread and only the newest request is drawn.
 *
 * <p>Mouse, as in 2D: left moves the cursor (or, starting on a crosshair line away from its
 * centre, rotates the other two planes about this view's axis), right = window/level,
 * middle = pan, wheel = move through the volume along this view's normal, ctrl+wheel = zoom.
 */
public final class ThreeDPage {

    private static final Logger LOG = LoggerFactory.getLogger(ThreeDPage.class);

    /** Colour of each plane: a view's border, and its trace as a crosshair line in the others. */
    static final Map<MprView, Color> COLOURS = new EnumMap<>(Map.of(
            MprView.AXIAL, Color.web("#e8574a"),
            MprView.CORONAL, Color.web("#4cc35a"),
            MprView.SAGITTAL, Color.web("#4a90e8")));
    /** Viewport pixels around the crosshair centre left free so the point under it stays visible. */
    private static final double CROSSHAIR_GAP = 14;
    /** A press this close to a crosshair line, and this far from its centre, starts a rotation. */
    private static final double LINE_GRAB = 6;
    private static final double ROTATE_MIN_RADIUS = 30;

    private final I18n i18n;
    private final ArchiveService archive;
    private final Executor fx;
    private final ExecutorService builder = Threads.pool("fovea-volume", 1);
    private final MprRenderer renderer;
    private final Map<MprView, ReformatViewport> views = new EnumMap<>(MprView.class);
    private final Map<MprView, SlicePlane> shown = new EnumMap<>(MprView.class);
    private final Map<MprView, Frame> frames = new EnumMap<>(MprView.class);
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
    private final javafx.scene.control.ToggleButton cprMode = new javafx.scene.control.ToggleButton();
    /** Which part of the page was clicked last: the screenshot button's target. */
    private enum Target { MPR, VR, CPR }
    private Target target = Target.MPR;

    private StudySummary study;
    private ImageHeader header;
    private Volume volume;
    private MprModel model;
    private Reslicer reslicer;
    private Vec3 volumeCentre;
    private Voi voi;
    private boolean invert;
    private MprView active = MprView.AXIAL;
    private Drag drag;
    private long generation;
    private SeriesStack loading;
    private IntConsumer loadingListener;

    /** What a mouse drag in an MPR view is doing. */
    private record Drag(MprView view, MouseButton button, Mode mode, double pressX, double pressY, double lastX,
                        double lastY, double lastAngle, WindowLevelDrag window) {
        enum Mode { CURSOR, ROTATE, WINDOW, PAN }

        Drag moved(double x, double y, double angle) {
            return new Drag(view, button, mode, pressX, pressY, x, y, angle, window);
        }
    }

    public ThreeDPage(I18n i18n, ArchiveService archive, Executor fx) {
        this.i18n = i18n;
        this.archive = archive;
        this.fx = fx;
        this.renderer = new MprRenderer("fovea-mpr", fx);
        for (MprView v : MprView.values()) {
            ReformatViewport rv = new ReformatViewport();
            rv.root().setStyle("-fx-border-color: " + web(COLOURS.get(v)) + "; -fx-border-width: 1;");
            installHandlers(v, rv);
            rv.pane().widthProperty().addListener((o, a, b) -> place(v));
            rv.pane().heightProperty().addListener((o, a, b) -> place(v));
            views.put(v, rv);
        }
        vr = new VrPanel(i18n, fx, p -> {
            if (model != null) {
                model.setCursor(p);
                update();
            }
        }, () -> model == null ? null : model.cursor());
        vr.node().addEventFilter(MouseEvent.MOUSE_PRESSED, e -> target = Target.VR);
        cpr = new CprPanel(i18n, fx, p -> {
            if (model != null) {
                model.setCursor(p);
                update();
            }
        });
        cpr.node().addEventFilter(MouseEvent.MOUSE_PRESSED, e -> target = Target.CPR);
        layoutGrid();
        message.getStyleClass().add("viewport-message");
        message.setWrapText(true);
        centre.getChildren().addAll(grid, message);
        centre.getStyleClass().add("three-d");
        root.setTop(toolbar());
        root.setCenter(centre);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        i18n.bundleBinding().addListener((o, a, b) -> paintAll());
        showMessage(i18n.get("threeD.hint"));
    }

    public Node node() { return root; }

    /** Called on the FX thread after a screenshot was stored (the study's series changed). */
    public void addLibraryListener(Runnable r) { onLibraryChanged.add(r); }

    /** The loaded volume, or null. */
    Volume volume() { return volume; }

    MprModel model() { return model; }

    ReformatViewport view(MprView v) { return views.get(v); }

    VrPanel vr() { return vr; }

    CprPanel cpr() { return cpr; }

    /** CPR mode on or off: clicks in MPR views place the curve, the CPR views replace VR. */
    void setCprMode(boolean on) {
        cprMode.setSelected(on);
        grid.getChildren().removeAll(vr.node(), cpr.node());
        grid.add(on ? cpr.node() : vr.node(), 1, 1);
        if (model != null) {
            for (MprView v : MprView.values()) {
                drawCrosshair(v);
            }
        }
    }

    SlicePlane shownPlane(MprView v) { return shown.get(v); }

    /** The window the MPR views use (the series' default until the user changes it). */
    Voi effectiveVoi() {
        Frame f = frames.get(MprView.AXIAL);
        return f == null || volume == null ? voi : FrameRenderer.effectiveVoi(f, volume.pixelInfo(), voi);
    }

    /**
     * Opens a series in 3D: waits for the 2D viewer's decoding of it to finish (progress shown),
     * checks it is a volume (or says why not) and shows the three planes through its centre.
     */
    public void open(StudySummary s, LoadedSeries series, SeriesStack stack) {
        long g = ++generation;
        stopLoadingListener();
        study = s;
        volume = null;
        model = null;
        reslicer = null;
        voi = null;
        invert = false;
        frames.clear();
        shown.clear();
        views.values().forEach(rv -> {
            rv.pane().clearImage();
            rv.clearMarks();
            rv.resetView();
        });
        patientBanner.setText(PersonNameFormat.display(s.patientName()) + "  " + s.patientId());
        loading = stack;
        loadingListener = i -> {
            if (g == generation && loading == stack) {
                showMessage(i18n.format("threeD.loading", String.valueOf(stack.finished()), String.valueOf(stack.size())));
            }
        };
        stack.addListener(loadingListener);
        showMessage(i18n.format("threeD.loading", String.valueOf(stack.finished()), String.valueOf(stack.size())));
        stack.whenDecoded()
                .thenApplyAsync(done -> build(stack), builder)
                .whenComplete((built, error) -> fx.execute(() -> {
                    if (g != generation) {
                        return;
                    }
                    stopLoadingListener();
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        showMessage(reason(cause));
                        LOG.info("not shown in 3D: {}", cause.getMessage());
                        return;
                    }
                    show(built);
                }));
    }

    private record Built(Volume volume, ImageHeader header) {
    }

    private static Built build(SeriesStack stack) {
        try {
            Volume v = VolumeBuilder.build(stack);
            // a pass over every voxel that the reslicers' constructors would otherwise make on the FX thread
            v.minStoredValue();
            Slice any = stack.anySlice();
            return new Built(v, any.header());
        } catch (NotAVolumeException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private String reason(Throwable t) {
        if (t instanceof NotAVolumeException n) {
            Object[] args = java.util.Arrays.stream(n.arguments()).map(String::valueOf).toArray();
            return i18n.format("threeD.notAVolume", i18n.format("volume.reason." + n.reason().name(), args));
        }
        if (t instanceof java.util.concurrent.CancellationException) {
            return i18n.get("threeD.closed");
        }
        if (t instanceof OutOfMemoryError) {
            return i18n.get("threeD.outOfMemory");
        }
        return i18n.format("threeD.failed", String.valueOf(t.getMessage()));
    }

    private void stopLoadingListener() {
        if (loading != null && loadingListener != null) {
            loading.removeListener(loadingListener);
        }
        loading = null;
        loadingListener = null;
    }

    private void show(Built built) {
        volume = built.volume();
        header = built.header();
        model = new MprModel(volume);
        reslicer = new Reslicer(volume);
        volumeCentre = volume.geometry().toPatient((volume.columns() - 1) / 2.0, (volume.rows() - 1) / 2.0,
                (volume.slices() - 1) / 2.0);
        voi = "CT".equals(header.modality()) ? WindowPresets.byHotkey(2).map(WindowPresets.Preset::window).orElse(null)
                : null;
        showMessage(null);
        update();
        vr.setVolume(volume, header);
        cpr.setVolume(volume);
        views.get(active).pane().requestFocus();
    }

    /** Reslices all three views for the current cursor, orientation and slab. */
    void update() {
        if (model == null) {
            return;
        }
        List<MprView> order = List.of(MprView.values());
        List<SlicePlane> planes = new ArrayList<>();
        for (MprView v : order) {
            // centred on the volume's centre seen along the normal: moving the cursor moves the crosshair, not the image
            SlicePlane p = model.plane(v);
            shown.put(v, p);
            planes.add(p);
        }
        long g = generation;
        Slab slab = slab();
        Reslicer r = reslicer;
        renderer.submit(new MprRenderer.Job(() -> planes.stream().map(p -> r.reslice(p, slab)).toList(), resliced -> {
            if (g != generation) {
                return;
            }
            for (int i = 0; i < order.size(); i++) {
                frames.put(order.get(i), resliced.get(i));
            }
            paintAll();
        }));
        // the crosshair follows the mouse at once; the pixels follow when resliced
        order.forEach(this::drawCrosshair);
        vr.drawCursor();
    }


    Slab slab() {
        SlabMode mode = slabMode.getValue();
        return mode == null ? Slab.NONE : new Slab(slabThickness.getValue(), mode);
    }

    private void paintAll() {
        for (MprView v : MprView.values()) {
            paint(v);
        }
        if (model != null) {
            cpr.setDisplay(effectiveVoi(), slab());
        }
    }

    private void paint(MprView v) {
        Frame f = frames.get(v);
        SlicePlane p = shown.get(v);
        if (f == null || p == null || volume == null) {
            return;
        }
        ReformatViewport rv = views.get(v);
        ViewTransform t = rv.view(f.columns(), f.rows(), p.pixelMm());
        MprPainter.paint(rv.pane(), t, f, volume.pixelInfo(), p, header, viewName(v), slab(), model.cursor(), voi,
                invert, i18n.bundle());
        drawCrosshair(v);
    }

    private void place(MprView v) {
        if (frames.get(v) != null) {
            paint(v);
        }
    }

    String viewName(MprView v) {
        return i18n.get("mpr." + v.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The traces of the other two planes through the cursor, in their colours. */
    private void drawCrosshair(MprView v) {
        ReformatViewport rv = views.get(v);
        rv.clearMarks();
        SlicePlane p = shown.get(v);
        ViewTransform t = rv.currentView();
        if (p == null || t == null || model == null) {
            return;
        }
        double[] c = p.toPixel(model.cursor());
        ViewTransform.Point centre = t.toViewport(c[0], c[1]);
        double reach = 2 * (rv.pane().getWidth() + rv.pane().getHeight());
        for (MprView o : MprView.values()) {
            if (o == v) {
                continue;
            }
            double[] d = traceDirection(p, shown.get(o));
            if (d == null) {
                continue;
            }
            for (int side : new int[] {-1, 1}) {
                rv.line(centre.x() + side * CROSSHAIR_GAP * d[0], centre.y() + side * CROSSHAIR_GAP * d[1],
                        centre.x() + side * reach * d[0], centre.y() + side * reach * d[1], COLOURS.get(o), 1.2);
            }
        }
        if (cprMode.isSelected()) {
            cpr.drawOn(rv, p);
        }
    }

    /** The on-screen unit direction of another plane's intersection with this one, or null if parallel. */
    private static double[] traceDirection(SlicePlane p, SlicePlane other) {
        if (other == null) {
            return null;
        }
        Vec3 d = p.normal().cross(other.normal());
        double dx = d.dot(p.right());
        double dy = d.dot(p.down());
        double len = Math.hypot(dx, dy);
        return len < 1e-6 ? null : new double[] {dx / len, dy / len};
    }

    private void installHandlers(MprView v, ReformatViewport rv) {
        // on the view's root: the press may land on the marks layer or the border around the image
        Region pane = rv.pane();
        Node area = rv.root();
        area.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            pane.requestFocus();
            e.consume();
            active = v;
            target = Target.MPR;
            if (model == null) {
                return;
            }
            drag = startDrag(v, rv, e);
            if (drag.mode() == Drag.Mode.CURSOR && cprMode.isSelected()) {
                // placing the curve: the point goes into the CPR, the cursor stays
                cpr.addPoint(pointUnder(v, x(pane, e), y(pane, e)));
                drag = null;
                drawCrosshair(v);
                return;
            }
            if (drag.mode() == Drag.Mode.CURSOR) {
                moveCursor(v, x(pane, e), y(pane, e));
            }
        });
        area.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (drag == null || drag.view() != v || model == null) {
                return;
            }
            e.consume();
            switch (drag.mode()) {
                case CURSOR -> moveCursor(v, x(pane, e), y(pane, e));
                case ROTATE -> {
                    double angle = angleAround(rv, x(pane, e), y(pane, e));
                    double delta = Math.toDegrees(angle - drag.lastAngle());
                    if (delta > 180) delta -= 360;
                    if (delta < -180) delta += 360;
                    model.rotate(v, delta);
                    update();
                    drag = drag.moved(x(pane, e), y(pane, e), angle);
                    return;
                }
                case WINDOW -> {
                    if (drag.window() != null) {
                        voi = drag.window().dragged(x(pane, e) - drag.pressX(), y(pane, e) - drag.pressY());
                        paintAll();
                    }
                }
                case PAN -> {
                    ViewTransform t = rv.currentView();
                    if (t != null) {
                        t.pan(x(pane, e) - drag.lastX(), y(pane, e) - drag.lastY());
                        paint(v);
                    }
                }
            }
            drag = drag.moved(x(pane, e), y(pane, e), drag.lastAngle());
        });
        area.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> drag = null);
        area.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (model == null || e.getDeltaY() == 0) {
                return;
            }
            e.consume();
            active = v;
            if (e.isControlDown()) {
                ViewTransform t = rv.currentView();
                if (t != null) {
                    t.zoomAbout(Math.pow(1.1, e.getDeltaY() / 40.0), x(pane, e), y(pane, e));
                    paint(v);
                }
            } else {
                scroll(v, e.getDeltaY() < 0 ? 1 : -1);
            }
        });
    }

    /** The event's position in the image pane's coordinates (the view's root has a border). */
    private static double x(Region pane, javafx.scene.input.InputEvent e) {
        return local(pane, e).getX();
    }

    private static double y(Region pane, javafx.scene.input.InputEvent e) {
        return local(pane, e).getY();
    }

    private static javafx.geometry.Point2D local(Region pane, javafx.scene.input.InputEvent e) {
        return e instanceof MouseEvent m ? pane.sceneToLocal(m.getSceneX(), m.getSceneY())
                : pane.sceneToLocal(((ScrollEvent) e).getSceneX(), ((ScrollEvent) e).getSceneY());
    }

    private Drag startDrag(MprView v, ReformatViewport rv, MouseEvent e) {
        Voi current = effectiveVoi();
        WindowLevelDrag window = current instanceof WindowLevel wl ? new WindowLevelDrag(wl) : null;
        Drag.Mode mode = switch (e.getButton()) {
            case SECONDARY -> Drag.Mode.WINDOW;
            case MIDDLE -> Drag.Mode.PAN;
            // while placing a curve every left click is a point, even on a crosshair line
            default -> !cprMode.isSelected() && onCrosshairLine(v, rv, x(rv.pane(), e), y(rv.pane(), e))
                    ? Drag.Mode.ROTATE : Drag.Mode.CURSOR;
        };
        return new Drag(v, e.getButton(), mode, x(rv.pane(), e), y(rv.pane(), e), x(rv.pane(), e), y(rv.pane(), e),
                angleAround(rv, x(rv.pane(), e), y(rv.pane(), e)), window);
    }

    /** Whether a press lies on one of the crosshair's lines, away from its centre (a rotation grip). */
    private boolean onCrosshairLine(MprView v, ReformatViewport rv, double x, double y) {
        SlicePlane p = shown.get(v);
        ViewTransform t = rv.currentView();
        if (p == null || t == null) {
            return false;
        }
        double[] c = p.toPixel(model.cursor());
        ViewTransform.Point centre = t.toViewport(c[0], c[1]);
        double rx = x - centre.x(), ry = y - centre.y();
        if (Math.hypot(rx, ry) < ROTATE_MIN_RADIUS) {
            return false;
        }
        for (MprView o : MprView.values()) {
            double[] d = o == v ? null : traceDirection(p, shown.get(o));
            if (d != null && Math.abs(rx * d[1] - ry * d[0]) <= LINE_GRAB) {
                return true;
            }
        }
        return false;
    }

    private double angleAround(ReformatViewport rv, double x, double y) {
        SlicePlane p = shown.get(active);
        ViewTransform t = rv.currentView();
        if (p == null || t == null || model == null) {
            return 0;
        }
        double[] c = p.toPixel(model.cursor());
        ViewTransform.Point centre = t.toViewport(c[0], c[1]);
        return Math.atan2(y - centre.y(), x - centre.x());
    }

    /** Puts the 3D cursor under a point of a view; the other views follow. */
    void moveCursor(MprView v, double viewportX, double viewportY) {
        Vec3 p = pointUnder(v, viewportX, viewportY);
        if (p != null) {
            model.setCursor(p);
            update();
        }
    }

    /** The patient point under a viewport position, on the view's plane (at the cursor's depth). */
    private Vec3 pointUnder(MprView v, double viewportX, double viewportY) {
        SlicePlane p = shown.get(v);
        ViewTransform t = views.get(v).currentView();
        if (p == null || t == null) {
            return null;
        }
        ViewTransform.Point image = t.toImage(viewportX, viewportY);
        Vec3 point = p.toPatient(image.x(), image.y());
        Vec3 n = p.normal();
        return point.plus(n.times(model.cursor().minus(point).dot(n)));
    }

    /** Moves the cursor along a view's normal by whole voxel steps. */
    void scroll(MprView v, int steps) {
        double[] s = volume.geometry().spacing();
        model.scroll(v, steps * Math.min(s[0], Math.min(s[1], s[2])));
        update();
    }

    private void onKey(KeyEvent e) {
        if (model == null) {
            return;
        }
        boolean handled = true;
        switch (e.getCode()) {
            case UP, PAGE_UP -> scroll(active, e.getCode() == KeyCode.PAGE_UP ? -10 : -1);
            case DOWN, PAGE_DOWN -> scroll(active, e.getCode() == KeyCode.PAGE_DOWN ? 10 : 1);
            case R, ESCAPE -> reset();
            case I -> {
                invert = !invert;
                paintAll();
            }
            case DIGIT1, NUMPAD1 -> preset(1);
            case DIGIT2, NUMPAD2 -> preset(2);
            case DIGIT3, NUMPAD3 -> preset(3);
            case DIGIT4, NUMPAD4 -> preset(4);
            case DIGIT5, NUMPAD5 -> preset(5);
            default -> handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    void preset(int hotkey) {
        if (header == null || !"CT".equals(header.modality())) {
            return;
        }
        WindowPresets.byHotkey(hotkey).ifPresent(p -> {
            voi = p.window();
            paintAll();
        });
    }

    /** Planes back to axial, coronal and sagittal through the volume's centre; views fitted. */
    void reset() {
        if (model == null) {
            return;
        }
        model.resetOrientation();
        model.setCursor(volumeCentre);
        views.values().forEach(ReformatViewport::resetView);
        invert = false;
        update();
    }

    private Node toolbar() {
        ToolBar bar = new ToolBar();
        slabMode.getItems().addAll(null, SlabMode.MIP, SlabMode.MINIP, SlabMode.AVERAGE);
        slabMode.setCellFactory(l -> slabCell());
        slabMode.setButtonCell(slabCell());
        slabMode.setValue(null);
        slabMode.setFocusTraversable(false);
        slabMode.valueProperty().addListener((o, a, b) -> update());
        slabThickness.setEditable(true);
        slabThickness.setPrefWidth(80);
        slabThickness.setFocusTraversable(false);
        slabThickness.valueProperty().addListener((o, a, b) -> {
            if (slabMode.getValue() != null) {
                update();
            }
        });
        Label slabLabel = new Label();
        slabLabel.textProperty().bind(i18n.text("threeD.slab"));
        Label mm = new Label("mm");
        bar.getItems().addAll(slabLabel, slabMode, slabThickness, mm, new Separator());
        for (WindowPresets.Preset p : WindowPresets.ct()) {
            Button b = button("preset." + p.key(), () -> preset(p.hotkey()));
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
        bar.getItems().addAll(cprMode, new Separator());
        bar.getItems().addAll(button("threeD.reset", this::reset), button("threeD.screenshot", this::screenshot));
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
            views.get(active).pane().requestFocus();
        });
        return b;
    }

    private void layoutGrid() {
        grid.getChildren().clear();
        grid.getColumnConstraints().setAll(half(), half());
        grid.getRowConstraints().setAll(halfRow(), halfRow());
        grid.add(views.get(MprView.AXIAL).root(), 0, 0);
        grid.add(views.get(MprView.CORONAL).root(), 1, 0);
        grid.add(views.get(MprView.SAGITTAL).root(), 0, 1);
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
        if (model == null || frames.get(active) == null) {
            return;
        }
        ViewportPane pane = views.get(active).pane();
        String comment = viewName(active) + " " + MprOverlay.slabText(slab()) + " "
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
        ImageHeader source = header;
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
        ++generation;
        stopLoadingListener();
        volume = null;
        model = null;
        reslicer = null;
        frames.clear();
        shown.clear();
    }

    /** Ends the page's threads at application exit. */
    public void dispose() {
        close();
        vr.dispose();
        cpr.dispose();
        renderer.close();
        builder.shutdownNow();
    }

    private static String web(Color c) {
        return String.format("#%02x%02x%02x", (int) (c.getRed() * 255), (int) (c.getGreen() * 255),
                (int) (c.getBlue() * 255));
    }
}
