package org.fovea.app.ui.viewer;

import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.tools.ImageContext;
import org.fovea.app.ui.tools.MarkController;
import org.fovea.app.ui.tools.MarkStore;
import org.fovea.app.view.MarkSet;
import org.fovea.app.view.OverlayCorners;
import org.fovea.dicom.ImageHeader;
import org.fovea.render.ModalityLut;
import org.fovea.render.ModalityLutTable;
import org.fovea.render.Rescale;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Unit;
import org.fovea.dicom.series.SeriesStack;
import org.fovea.dicom.series.Slice;
import org.fovea.dicom.series.SliceFailure;
import org.fovea.app.view.StackPosition;
import org.fovea.app.view.Tool;
import org.fovea.render.FrameRenderer;
import org.fovea.render.Voi;
import org.fovea.render.WindowLevel;
import org.fovea.render.WindowPresets;
import org.fovea.render.geom.ViewTransform;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One viewer viewport: which stack it shows, where in it, with which window, zoom, pan, turns,
 * flips, display filter and grey curve; {@link ViewportMouse} is what the mouse does. Keys arrive
 * through {@link ViewerView}, which routes them to the active viewport. Runs on the FX thread;
 * decoded slices arrive from the stack's listener.
 */
public final class Viewport {

    private final ViewportPane pane = new ViewportPane();
    private final I18n i18n;
    private final Supplier<Tool> tool;
    private final IntConsumer sliceListener = this::sliceArrived;
    private SeriesStack stack;
    private StackPosition position = new StackPosition(0);
    private Voi voi;
    /** The window the shown series came with, a hanging protocol's or its window rule's (V4): Reset's. */
    private Voi shownWith;
    private java.util.function.Function<ImageHeader, Voi> windowRule = h -> null;
    private boolean invert;
    private ViewTransform view;
    private int viewColumns;
    private int viewRows;

    private IntConsumer onMoved = i -> { };
    private Runnable onFirstSlice = () -> { };
    private Runnable onPlaced = () -> { };
    private Runnable onViewChanged = () -> { };
    private Runnable onWindowChanged = () -> { };
    private org.fovea.render.DisplayFilter filter = org.fovea.render.DisplayFilter.NONE;
    private org.fovea.app.view.WindowCurve curve = org.fovea.app.view.WindowCurve.AS_RECORDED;
    private boolean awaitingFirst;
    private final MarkController marks;

    Viewport(I18n i18n, Supplier<Tool> tool, MarkSet markSet, MarkController.Prompts prompts) {
        this.i18n = i18n;
        this.tool = tool;
        this.marks = new MarkController(markSet, pane.markLayer(), tool, i18n::bundle, prompts);
        markSet.addListener(marks::redraw);
        pane.setFocusTraversable(true);
        pane.widthProperty().addListener((o, a, b) -> placeImage());
        pane.heightProperty().addListener((o, a, b) -> placeImage());
        new ViewportMouse(this, tool).install();
        i18n.bundleBinding().addListener((o, a, b) -> render());
        showEmptyHint();
    }

    public ViewportPane pane() { return pane; }

    /** The measurements and annotations drawn in this viewport. */
    public MarkController marks() { return marks; }

    /** How this viewport displays its image now: the window in effect, zoom, inversion. */
    MarkStore.Display display() {
        Voi v = effectiveVoi();
        double centre = v instanceof WindowLevel wl ? wl.center() : Double.NaN;
        double width = v instanceof WindowLevel wl ? wl.width() : Double.NaN;
        return new MarkStore.Display(centre, width, view == null ? 1 : view.zoom(), invert);
    }

    /** Millimetres between columns of the shown image (1 when it has no spacing). */
    double currentSpacingMm() {
        Slice s = currentSlice();
        return s == null || s.spacing() == null ? 1 : s.spacing().columnMm();
    }

