package org.fovea.app.ui.threed;

import javafx.scene.paint.Color;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.tools.MarkController;
import org.fovea.dicom.ImageHeader;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.Voi;
import org.fovea.render.WindowPresets;
import org.fovea.render.geom.Vec3;
import org.fovea.render.geom.ViewTransform;
import org.fovea.render.volume.MprModel;
import org.fovea.render.volume.MprView;
import org.fovea.render.volume.Reslicer;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.SlicePlane;
import org.fovea.render.volume.Volume;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The 3D page's axial, coronal and sagittal views of one volume, linked by a 3D cursor: the
 * planes through it, resliced off the FX thread (only the newest request is drawn), each painted
 * with its overlays and the traces of the other two planes as a crosshair in their colours. The
 * window, invert and the planes' orientation are shared by the three views. What the mouse and
 * keys do to them is {@link MprInput}'s.
 */
final class MprViews {

    /** Colour of each plane: a view's border, and its trace as a crosshair line in the others. */
    static final Map<MprView, Color> COLOURS = new EnumMap<>(Map.of(
            MprView.AXIAL, Color.web("#e8574a"),
            MprView.CORONAL, Color.web("#4cc35a"),
            MprView.SAGITTAL, Color.web("#4a90e8")));
    /** Viewport pixels around the crosshair centre left free so the point under it stays visible. */
    private static final double CROSSHAIR_GAP = 14;

    private final I18n i18n;
    private final CprPanel cpr;
    private final Supplier<Slab> slab;
    private final BooleanSupplier placingCurve;
    private final Runnable cursorMoved;
    private final MprRenderer renderer;
    private final Map<MprView, ReformatViewport> views = new EnumMap<>(MprView.class);
    private final Map<MprView, SlicePlane> shown = new EnumMap<>(MprView.class);
    private final Map<MprView, Frame> frames = new EnumMap<>(MprView.class);

    private ImageHeader header;
    private Volume volume;
    private MprModel model;
    private Reslicer reslicer;
    private Vec3 volumeCentre;
    private Voi voi;
    private boolean invert;
    private MprView active = MprView.AXIAL;
    private long generation;
    private final MprMeasure measure;

