package org.fovea.app.ui.viewer;

import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Reading on the whole screen (V28, V29): F11 puts the window full screen on its monitor, and
 * "across all monitors" stretches it over the union of every monitor's usable area, so the
 * viewports of one layout use both screens of a reading station; chosen again, the window goes
 * back to where it was. FX thread.
 */
final class ScreenModes {

    private static final String BEFORE = "fovea.boundsBeforeSpan";

    private ScreenModes() {
    }

    static void toggleFullScreen(Node inWindow) {
        if (stage(inWindow) instanceof Stage s) {
            s.setFullScreenExitHint("");
            s.setFullScreen(!s.isFullScreen());
        }
    }

    /** Over every monitor, or back to the bounds it had. */
    static void toggleAllScreens(Node inWindow) {
        if (!(stage(inWindow) instanceof Stage s)) {
            return;
        }
        if (s.getProperties().get(BEFORE) instanceof Rectangle2D before) {
            s.getProperties().remove(BEFORE);
            place(s, before);
            return;
        }
        s.getProperties().put(BEFORE, new Rectangle2D(s.getX(), s.getY(), s.getWidth(), s.getHeight()));
        s.setFullScreen(false);
        s.setMaximized(false);
        place(s, allScreens());
    }

    /** The union of every monitor's usable area (without task bars). */
    static Rectangle2D allScreens() {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Screen screen : Screen.getScreens()) {
            Rectangle2D b = screen.getVisualBounds();
            minX = Math.min(minX, b.getMinX());
            minY = Math.min(minY, b.getMinY());
            maxX = Math.max(maxX, b.getMaxX());
            maxY = Math.max(maxY, b.getMaxY());
        }
        return new Rectangle2D(minX, minY, maxX - minX, maxY - minY);
    }

    private static void place(Stage s, Rectangle2D b) {
        s.setX(b.getMinX());
        s.setY(b.getMinY());
        s.setWidth(b.getWidth());
        s.setHeight(b.getHeight());
    }

    private static Window stage(Node n) {
        return n.getScene() == null ? null : n.getScene().getWindow();
    }
}
