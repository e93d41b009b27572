package org.fovea.app.ui.viewer;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The viewer's modified keys beyond the tools': linking (Shift+L, Alt+L), the protocol's stages
 * (Shift+N, Shift+P), turns and flips (Shift+R, Alt+R, Shift+H, Shift+V), full screen (F11).
 */
final class ViewerKeys {

    private ViewerKeys() {
    }

    /** Whether the key was one of these, done on the active viewport {@code v}. */
    static boolean handle(KeyEvent e, Viewport v, Linking linking, HangingAction hanging) {
        if (e.getCode() == KeyCode.F11 && !e.isShortcutDown() && !e.isAltDown()) {
            ScreenModes.toggleFullScreen(v.pane());
            return true;
        }
        return linkKey(e, linking) || stageKey(e, hanging) || orientationKey(e, v);
    }

    /** Shift+L: linking on/off; Alt+L: align the other studies' viewports to this slice. */
    private static boolean linkKey(KeyEvent e, Linking linking) {
        if (e.getCode() != KeyCode.L || e.isShortcutDown() || e.isShiftDown() == e.isAltDown()) {
            return false;
        }
        if (e.isShiftDown()) {
            linking.toggle();
        } else {
            linking.alignHere();
        }
        return true;
    }

    /** Shift+R / Alt+R: turn right / left; Shift+H / Shift+V: flip left-right / top-bottom (V19). */
    private static boolean orientationKey(KeyEvent e, Viewport v) {
        if (e.isShortcutDown() || e.isShiftDown() == e.isAltDown()) {
            return false;
        }
        switch (e.getCode()) {
            case R -> v.rotate(e.isShiftDown());
            case H -> {
                if (!e.isShiftDown()) {
                    return false;
                }
                v.flip(true);
            }
            case V -> {
                if (!e.isShiftDown()) {
                    return false;
                }
                v.flip(false);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Shift+N / Shift+P: the hanging protocol's next or previous stage. */
    private static boolean stageKey(KeyEvent e, HangingAction hanging) {
        if (hanging == null || !e.isShiftDown() || e.isShortcutDown() || e.isAltDown()
                || (e.getCode() != KeyCode.N && e.getCode() != KeyCode.P)) {
            return false;
        }
        hanging.stage(e.getCode() == KeyCode.N ? 1 : -1);
        return true;
    }
}
