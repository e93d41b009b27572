package org.fovea.app.ui.threed;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import org.fovea.app.ui.tools.ImageContext;
import org.fovea.app.ui.tools.MarkController;
import org.fovea.app.view.MarkSet;
import org.fovea.app.view.Tool;
import org.fovea.dicom.ImageHeader;
import org.fovea.render.Frame;
import org.fovea.render.ModalityLut;
import org.fovea.render.Rescale;
import org.fovea.render.geom.ViewTransform;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Scale;
import org.fovea.render.measure.Unit;
import org.fovea.render.volume.MprView;
import org.fovea.render.volume.SlicePlane;

/**
 * Measuring on the MPR planes: with "Measure" on, the left button draws with the chosen tool on
 * the plane it is pressed in, in patient millimetres (the plane's sampling) and HU from the
 * resliced values. A mark belongs to its plane: it shows while that plane is shown and is gone
 * from the others; marks on reformatted planes are not saved, as they refer to no stored image.
 */
final class MprMeasure {

    private final MarkSet marks = new MarkSet();
    private final Map<MprView, MarkController> controllers = new EnumMap<>(MprView.class);
    private Tool tool = Tool.LENGTH;
    private boolean on;

    MprMeasure(Map<MprView, ReformatViewport> views, Supplier<ResourceBundle> bundle, MarkController.Prompts prompts) {
        for (Map.Entry<MprView, ReformatViewport> e : views.entrySet()) {
            MarkController c = new MarkController(marks, e.getValue().pane().markLayer(), () -> on ? tool : Tool.SCROLL,
                    bundle, prompts);
            marks.addListener(c::redraw);
            controllers.put(e.getKey(), c);
        }
    }

    boolean on() { return on; }

    void setOn(boolean measuring) {
        on = measuring;
    }

    /** The tool the left button uses while measuring (a measurement or annotation tool). */
    void setTool(Tool t) {
        if (t.draws().isPresent()) {
            tool = t;
        }
    }

    Tool tool() { return tool; }

    MarkSet marks() { return marks; }

    /** A new volume: the old planes' marks go. */
    void clear() {
        marks.load(java.util.List.of(), Map.of());
        controllers.values().forEach(c -> c.setContext(null));
    }

    /** The plane a view shows now, as the marks refer to it. */
    void update(MprView v, ViewTransform t, Frame frame, SlicePlane plane, ModalityLut lut, ImageHeader header) {
        String key = String.format(Locale.ROOT, "%s:%.2f,%.2f,%.2f:%.4f,%.4f,%.4f:%.4f,%.4f,%.4f", v.name(),
                plane.centre().x(), plane.centre().y(), plane.centre().z(), plane.right().x(), plane.right().y(),
                plane.right().z(), plane.down().x(), plane.down().y(), plane.down().z());
        ImageRef ref = new ImageRef(header.seriesInstanceUid(), "MPR", key, 1);
        String type = lut instanceof Rescale r ? r.type() : "";
        controllers.get(v).setContext(ImageContext.placed(ref, Scale.reconstruction(plane.pixelMm()), frame, lut,
                Unit.ofRescaleType(type, "CT".equals(header.modality())), t));
    }

    MarkController controller(MprView v) {
        return controllers.get(v);
    }

    boolean pressed(MprView v, MouseEvent e) {
        return on && controllers.get(v).pressed(e);
    }

    boolean dragged(MprView v, MouseEvent e) {
        return controllers.get(v).dragged(e);
    }

    boolean released(MprView v, MouseEvent e) {
        return controllers.get(v).released(e);
    }

    void moved(MprView v, MouseEvent e) {
        if (on) {
            controllers.get(v).moved(e);
        }
    }

    /** Keys for the marks in the active view (Del, Esc, Enter, undo, redo). */
    boolean key(MprView v, KeyEvent e) {
        return Optional.ofNullable(controllers.get(v)).map(c -> c.key(e)).orElse(false);
    }
}
