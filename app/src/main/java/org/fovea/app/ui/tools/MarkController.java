package org.fovea.app.ui.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.fovea.app.view.DrawGesture;
import org.fovea.app.view.MarkHit;
import org.fovea.app.view.MarkLabels;
import org.fovea.app.view.MarkSet;
import org.fovea.app.view.Tool;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.LiveWire;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Measurer;
import org.fovea.render.measure.Scale;

/**
 * The left button's drawing and editing of marks in one viewport: a drawing tool draws a new mark
 * (see {@link DrawGesture}); with any tool, pressing on an editable mark selects it, and dragging
 * moves it or the handle under the pointer. Del deletes the selected mark, Esc drops the one
 * being drawn, Enter ends a polyline, polygon or lasso, Ctrl+Z/Ctrl+Y undo and redo, Ctrl+C then
 * Ctrl+V on another image copies a mark to the same place there. Runs on the FX thread.
 */
public final class MarkController {

    /** Asks the user for text (a text annotation) or a length (calibration); empty when cancelled. */
    public interface Prompts {
        Optional<String> text();

        Optional<Double> knownLengthMm(double measured, String unit);
    }

    private final MarkSet marks;
    private final MarkLayer layer;
    private final Supplier<Tool> tool;
    private final Supplier<ResourceBundle> bundle;
    private final Prompts prompts;
    private ImageContext context;
    private DrawGesture gesture;
    private String selected;
    private MarkHit grabbed;
    private Annotation editing;
    private ImagePoint grabbedAt;
    private LiveWire wire;
    private Object wireFrame;
    private Annotation clipboard;
    private java.util.function.Function<org.fovea.render.measure.ImageRef, String> banner = ref -> null;

    public MarkController(MarkSet marks, MarkLayer layer, Supplier<Tool> tool, Supplier<ResourceBundle> bundle,
                          Prompts prompts) {
        this.marks = marks;
        this.layer = layer;
        this.tool = tool;
        this.bundle = bundle;
        this.prompts = prompts;
    }

    /** The image now shown (null: none); a gesture on another image is dropped. */
    public void setContext(ImageContext next) {
        boolean sameImage = context != null && next != null && context.image().equals(next.image());
        if (!sameImage) {
            gesture = null;
            grabbed = null;
            editing = null;
        }
        context = next;
        redraw();
    }

    /** The line shown over an image (null for none): the key image star. */
    public void setBanner(java.util.function.Function<org.fovea.render.measure.ImageRef, String> banner) {
        this.banner = banner;
    }

    public Optional<String> selected() {
        return Optional.ofNullable(selected);
    }

    public void select(String id) {
        selected = id;
        redraw();
    }

    /** Whether a mark is being drawn or dragged (the viewport then leaves the mouse alone). */
    public boolean busy() {
        return gesture != null || grabbed != null;
    }

    /** The scale of the shown image: the header's, or the user's calibration on it (the latest). */
    public Scale scale() {
        return context == null ? Scale.none() : scaleOf(context);
    }

    private Scale scaleOf(ImageContext c) {
        return calibrated(c.headerScale(), marks.on(c.image().sopInstanceUid(), c.image().frame()));
    }

    /** The scale of an image: its header's, or the latest user calibration among its marks. */
    public static Scale calibrated(Scale header, List<Annotation> marksOnImage) {
        return Measurer.calibrated(header, marksOnImage);
    }

    public Measurer measurer() {
        return new Measurer(scale(), context == null ? null : context.frame(), context == null ? null : context.lut(),
                context == null ? null : context.valueUnit());
    }

