package org.fovea.app.ui;

import javafx.scene.paint.Color;

/** The reading-room stylesheet, shared by the window, its dialogs and the headless snapshot. */
final class Theme {

    /** The stylesheet's .root background, for a scene's fill: a new window shows it before its first frame. */
    static final Color BACKGROUND = Color.web("#1b1c1f");

    private Theme() {
    }

    static String stylesheet() {
        return Theme.class.getResource("/org/fovea/app/theme/dark.css").toExternalForm();
    }
}