    /** Screen pixels per millimetre on the patient at the current zoom; 0 before an image is placed. */
    double pixelsPerMm() {
        return view == null ? 0 : view.pixelsPerMm();
    }

    /** The image shown now, as marks refer to it; null when none is loaded. */
    public ImageRef currentImage() {
        Slice s = currentSlice();
        return s == null ? null : imageRef(s);
    }

    /** Shows frame {@code frameNumber} of an instance of the shown stack; false when it has none. */
    boolean showImage(String sopInstanceUid, int frameNumber) {
        if (stack == null) {
            return false;
        }
        int i = stack.indexOf(sopInstanceUid, frameNumber);
        if (i < 0) {
            return false;
        }
        moveTo(i);
        return true;
    }

    public SeriesStack stack() { return stack; }

    public int index() { return position.index(); }

    /** The window in effect on the shown slice (the header's default when the user set none). */
    Voi effectiveVoi() {
        Slice s = currentSlice();
        return s == null ? voi : FrameRenderer.effectiveVoi(s.frame(), s.pixelInfo(), voi);
    }

    /** Shows a stack from its first image, with the header's window, fitted. */
    void show(SeriesStack newStack) {
        if (stack != null) {
            stack.removeListener(sliceListener);
        }
        stack = newStack;
        position = new StackPosition(newStack == null ? 0 : newStack.size());
        voi = shownWith = null;
        invert = false;
        view = null;
        if (stack == null) {
            showEmptyHint();
            return;
        }
        stack.addListener(sliceListener);
        stack.focus(0);
        awaitingFirst = stack.anySlice() == null;
        ruleWindow();
        render();
        if (!awaitingFirst) {
            onFirstSlice.run();
        }
    }

    /** Told the new index whenever the user moves through the stack (for linked viewports). */
    void setOnMoved(IntConsumer listener) {
        onMoved = listener == null ? i -> { } : listener;
    }

    /** Told when the shown stack's geometry becomes known: its first decoded image is in. */
    void setOnFirstSlice(Runnable listener) {
        onFirstSlice = listener == null ? () -> { } : listener;
    }

    /** Shows image {@code index} of the stack (a linked viewport following another). */
    void moveTo(int index) {
        if (stack != null && position.moveTo(index)) {
            moved();
        }
    }

    void scrollBy(int delta) {
        if (position.moveBy(delta)) {
            moved();
        }
    }

    void first() {
        if (position.first()) {
            moved();
        }
    }

    void last() {
        if (position.last()) {
            moved();
        }
    }

    /**
     * Applies the CT preset on hotkey 1–5. The presets are in HU, so on other modalities they
     * would only blank the image: there the keys do nothing.
     */
    /** Keys 1-5 (and the keypad's) choose the window presets; whether the key was one. */
    boolean presetKey(javafx.scene.input.KeyCode code) {
        int n = switch (code) {
            case DIGIT1, NUMPAD1 -> 1;
            case DIGIT2, NUMPAD2 -> 2;
            case DIGIT3, NUMPAD3 -> 3;
            case DIGIT4, NUMPAD4 -> 4;
            case DIGIT5, NUMPAD5 -> 5;
            default -> 0;
        };
        if (n == 0) {
            return false;
        }
        preset(n);
        return true;
    }

    void preset(int hotkey) {
        Slice any = stack == null ? null : stack.anySlice();
        if (any == null || !"CT".equals(any.header().modality())) {
            return;
        }
        WindowPresets.byHotkey(hotkey).ifPresent(p -> {
            voi = p.window();
            render();
            onWindowChanged.run();
        });
    }

    /** The user's window (a drag): Reset comes back from it. */
    void adjustWindow(Voi window) {
        voi = window;
        render();
        onWindowChanged.run();
    }

    /** Told when the user changes the zoom or pan, or the window (for linked viewports). */
    void setOnViewChanged(Runnable zoomOrPan, Runnable window) {
        onViewChanged = zoomOrPan;
        onWindowChanged = window;
    }