    /** Left press: returns whether the marks took it. */
    public boolean pressed(MouseEvent e) {
        if (context == null || e.getButton() != MouseButton.PRIMARY || e.isControlDown()) {
            return false;
        }
        ImagePoint at = image(e);
        if (gesture != null) {
            gesture.press(at, e.getClickCount());
            afterGesture();
            return true;
        }
        Optional<MarkHit> hit = MarkHit.find(marks.on(context.image().sopInstanceUid(), context.image().frame()),
                screen(e), context.toScreen());
        if (hit.isPresent() && marks.readOnlyReason(hit.get().id()).isEmpty()) {
            selected = hit.get().id();
            grabbed = hit.get();
            grabbedAt = at;
            editing = marks.get(selected).orElse(null);
            redraw();
            return true;
        }
        Optional<Kind> kind = tool.get().draws();
        if (kind.isEmpty()) {
            if (selected != null) {
                selected = null;
                redraw();
            }
            return false;
        }
        selected = null;
        gesture = new DrawGesture(kind.get(), 3 * context.imageUnitsPerScreenPixel(),
                kind.get() == Kind.LASSO ? snapper() : null);
        gesture.press(at, e.getClickCount());
        afterGesture();
        return true;
    }

    public boolean dragged(MouseEvent e) {
        if (context == null) {
            return false;
        }
        ImagePoint at = image(e);
        if (grabbed != null && editing != null) {
            editing = editing.withPoints(moved(marks.get(grabbed.id()).orElse(editing), at));
            redraw();
            return true;
        }
        if (gesture != null) {
            gesture.drag(at);
            redraw();
            return true;
        }
        return false;
    }

    public boolean released(MouseEvent e) {
        if (context == null) {
            return false;
        }
        if (grabbed != null) {
            if (editing != null) {
                marks.replace(editing);
            }
            grabbed = null;
            editing = null;
            redraw();
            return true;
        }
        if (gesture != null) {
            gesture.release(image(e));
            afterGesture();
            return true;
        }
        return false;
    }

    /** The pointer moved without a button: the rubber band and the lasso follow. */
    public void moved(MouseEvent e) {
        if (context != null && gesture != null) {
            gesture.move(image(e));
            redraw();
        }
    }

