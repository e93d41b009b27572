package org.fovea.app.ui.viewer;

import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.fovea.app.view.Tool;
import org.fovea.app.view.WindowLevelDrag;
import org.fovea.render.Voi;
import org.fovea.render.WindowLevel;
import org.fovea.render.geom.ViewTransform;

import java.util.function.Supplier;

/**
 * What the mouse does in a viewport: left = the current tool (or a mark under it), right =
 * window/level, middle = pan, wheel = scroll, Ctrl+wheel = zoom, Ctrl+left = scroll; the
 * magnifier shows its loupe while the left button is down. FX thread.
 */
final class ViewportMouse {

    /** Screen pixels of drag per image when scrolling with the mouse. */
    private static final double PIXELS_PER_SLICE = 6;

    private final Viewport v;
    private final ViewportPane pane;
    private final Supplier<Tool> tool;
    private MouseButton dragButton;
    private Tool dragTool;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private int pressIndex;
    private WindowLevelDrag windowDrag;
    private boolean markDrag;
    private boolean magnifying;

    ViewportMouse(Viewport v, Supplier<Tool> tool) {
        this.v = v;
        this.pane = v.pane();
        this.tool = tool;
    }

    void install() {
        pane.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        pane.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        pane.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        pane.addEventHandler(MouseEvent.MOUSE_MOVED, e -> v.marks().moved(e));
        pane.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (markDrag) {
                v.marks().released(e);
                markDrag = false;
            }
            if (magnifying) {
                pane.loupe().hide();
                magnifying = false;
            }
            dragButton = null;
            windowDrag = null;
        });
    }

    private void showLoupe(MouseEvent e) {
        if (v.view() == null) {
            return;
        }
        ViewTransform view = v.view();
        ViewTransform.Point p = view.toImage(e.getX(), e.getY());
        pane.loupe().show(pane.displayedImage(), p.x(), p.y(), e.getX(), e.getY(), view.scaleX(), view.scaleY());
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0 || v.stack() == null) {
            return;
        }
        if (e.isControlDown()) {
            v.zoomAbout(Math.pow(1.1, e.getDeltaY() / 40.0), e.getX(), e.getY());
        } else {
            // wheel towards the user (negative delta) goes deeper into the stack, as on every PACS
            v.scrollBy(e.getDeltaY() < 0 ? 1 : -1);
        }
        e.consume();
    }

    private void onPressed(MouseEvent e) {
        pane.requestFocus();
        // the press is the viewport's: bubbling on, it reaches the TabPane, whose behaviour takes
        // the focus, and the arrow keys would then switch tabs instead of scrolling
        e.consume();
        if (e.getButton() == MouseButton.PRIMARY && !e.isControlDown() && tool.get() == Tool.MAGNIFIER) {
            magnifying = true;
            showLoupe(e);
            return;
        }
        if (v.marks().pressed(e)) {
            markDrag = true;
            dragButton = null;
            return;
        }
        dragButton = e.getButton();
        dragTool = switch (e.getButton()) {
            case SECONDARY -> Tool.WINDOW_LEVEL;
            case MIDDLE -> Tool.PAN;
            default -> e.isControlDown() ? Tool.SCROLL : tool.get();
        };
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        pressIndex = v.index();
        Voi current = v.effectiveVoi();
        windowDrag = current instanceof WindowLevel wl ? new WindowLevelDrag(wl) : null;
    }

    private void onDragged(MouseEvent e) {
        if (markDrag) {
            v.marks().dragged(e);
            e.consume();
            return;
        }
        if (magnifying) {
            showLoupe(e);
            e.consume();
            return;
        }
        if (dragButton == null || v.stack() == null) {
            return;
        }
        switch (dragTool) {
            case SCROLL -> {
                v.scrollTo(pressIndex + (int) Math.round((e.getY() - pressY) / PIXELS_PER_SLICE));
            }
            case WINDOW_LEVEL -> {
                if (windowDrag != null) {
                    v.adjustWindow(windowDrag.dragged(e.getX() - pressX, e.getY() - pressY));
                }
            }
            case ZOOM -> v.zoomAbout(Math.exp(-(e.getY() - lastY) / 150.0), pressX, pressY);
            case PAN -> {
                v.pan(e.getX() - lastX, e.getY() - lastY);
            }
            default -> { }
        }
        lastX = e.getX();
        lastY = e.getY();
        e.consume();
    }
}