    /** Takes another viewport's zoom and pan (linked zoom/pan); tells no one. */
    void followView(Viewport leader) {
        if (view != null && leader.view != null) {
            view.setZoom(leader.view.zoom());
            view.pan(leader.view.panX() - view.panX(), leader.view.panY() - view.panY());
            placeImage();
        }
    }

    /** Takes another viewport's window (linked window/level); tells no one. */
    void followWindow(Viewport leader) {
        voi = leader.effectiveVoi();
        render();
    }

    /** Shows the series in this window (a hanging protocol's preset), the one Reset comes back to. */
    void setWindow(Voi window) {
        voi = shownWith = window;
        render();
    }

    /** Turns the picture a quarter either way (V19); labels and marks follow. */
    void rotate(boolean clockwise) {
        if (view != null) {
            if (clockwise) {
                view.rotateClockwise();
            } else {
                view.rotateCounterClockwise();
            }
            render();
        }
    }

    /** Mirrors the picture left-right or top-bottom as it is shown (V19). */
    void flip(boolean horizontal) {
        if (view != null) {
            if (horizontal) {
                view.flipHorizontal();
            } else {
                view.flipVertical();
            }
            render();
        }
    }

    /** A display filter (V21) on the shown pixels; measurements keep reading the stored values. */
    void setFilter(org.fovea.render.DisplayFilter f) {
        filter = f;
        render();
    }

    org.fovea.render.DisplayFilter filter() { return filter; }

    /** The grey curve laid over the window (V3). */
    void setCurve(org.fovea.app.view.WindowCurve c) {
        curve = c;
        render();
    }

    org.fovea.app.view.WindowCurve curve() { return curve; }

    /** Moves the picture by screen pixels (pan). */
    void pan(double dx, double dy) {
        if (view != null) {
            view.pan(dx, dy);
            placeImage();
            onViewChanged.run();
        }
    }

    /** Shows image {@code index} (clamped), as a mouse drag through the stack does. */
    void scrollTo(int index) {
        if (stack != null && position.moveTo(index)) {
            moved();
        }
    }

    /** The view's zoom, pan, turns and flips; null before an image is placed. */
    ViewTransform view() { return view; }

    /** The decoded slice on screen, or null. */
    Slice shownSlice() { return currentSlice(); }

    /** Told after every placement of the image (a move, zoom, pan, turn), for the reference lines. */
    void setOnPlaced(Runnable listener) { onPlaced = listener == null ? () -> { } : listener; }

    void toggleInvert() {
        invert = !invert;
        render();
    }

    void fit() {
        if (view != null) {
            view.fitToViewport();
            placeImage();
            onViewChanged.run();
        }
    }

    /**
     * Window back to the one the series was shown with (a hanging protocol's preset, else its
     * window rule's, else the header's), zoom and pan back to fitted (V22).
     */
    void reset() {
        voi = shownWith;
        invert = false;
        if (view != null) {
            view.reset();
        }
        render();
    }

    void zoomAbout(double factor, double x, double y) {
        if (view != null) {
            view.zoomAbout(factor, x, y);
            placeImage();
            onViewChanged.run();
        }
    }

    private void moved() {
        stack.focus(position.index());
        render();
        onMoved.accept(position.index());
    }

    private Slice currentSlice() {
        return stack == null || position.count() == 0 ? null : stack.slice(position.index());
    }

    private void sliceArrived(int index) {
        if (awaitingFirst) {
            ruleWindow();
        }
        if (index == position.index() || view == null) {
            render();
        }
        if (awaitingFirst && stack != null && stack.anySlice() != null) {
            awaitingFirst = false;
            onFirstSlice.run();
        }
    }

