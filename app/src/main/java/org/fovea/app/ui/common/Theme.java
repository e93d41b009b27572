package org.fovea.app.ui.common;

import javafx.scene.paint.Color;

/** The reading-room stylesheet, shared by the window, its dialogs and the headless snapshot. */
public final class Theme {

    /** The stylesheet's .root background, for a scene's fill: a new window shows it before its first frame. */
    public static final Color BACKGROUND = Color.web("#1b1c1f");

    private Theme() {
    }

    public static String stylesheet() {
        return Theme.class.getResource("/org/fovea/app/theme/dark.css").toExternalForm();
    }
}
