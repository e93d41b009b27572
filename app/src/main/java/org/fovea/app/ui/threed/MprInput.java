package org.fovea.app.ui.threed;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import org.fovea.app.view.WindowLevelDrag;
import org.fovea.render.Voi;
import org.fovea.render.WindowLevel;
import org.fovea.render.geom.ViewTransform;
import org.fovea.render.volume.MprModel;
import org.fovea.render.volume.MprView;
import org.fovea.render.volume.SlicePlane;

import java.util.function.BooleanSupplier;

/**
 * What the mouse and keys do in the MPR views, as in 2D: left moves the cursor (or, starting on
 * a crosshair line away from its centre, rotates the other two planes about this view's axis;
 * while a CPR curve is placed, every left click is its next point), right = window/level,
 * middle = pan, wheel = move through the volume along this view's normal, ctrl+wheel = zoom.
 * Keys act on the active view: arrows and page keys move through the volume, 1-5 are the CT
 * presets, I inverts, R or Esc resets the planes.
 */
final class MprInput {

    /** A press this close to a crosshair line, and this far from its centre, starts a rotation. */
    private static final double LINE_GRAB = 6;
    private static final double ROTATE_MIN_RADIUS = 30;

    private final MprViews mpr;
    private final CprPanel cpr;
    private final BooleanSupplier placingCurve;
    private final Runnable pressed;
    private Drag drag;
    /** The view a mark is being drawn or dragged in, or null. */
    private MprView measuring;

    /** What a mouse drag in an MPR view is doing. */
    private record Drag(MprView view, MouseButton button, Mode mode, double pressX, double pressY, double lastX,
                        double lastY, double lastAngle, WindowLevelDrag window) {
        enum Mode { CURSOR, ROTATE, WINDOW, PAN }

        Drag moved(double x, double y, double angle) {
            return new Drag(view, button, mode, pressX, pressY, x, y, angle, window);
        }
    }

    /**
     * Installs the mouse handlers on the three views.
     *
     * @param placingCurve whether left clicks place the CPR curve's points
     * @param pressed      runs when a view is pressed (the page's screenshot then takes the MPR view)
     */
    MprInput(MprViews mpr, CprPanel cpr, BooleanSupplier placingCurve, Runnable pressed) {
        this.mpr = mpr;
        this.cpr = cpr;
        this.placingCurve = placingCurve;
        this.pressed = pressed;
        for (MprView v : MprView.values()) {
            install(v, mpr.view(v));
        }
    }