    /** Puts the current slice, or the reason it is not there yet, on screen with its overlays. */
    private void render() {
        if (stack == null) {
            showEmptyHint();
            return;
        }
        Slice slice = currentSlice();
        if (slice != null) {
            ensureView(slice);
            // the renderer finds the header's window itself; a curve needs it first, to lay itself over
            Voi shown = curve == org.fovea.app.view.WindowCurve.AS_RECORDED ? voi
                    : curve.apply(FrameRenderer.effectiveVoi(slice.frame(), slice.pixelInfo(), voi));
            SlicePainter.showSlice(pane, slice, shown, invert, filter, view);
        } else {
            pane.clearImage();
            pane.setOrientation(null, null, null, null);
            SliceFailure failure = stack.failure(position.index());
            pane.setMessage(failure == null ? i18n.get("viewer.loading")
                    : failure.reason() == null ? i18n.format("viewer.sliceFailedSeeLog", failure.file().getFileName().toString())
                    : i18n.format("viewer.sliceFailed", failure.file().getFileName().toString(), failure.reason()));
        }
        placeImage();
    }

    private void showEmptyHint() {
        marks.setContext(null);
        pane.clearImage();
        pane.setOverlay(new OverlayCorners(List.of(), List.of(), List.of(), List.of()));
        pane.setOrientation(null, null, null, null);
        pane.setScaleBar(null, 0);
        pane.setMessage(i18n.get("viewer.dropHint"));
    }

    private void ensureView(Slice slice) {
        int columns = slice.frame().columns();
        int rows = slice.frame().rows();
        if (view == null || columns != viewColumns || rows != viewRows) {
            view = new ViewTransform(columns, rows, slice.spacing(), Math.max(1, pane.getWidth()),
                    Math.max(1, pane.getHeight()));
            viewColumns = columns;
            viewRows = rows;
        }
    }

    /** Gives the window a series opens in by its header (V4), null for the header's own. */
    void setWindowRule(java.util.function.Function<ImageHeader, Voi> rule) {
        windowRule = rule;
    }

    /** The window rule's window, once the series' first header is in, unless one was set (a hanging protocol's). */
    private void ruleWindow() {
        Slice any = stack == null ? null : stack.anySlice();
        if (any != null && voi == null && shownWith == null) {
            voi = shownWith = windowRule.apply(any.header());
        }
    }

    /** Draws the overlay again (its settings changed). */
    void refreshOverlay() {
        placeImage();
    }

    /** Places the image for the current zoom and pan, with the scale bar and overlay that depend on them. */
    private void placeImage() {
        if (stack == null) {
            return;
        }
        if (view != null && pane.getWidth() > 0 && pane.getHeight() > 0) {
            view.setViewportSize(pane.getWidth(), pane.getHeight());
        }
        Slice slice = currentSlice();
        Slice any = slice != null ? slice : stack.anySlice();
        SlicePainter.place(pane, view, slice, any == null ? null : any.header(), position.index(), position.count(),
                effectiveVoi(), i18n.bundle());
        updateMarks(slice);
        onPlaced.run();
    }

    private ImageRef imageRef(Slice slice) {
        int i = position.index();
        ImageHeader h = slice.header();
        return new ImageRef(h.seriesInstanceUid(), h.sopClassUid(), stack.sopInstanceUid(i), stack.frameNumber(i));
    }

    /** Tells the marks which image is shown and how it is placed (after every move, zoom and pan). */
    private void updateMarks(Slice slice) {
        if (slice == null || view == null || stack == null) {
            marks.setContext(null);
            return;
        }
        ViewTransform v = view;
        ModalityLut lut = slice.pixelInfo().modalityLut();
        String rescaleType = lut instanceof Rescale r ? r.type() : lut instanceof ModalityLutTable t ? t.type() : "";
        marks.setContext(ImageContext.placed(imageRef(slice), slice.scale(), slice.frame(), lut,
                Unit.ofRescaleType(rescaleType, "CT".equals(slice.header().modality())), v));
    }
}
