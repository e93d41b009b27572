package org.fovea.app.ui.viewer;

import javafx.application.Platform;
import org.fovea.app.view.PositionLink;
import org.fovea.dicom.series.SeriesStack;
import org.fovea.dicom.series.Slice;
import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.ReferenceLine;
import org.fovea.render.geom.Vec3;
import org.fovea.render.geom.ViewTransform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reference lines (V24) and 2D locate. The active viewport's slice is drawn as a line on every
 * other visible viewport of the same study (one frame of reference) whose plane it cuts, at 1° or
 * more: a localizer, a coronal or sagittal series, an oblique one; on request also the first and
 * last slices of its series (dashed), which show what the stack covers. Shift+click on an image
 * brings the other viewports of its study to the slice nearest the clicked point in the patient.
 * FX thread.
 */
final class ReferenceLines {

    private final Supplier<List<Viewport>> visible;
    private final Supplier<Viewport> active;
    private boolean shown = true;
    private boolean bounds;
    private boolean pending;

    ReferenceLines(Supplier<List<Viewport>> visible, Supplier<Viewport> active) {
        this.visible = visible;
        this.active = active;
    }

    boolean shown() { return shown; }

    void setShown(boolean on) {
        shown = on;
        refresh();
    }

    boolean bounds() { return bounds; }

    /** The first and last slices' lines besides the current one's. */
    void setBounds(boolean on) {
        bounds = on;
        refresh();
    }

    /** Something moved: the lines are drawn again once, after the current event. */
    void request() {
        if (!pending) {
            pending = true;
            Platform.runLater(() -> {
                pending = false;
                refresh();
            });
        }
    }

    /** Draws every visible viewport's lines now. */
    void refresh() {
        Viewport a = active.get();
        Slice source = a == null ? null : a.shownSlice();
        for (Viewport w : visible.get()) {
            List<double[]> lines = new ArrayList<>();
            Slice target = w.shownSlice();
            if (shown && w != a && source != null && source.plane() != null && target != null && target.plane() != null
                    && w.view() != null && PositionLink.sameFrame(source, target)) {
                add(lines, source.plane(), target, w.view());
                if (bounds && !lines.isEmpty()) {
                    SeriesStack s = a.stack();
                    for (int i : new int[] {0, s.size() - 1}) {
                        Slice end = s.slice(i);
                        if (end != null && end.plane() != null) {
                            add(lines, end.plane(), target, w.view());
                        }
                    }
                }
            }
            w.pane().setReferenceLines(lines);
        }
    }

    /**
     * Shift+click at viewport point ({@code x}, {@code y}) of {@code from}: the other visible
     * viewports of its study go to their slice nearest that point of the patient.
     */
    void locate(Viewport from, double x, double y) {
        Slice clicked = from.shownSlice();
        if (clicked == null || clicked.plane() == null || from.view() == null) {
            return;
        }
        ViewTransform.Point p = from.view().toImage(x, y);
        Vec3 point = clicked.plane().toPatient(p.x(), p.y());
        for (Viewport w : visible.get()) {
            Vec3 normal = PositionLink.normal(w.stack());
            Slice any = w.stack() == null ? null : w.stack().anySlice();
            if (w == from || normal == null || !PositionLink.sameFrame(clicked, any)) {
                continue;
            }
            int i = PositionLink.nearest(w.stack(), point.dot(normal));
            if (i >= 0) {
                w.moveTo(i);
            }
        }
        refresh();
    }

    private static void add(List<double[]> lines, ImagePlane source, Slice target, ViewTransform view) {
        ReferenceLine.of(source, target.plane(), target.frame().columns(), target.frame().rows()).ifPresent(seg -> {
            ViewTransform.Point p = view.toViewport(seg.startColumn(), seg.startRow());
            ViewTransform.Point q = view.toViewport(seg.endColumn(), seg.endRow());
            lines.add(new double[] {p.x(), p.y(), q.x(), q.y()});
        });
    }

}