    private void install(MprView v, ReformatViewport rv) {
        // on the view's root: the press may land on the marks layer or the border around the image
        Region pane = rv.pane();
        Node area = rv.root();
        area.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            pane.requestFocus();
            e.consume();
            mpr.setActive(v);
            pressed.run();
            if (mpr.model() == null) {
                return;
            }
            if (e.getButton() == MouseButton.PRIMARY && mpr.measure().pressed(v, e)) {
                drag = null;
                measuring = v;
                return;
            }
            drag = startDrag(v, rv, e);
            if (drag.mode() == Drag.Mode.CURSOR && placingCurve.getAsBoolean()) {
                // placing the curve: the point goes into the CPR, the cursor stays
                cpr.addPoint(mpr.pointUnder(v, x(pane, e), y(pane, e)));
                drag = null;
                mpr.drawCrosshair(v);
                return;
            }
            if (drag.mode() == Drag.Mode.CURSOR) {
                mpr.moveCursor(v, x(pane, e), y(pane, e));
            }
        });
        area.addEventHandler(MouseEvent.MOUSE_MOVED, e -> mpr.measure().moved(v, e));
        area.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (measuring == v) {
                mpr.measure().dragged(v, e);
                e.consume();
                return;
            }
            MprModel model = mpr.model();
            if (drag == null || drag.view() != v || model == null) {
                return;
            }
            e.consume();
            switch (drag.mode()) {
                case CURSOR -> mpr.moveCursor(v, x(pane, e), y(pane, e));
                case ROTATE -> {
                    double angle = angleAround(rv, x(pane, e), y(pane, e));
                    double delta = Math.toDegrees(angle - drag.lastAngle());
                    if (delta > 180) delta -= 360;
                    if (delta < -180) delta += 360;
                    model.rotate(v, delta);
                    mpr.update();
                    drag = drag.moved(x(pane, e), y(pane, e), angle);
                    return;
                }
                case WINDOW -> {
                    if (drag.window() != null) {
                        mpr.setVoi(drag.window().dragged(x(pane, e) - drag.pressX(), y(pane, e) - drag.pressY()));
                    }
                }
                case PAN -> {
                    ViewTransform t = rv.currentView();
                    if (t != null) {
                        t.pan(x(pane, e) - drag.lastX(), y(pane, e) - drag.lastY());
                        mpr.paint(v);
                    }
                }
            }
            drag = drag.moved(x(pane, e), y(pane, e), drag.lastAngle());
        });
        area.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (measuring == v) {
                mpr.measure().released(v, e);
                measuring = null;
            }
            drag = null;
        });
        area.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (mpr.model() == null || e.getDeltaY() == 0) {
                return;
            }
            e.consume();
            mpr.setActive(v);
            if (e.isControlDown()) {
                ViewTransform t = rv.currentView();
                if (t != null) {
                    t.zoomAbout(Math.pow(1.1, e.getDeltaY() / 40.0), x(pane, e), y(pane, e));
                    mpr.paint(v);
                }
            } else {
                mpr.scroll(v, e.getDeltaY() < 0 ? 1 : -1);
            }
        });
    }

    /** The page's keys, for the active view. */
    void onKey(KeyEvent e) {
        if (mpr.model() == null) {
            return;
        }
        if (mpr.measure().key(mpr.active(), e)) {
            e.consume();
            return;
        }
        boolean handled = true;
        switch (e.getCode()) {
            case UP, PAGE_UP -> mpr.scroll(mpr.active(), e.getCode() == KeyCode.PAGE_UP ? -10 : -1);
            case DOWN, PAGE_DOWN -> mpr.scroll(mpr.active(), e.getCode() == KeyCode.PAGE_DOWN ? 10 : 1);
            case R, ESCAPE -> mpr.reset();
            case I -> mpr.toggleInvert();
            case DIGIT1, NUMPAD1 -> mpr.preset(1);
            case DIGIT2, NUMPAD2 -> mpr.preset(2);
            case DIGIT3, NUMPAD3 -> mpr.preset(3);
            case DIGIT4, NUMPAD4 -> mpr.preset(4);
            case DIGIT5, NUMPAD5 -> mpr.preset(5);
            default -> handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    /** The event's position in the image pane's coordinates (the view's root has a border). */
    private static double x(Region pane, InputEvent e) {
        return local(pane, e).getX();
    }

    private static double y(Region pane, InputEvent e) {
        return local(pane, e).getY();
    }

    private static Point2D local(Region pane, InputEvent e) {
        return e instanceof MouseEvent m ? pane.sceneToLocal(m.getSceneX(), m.getSceneY())
                : pane.sceneToLocal(((ScrollEvent) e).getSceneX(), ((ScrollEvent) e).getSceneY());
    }

    private Drag startDrag(MprView v, ReformatViewport rv, MouseEvent e) {
        Voi current = mpr.effectiveVoi();
        WindowLevelDrag window = current instanceof WindowLevel wl ? new WindowLevelDrag(wl) : null;
        Drag.Mode mode = switch (e.getButton()) {
            case SECONDARY -> Drag.Mode.WINDOW;
            case MIDDLE -> Drag.Mode.PAN;
            // while placing a curve every left click is a point, even on a crosshair line
            default -> !placingCurve.getAsBoolean() && onCrosshairLine(v, rv, x(rv.pane(), e), y(rv.pane(), e))
                    ? Drag.Mode.ROTATE : Drag.Mode.CURSOR;
        };
        return new Drag(v, e.getButton(), mode, x(rv.pane(), e), y(rv.pane(), e), x(rv.pane(), e), y(rv.pane(), e),
                angleAround(rv, x(rv.pane(), e), y(rv.pane(), e)), window);
    }

    /** Whether a press lies on one of the crosshair's lines, away from its centre (a rotation grip). */
    private boolean onCrosshairLine(MprView v, ReformatViewport rv, double x, double y) {
        SlicePlane p = mpr.shownPlane(v);
        ViewTransform t = rv.currentView();
        if (p == null || t == null) {
            return false;
        }
        double[] c = p.toPixel(mpr.model().cursor());
        ViewTransform.Point centre = t.toViewport(c[0], c[1]);
        double rx = x - centre.x(), ry = y - centre.y();
        if (Math.hypot(rx, ry) < ROTATE_MIN_RADIUS) {
            return false;
        }
        for (MprView o : MprView.values()) {
            double[] d = o == v ? null : MprViews.traceDirection(p, mpr.shownPlane(o));
            if (d != null && Math.abs(rx * d[1] - ry * d[0]) <= LINE_GRAB) {
                return true;
            }
        }
        return false;
    }

    private double angleAround(ReformatViewport rv, double x, double y) {
        SlicePlane p = mpr.shownPlane(mpr.active());
        ViewTransform t = rv.currentView();
        if (p == null || t == null || mpr.model() == null) {
            return 0;
        }
        double[] c = p.toPixel(mpr.model().cursor());
        ViewTransform.Point centre = t.toViewport(c[0], c[1]);
        return Math.atan2(y - centre.y(), x - centre.x());
    }
}