    /**
     * @param slab         the slab the page's toolbar asks for
     * @param placingCurve whether clicks place a CPR curve, which the views then show
     * @param cursorMoved  runs when the cursor or the planes changed (the VR view marks the cursor)
     */
    MprViews(I18n i18n, Executor fx, CprPanel cpr, Supplier<Slab> slab, BooleanSupplier placingCurve,
             Runnable cursorMoved) {
        this.i18n = i18n;
        this.cpr = cpr;
        this.slab = slab;
        this.placingCurve = placingCurve;
        this.cursorMoved = cursorMoved;
        this.renderer = new MprRenderer("fovea-mpr", fx);
        for (MprView v : MprView.values()) {
            ReformatViewport rv = new ReformatViewport();
            rv.root().setStyle("-fx-border-color: " + web(COLOURS.get(v)) + "; -fx-border-width: 1;");
            rv.pane().widthProperty().addListener((o, a, b) -> place(v));
            rv.pane().heightProperty().addListener((o, a, b) -> place(v));
            views.put(v, rv);
        }
        i18n.bundleBinding().addListener((o, a, b) -> paintAll());
        measure = new MprMeasure(views, i18n::bundle, new MarkController.Prompts() {
            @Override
            public java.util.Optional<String> text() {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<Double> knownLengthMm(double measured, String unit) {
                return java.util.Optional.empty();   // a reformatted plane is in patient mm already
            }
        });
    }

    /** Measuring on the planes. */
    MprMeasure measure() { return measure; }

    ReformatViewport view(MprView v) { return views.get(v); }

    /** The loaded volume, or null. */
    Volume volume() { return volume; }

    /** The header of one of the volume's slices (modality, patient), or null. */
    ImageHeader header() { return header; }

    MprModel model() { return model; }

    /** The 3D cursor, or null without a volume. */
    Vec3 cursor() { return model == null ? null : model.cursor(); }

    SlicePlane shownPlane(MprView v) { return shown.get(v); }

    /** The view the keys and the screenshot act on: the last one pressed or scrolled. */
    MprView active() { return active; }

    void setActive(MprView v) { active = v; }

    void focusActive() { views.get(active).pane().requestFocus(); }

    /** Whether the active view shows an image. */
    boolean activeShown() { return model != null && frames.get(active) != null; }

    /** Shows a new volume: the three planes through its centre, in the CT mediastinal window for a CT. */
    void setVolume(Volume v, ImageHeader h) {
        volume = v;
        header = h;
        measure.clear();
        model = new MprModel(volume);
        reslicer = new Reslicer(volume);
        volumeCentre = volume.geometry().toPatient((volume.columns() - 1) / 2.0, (volume.rows() - 1) / 2.0,
                (volume.slices() - 1) / 2.0);
        voi = "CT".equals(header.modality()) ? WindowPresets.byHotkey(2).map(WindowPresets.Preset::window).orElse(null)
                : null;
    }

    /** Forgets the volume and blanks the views, for the next series. */
    void clear() {
        close();
        voi = null;
        invert = false;
        views.values().forEach(rv -> {
            rv.pane().clearImage();
            rv.clearMarks();
            rv.resetView();
        });
    }

    /** Forgets the volume; a reslice under way is not drawn. */
    void close() {
        ++generation;
        volume = null;
        model = null;
        reslicer = null;
        frames.clear();
        shown.clear();
    }

    /** Ends the reslicing thread at application exit. */
    void dispose() {
        renderer.close();
    }

    /** Puts the 3D cursor at a patient point; the planes follow. */
    void setCursor(Vec3 p) {
        if (model != null) {
            model.setCursor(p);
            update();
        }
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
        Slab s = slab.get();
        Reslicer r = reslicer;
        renderer.submit(new MprRenderer.Job(() -> planes.stream().map(p -> r.reslice(p, s)).toList(), resliced -> {
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
        cursorMoved.run();
    }

    /** The window the views use (the series' default until the user changes it). */
    Voi effectiveVoi() {
        Frame f = frames.get(MprView.AXIAL);
        return f == null || volume == null ? voi : FrameRenderer.effectiveVoi(f, volume.pixelInfo(), voi);
    }

    /** A window chosen by the user (a drag, a preset), for all three views. */
    void setVoi(Voi window) {
        voi = window;
        paintAll();
    }

    void toggleInvert() {
        invert = !invert;
        paintAll();
    }

    /** A CT window preset by its hotkey (1-5); other modalities have none. */
    void preset(int hotkey) {
        if (header == null || !"CT".equals(header.modality())) {
            return;
        }
        WindowPresets.byHotkey(hotkey).ifPresent(p -> setVoi(p.window()));
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

    /** Moves the cursor along a view's normal by whole voxel steps. */
    void scroll(MprView v, int steps) {
        double[] s = volume.geometry().spacing();
        model.scroll(v, steps * Math.min(s[0], Math.min(s[1], s[2])));
        update();
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
    Vec3 pointUnder(MprView v, double viewportX, double viewportY) {
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

    String viewName(MprView v) {
        return i18n.get("mpr." + v.name().toLowerCase(Locale.ROOT));
    }

    void paintAll() {
        for (MprView v : MprView.values()) {
            paint(v);
        }
        if (model != null) {
            cpr.setDisplay(effectiveVoi(), slab.get());
        }
    }

    void paint(MprView v) {
        Frame f = frames.get(v);
        SlicePlane p = shown.get(v);
        if (f == null || p == null || volume == null) {
            return;
        }
        ReformatViewport rv = views.get(v);
        ViewTransform t = rv.view(f.columns(), f.rows(), p.pixelMm());
        MprPainter.paint(rv.pane(), t, f, volume.pixelInfo(), p, header, viewName(v), slab.get(), model.cursor(), voi,
                invert, i18n.bundle());
        measure.update(v, t, f, p, volume.pixelInfo().modalityLut(), header);
        drawCrosshair(v);
    }

    private void place(MprView v) {
        if (frames.get(v) != null) {
            paint(v);
        }
    }

    /** Draws every view's crosshair again (the CPR curve came or went). */
    void drawCrosshairs() {
        if (model != null) {
            for (MprView v : MprView.values()) {
                drawCrosshair(v);
            }
        }
    }

    /** The traces of the other two planes through the cursor, in their colours. */
    void drawCrosshair(MprView v) {
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
        if (placingCurve.getAsBoolean()) {
            cpr.drawOn(rv, p);
        }
    }

    /** The on-screen unit direction of another plane's intersection with this one, or null if parallel. */
    static double[] traceDirection(SlicePlane p, SlicePlane other) {
        if (other == null) {
            return null;
        }
        Vec3 d = p.normal().cross(other.normal());
        double dx = d.dot(p.right());
        double dy = d.dot(p.down());
        double len = Math.hypot(dx, dy);
        return len < 1e-6 ? null : new double[] {dx / len, dy / len};
    }

    private static String web(Color c) {
        return String.format("#%02x%02x%02x", (int) (c.getRed() * 255), (int) (c.getGreen() * 255),
                (int) (c.getBlue() * 255));
    }
}
