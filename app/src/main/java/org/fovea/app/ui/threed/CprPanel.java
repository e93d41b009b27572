package org.fovea.app.ui.threed;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.paint.Color;
import org.fovea.app.ui.common.I18n;
import org.fovea.render.Frame;
import org.fovea.render.Voi;
import org.fovea.render.geom.Vec3;
import org.fovea.render.geom.ViewTransform;
import org.fovea.render.volume.Centreline;
import org.fovea.render.volume.CurvedReformat;
import org.fovea.render.volume.Planes;
import org.fovea.render.volume.Reslicer;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.SlicePlane;
import org.fovea.render.volume.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * CPR (R3): the curve is placed point by point in any MPR view (scroll between points to follow
 * a vessel out of the plane); this panel shows the straightened CPR (the vessel as a straight band,
 * lengths true), the stretched CPR (the vessel's course kept along the vector of interest) and the
 * cross-section perpendicular to the curve at a chosen place, which the wheel moves along the
 * curve. The rotation slider turns both CPRs about the curve; the 3D page's slab applies to them
 * too. A click in the straightened CPR moves the cross-section there and the 3D cursor with it.
 */
final class CprPanel {

    /** How far across the curve the CPRs reach, mm: a vessel and its surroundings. */
    static final double WIDTH_MM = 80;
    /** The cross-section's side, mm. */
    static final double SECTION_MM = 60;
    private static final Color CURVE = Color.web("#f0c040");

    private final I18n i18n;
    private final Consumer<Vec3> cursorMoved;
    private final MprRenderer renderer;
    private final ReformatViewport straightened = new ReformatViewport();
    private final ReformatViewport stretched = new ReformatViewport();
    private final ReformatViewport section = new ReformatViewport();
    private final Slider rotation = new Slider(0, 360, 0);
    private final Label hint = new Label();
    private final BorderPane root = new BorderPane();
    private final List<Vec3> points = new ArrayList<>();

    private Volume volume;
    private CurvedReformat reformat;
    private Reslicer reslicer;
    private Centreline line;
    private double arcMm;
    private Slab slab = Slab.NONE;
    private Voi voi;
    private final Frame[] frames = new Frame[3];
    private SlicePlane sectionPlane;
    private ReformatViewport active = straightened;
    private long generation;

    /** @param cursorMoved told the patient point a click in a CPR chose, for the 3D cursor */
    CprPanel(I18n i18n, Executor fx, Consumer<Vec3> cursorMoved) {
        this.i18n = i18n;
        this.cursorMoved = cursorMoved;
        this.renderer = new MprRenderer("fovea-cpr", fx);
        GridPane views = new GridPane();
        views.getColumnConstraints().setAll(third(), third(), third());
        RowConstraints row = new RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        views.getRowConstraints().setAll(row);
        views.add(straightened.root(), 0, 0);
        views.add(stretched.root(), 1, 0);
        views.add(section.root(), 2, 0);
        views.setHgap(2);
        for (ReformatViewport v : List.of(straightened, stretched, section)) {
            v.root().setStyle("-fx-border-color: #f0c040; -fx-border-width: 1;");
            v.root().addEventHandler(MouseEvent.MOUSE_PRESSED, e -> active = v);
            v.pane().widthProperty().addListener((o, a, b) -> paint());
            v.pane().heightProperty().addListener((o, a, b) -> paint());
        }
        straightened.root().addEventHandler(MouseEvent.MOUSE_PRESSED, this::pickInStraightened);
        section.root().addEventHandler(ScrollEvent.SCROLL, e -> {
            if (line != null && e.getDeltaY() != 0) {
                e.consume();
                moveAlong(e.getDeltaY() < 0 ? Planes.finestSpacing(volume) : -Planes.finestSpacing(volume));
            }
        });
        rotation.setFocusTraversable(false);
        rotation.setPrefWidth(220);
        rotation.valueProperty().addListener((o, a, b) -> update());
        Label rotationLabel = new Label();
        rotationLabel.textProperty().bind(i18n.text("cpr.rotation"));
        Button undo = new Button();
        undo.textProperty().bind(i18n.text("cpr.undoPoint"));
        undo.setOnAction(e -> undoPoint());
        Button clear = new Button();
        clear.textProperty().bind(i18n.text("cpr.clear"));
        clear.setOnAction(e -> clear());
        for (Button b : List.of(undo, clear)) {
            b.setFocusTraversable(false);
        }
        HBox controls = new HBox(6, rotationLabel, rotation, undo, clear, hint);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(3));
        root.setTop(controls);
        root.setCenter(views);
        root.setMinSize(0, 0);
        i18n.bundleBinding().addListener((o, a, b) -> {
            showHint();
            paint();
        });
        showHint();
    }

    private static ColumnConstraints third() {
        ColumnConstraints c = new ColumnConstraints();
        c.setPercentWidth(100 / 3.0);
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    Node node() { return root; }

    /** A new volume: the curve starts empty. */
    void setVolume(Volume v) {
        volume = v;
        reformat = new CurvedReformat(v);
        reslicer = new Reslicer(v);
        clear();
    }

    /** The 3D page's window and slab, applied to the CPRs too. */
    void setDisplay(Voi window, Slab slabNow) {
        boolean slabChanged = !slabNow.equals(slab);
        voi = window;
        slab = slabNow;
        if (slabChanged) {
            update();
        } else {
            paint();
        }
    }

    /** The curve's control points, in the order placed. */
    List<Vec3> points() { return List.copyOf(points); }

    /** The centreline through the points, or null with fewer than two. */
    Centreline centreline() { return line; }

    /** Adds a point at the end of the curve (a click in an MPR view). */
    void addPoint(Vec3 p) {
        if (!points.isEmpty() && points.get(points.size() - 1).minus(p).length() < 1) {
            return;
        }
        points.add(p);
        rebuild();
    }

    void undoPoint() {
        if (!points.isEmpty()) {
            points.remove(points.size() - 1);
            rebuild();
        }
    }

    void clear() {
        points.clear();
        rebuild();
    }

    private void rebuild() {
        line = points.size() >= 2 && volume != null ? Centreline.through(points, Planes.finestSpacing(volume)) : null;
        arcMm = line == null ? 0 : line.length() / 2;
        showHint();
        update();
    }

    private void moveAlong(double mm) {
        arcMm = Math.max(0, Math.min(line.length(), arcMm + mm));
        update();
        cursorMoved.accept(line.point(arcMm));
    }

    private void pickInStraightened(MouseEvent e) {
        ViewTransform t = straightened.currentView();
        if (line == null || t == null || frames[0] == null) {
            return;
        }
        javafx.geometry.Point2D local = straightened.pane().sceneToLocal(e.getSceneX(), e.getSceneY());
        ViewTransform.Point p = t.toImage(local.getX(), local.getY());
        double pixel = Planes.finestSpacing(volume);
        double y = Math.max(0, Math.min(frames[0].rows() - 1, p.y()));
        arcMm = Math.min(line.length(), CurvedReformat.straightenedArc(pixel, y));
        update();
        cursorMoved.accept(reformat.straightenedToPatient(line, WIDTH_MM, pixel, rotation.getValue(), p.x(), y));
    }

    /** Recomputes the two CPRs and the cross-section in the background; the newest request wins. */
    void update() {
        long g = ++generation;
        if (line == null) {
            java.util.Arrays.fill(frames, null);
            for (ReformatViewport v : List.of(straightened, stretched, section)) {
                v.pane().clearImage();
                v.pane().setOverlay(new org.fovea.app.view.OverlayCorners(List.of(), List.of(), List.of(), List.of()));
                v.clearMarks();
            }
            return;
        }
        Centreline l = line;
        double deg = rotation.getValue();
        double pixel = Planes.finestSpacing(volume);
        Slab s = slab;
        SlicePlane plane = CurvedReformat.crossSection(l, arcMm, SECTION_MM, pixel, deg);
        CurvedReformat r = reformat;
        Reslicer rs = reslicer;
        renderer.submit(new MprRenderer.Job(() -> List.of(r.straightened(l, WIDTH_MM, pixel, deg, s),
                r.stretched(l, WIDTH_MM, pixel, deg, s), rs.reslice(plane, Slab.NONE)), result -> {
                    if (g != generation) {
                        return;
                    }
                    for (int i = 0; i < 3; i++) {
                        frames[i] = result.get(i);
                    }
                    sectionPlane = plane;
                    paint();
                }));
    }

    private void paint() {
        if (frames[0] == null || volume == null) {
            return;
        }
        double pixel = Planes.finestSpacing(volume);
        String deg = String.valueOf(Math.round(rotation.getValue()));
        paint(straightened, frames[0], null, i18n.format("cpr.straightened", deg), pixel);
        paint(stretched, frames[1], null, i18n.format("cpr.stretched", deg), pixel);
        paint(section, frames[2], sectionPlane, i18n.format("cpr.section",
                String.format(Locale.ROOT, "%.1f", arcMm), String.format(Locale.ROOT, "%.1f", line.length())), pixel);
        // where the cross-section is, on the straightened CPR
        ViewTransform t = straightened.currentView();
        straightened.clearMarks();
        if (t != null) {
            double y = arcMm / pixel;
            ViewTransform.Point a = t.toViewport(-0.5, y);
            ViewTransform.Point b = t.toViewport(frames[0].columns() - 0.5, y);
            straightened.line(a.x(), a.y(), b.x(), b.y(), CURVE, 1.2);
        }
    }

    /**
     * The CPR views are narrow: they name what they show and the window, and leave who and which
     * study to the MPR views and the page's patient banner beside them.
     */
    private void paint(ReformatViewport v, Frame f, SlicePlane plane, String name, double pixel) {
        ViewTransform t = v.view(f.columns(), f.rows(), pixel);
        MprPainter.paint(v.pane(), t, f, volume.pixelInfo(), plane, null, name, slab, null, voi, false,
                i18n.bundle());
    }

    private void showHint() {
        hint.setText(points.size() < 2 ? i18n.format("cpr.hint", String.valueOf(points.size()))
                : i18n.format("cpr.length", String.valueOf(points.size()),
                        String.format(Locale.ROOT, "%.1f", line == null ? 0 : line.length())));
    }

    /** The CPR view last clicked, its image and overlays, for the screenshot button. */
    Node screenshotNode() { return active.pane(); }

    /** What the last clicked CPR view shows, for the screenshot's comment. */
    String screenshotComment() {
        String deg = String.valueOf(Math.round(rotation.getValue()));
        return active == straightened ? i18n.format("cpr.straightened", deg)
                : active == stretched ? i18n.format("cpr.stretched", deg)
                : i18n.format("cpr.section", String.format(Locale.ROOT, "%.1f", arcMm),
                        String.format(Locale.ROOT, "%.1f", line == null ? 0 : line.length()));
    }

    boolean hasImages() { return frames[0] != null; }

    ReformatViewport straightenedView() { return straightened; }

    ReformatViewport sectionView() { return section; }

    Frame straightenedFrame() { return frames[0]; }

    Frame stretchedFrame() { return frames[1]; }

    void dispose() {
        ++generation;
        renderer.close();
    }

    /** The curve's points drawn on an MPR view: those near its plane as rings, the curve as a polyline. */
    void drawOn(ReformatViewport v, SlicePlane plane) {
        ViewTransform t = v.currentView();
        if (t == null || points.isEmpty()) {
            return;
        }
        double near = 1.5 * Planes.finestSpacing(volume);
        ViewTransform.Point previous = null;
        for (Vec3 p : points) {
            double[] px = plane.toPixel(p);
            ViewTransform.Point vp = t.toViewport(px[0], px[1]);
            if (Math.abs(px[2]) <= near) {
                v.dot(vp.x(), vp.y(), CURVE);
            }
            if (previous != null) {
                v.line(previous.x(), previous.y(), vp.x(), vp.y(), CURVE.deriveColor(0, 1, 1, 0.6), 1);
            }
            previous = vp;
        }
    }
}