    /** Keys for the marks; returns whether one was used. */
    public boolean key(KeyEvent e) {
        KeyCode code = e.getCode();
        if (e.isShortcutDown()) {
            switch (code) {
                case Z -> {
                    if (e.isShiftDown()) {
                        marks.redo();
                    } else {
                        marks.undo();
                    }
                    redraw();
                    return true;
                }
                case Y -> {
                    marks.redo();
                    redraw();
                    return true;
                }
                case C -> {
                    clipboard = selected == null ? null : marks.get(selected).orElse(null);
                    return clipboard != null;
                }
                case V -> {
                    return paste();
                }
                default -> {
                    return false;
                }
            }
        }
        switch (code) {
            case ESCAPE -> {
                if (gesture != null || grabbed != null) {
                    gesture = null;
                    grabbed = null;
                    editing = null;
                    redraw();
                    return true;
                }
                if (selected != null) {
                    selected = null;
                    redraw();
                    return true;
                }
                return false;
            }
            case DELETE, BACK_SPACE -> {
                if (selected != null && marks.remove(selected)) {
                    selected = null;
                    redraw();
                    return true;
                }
                return false;
            }
            case ENTER -> {
                if (gesture != null) {
                    gesture.finish();
                    afterGesture();
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean paste() {
        if (clipboard == null || context == null) {
            return false;
        }
        Annotation copy = clipboard.copyTo(context.image(), UUID.randomUUID().toString());
        marks.add(copy);
        selected = copy.id();
        redraw();
        return true;
    }

    private void afterGesture() {
        if (gesture != null && gesture.done()) {
            DrawGesture g = gesture;
            gesture = null;
            commit(g);
        }
        redraw();
    }

    private void commit(DrawGesture g) {
        String text = "";
        if (g.kind() == Kind.TEXT) {
            Optional<String> typed = prompts.text();
            if (typed.isEmpty() || typed.get().isBlank()) {
                return;
            }
            text = typed.get().strip();
        } else if (g.kind() == Kind.CALIBRATION) {
            Scale header = context.headerScale();
            double now = header.length(g.points().get(0), g.points().get(1));
            Optional<Double> known = prompts.knownLengthMm(now, header.lengthUnit().symbol());
            if (known.isEmpty() || !(known.get() > 0)) {
                return;
            }
            text = Double.toString(known.get());
        }
        Annotation a;
        try {
            a = new Annotation(UUID.randomUUID().toString(), g.kind(), g.points(), text, context.image());
        } catch (IllegalArgumentException tooFewPoints) {
            return;
        }
        marks.add(a);
        selected = a.id();
    }

    private List<ImagePoint> moved(Annotation original, ImagePoint at) {
        List<ImagePoint> p = new ArrayList<>(original.points());
        if (grabbed.handle() < 0) {
            double dx = at.x() - grabbedAt.x(), dy = at.y() - grabbedAt.y();
            p.replaceAll(q -> q.plus(dx, dy));
            return p;
        }
        int k = grabbed.handle();
        p.set(k, at);
        if (original.kind() == Kind.CARDIOTHORACIC) {
            int partner = k % 2 == 0 ? k + 1 : k - 1;    // the widths stay horizontal
            p.set(partner, new ImagePoint(p.get(partner).x(), at.y()));
        }
        return p;
    }

    private DrawGesture.Snapper snapper() {
        if (wire == null || wireFrame != context.frame()) {
            wire = context.frame() == null ? null : LiveWire.on(context.frame(), context.lut());
            wireFrame = context.frame();
        }
        LiveWire w = wire;
        if (w == null) {
            throw new IllegalStateException("the image's pixels are not loaded yet");
        }
        return new DrawGesture.Snapper() {
            @Override
            public void seed(ImagePoint anchor) {
                w.seed(anchor);
            }

            @Override
            public List<ImagePoint> pathTo(ImagePoint target) {
                return w.pathTo(target);
            }
        };
    }

    private ImagePoint image(MouseEvent e) {
        return context.toImage().apply(screen(e));
    }

    /** The event's position on the layer, which covers the image's viewport: whichever node the handler is on. */
    private ImagePoint screen(MouseEvent e) {
        Point2D p = layer.sceneToLocal(e.getSceneX(), e.getSceneY());
        return new ImagePoint(p.getX(), p.getY());
    }

    /** Draws the shown image's marks, the one being edited in its new place, and the one being drawn. */
    public void redraw() {
        if (context == null) {
            layer.clear();
            return;
        }
        ResourceBundle b = bundle.get();
        Measurer m = measurer();
        List<MarkLayer.Drawn> drawn = new ArrayList<>();
        for (Annotation a : marks.on(context.image().sopInstanceUid(), context.image().frame())) {
            Annotation shown = editing != null && editing.id().equals(a.id()) ? editing : a;
            drawn.add(drawn(shown, m, b, a.id().equals(selected), marks.readOnlyReason(a.id()).isPresent()));
        }
        MarkLayer.Drawn preview = null;
        List<ImagePoint> anchors = List.of();
        if (gesture != null && !gesture.empty()) {
            List<ImagePoint> p = gesture.points();
            preview = new MarkLayer.Drawn(gesture.kind(), p, "", List.of(), "", m.scale(), true, false, false);
            anchors = gesture.anchors();
        }
        layer.setBanner(banner.apply(context.image()));
        layer.draw(drawn, preview, anchors, q -> {
            ImagePoint s = context.toScreen().apply(q);
            return new Point2D(s.x(), s.y());
        });
    }

    private static MarkLayer.Drawn drawn(Annotation a, Measurer m, ResourceBundle b, boolean selected, boolean readOnly) {
        Measured measured = m.measure(a);
        List<String> lines = MarkLabels.values(measured, b);
        String scaleLine = a.kind().measurement() && a.kind() != Kind.POINT ? MarkLabels.scale(m.scale(), b) : "";
        if (a.kind() == Kind.CALIBRATION) {
            return new MarkLayer.Drawn(a.kind(), a.points(), "= " + a.text() + " mm", List.of(), "", m.scale(),
                    selected, readOnly, false);
        }
        return new MarkLayer.Drawn(a.kind(), a.points(), a.text(), lines, scaleLine, m.scale(), selected, readOnly,
                measured.abnormal());
    }
}
