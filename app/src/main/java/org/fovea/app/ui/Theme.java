package org.fovea.app.ui;

/** The reading-room stylesheet, shared by the window, its dialogs and the headless snapshot. */
final class Theme {

    private Theme() {
    }

    static String stylesheet() {
        return Theme.class.getResource("/org/fovea/app/theme/dark.css").toExternalForm();
    }
}
