package org.fovea.app.ui;

import javafx.application.Platform;
import javafx.stage.Stage;
import org.fovea.app.ui.viewer.ViewerView;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.reporting.identity.User;
import org.testfx.api.FxRobot;

import java.util.Locale;

import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * The real workstation window over a test's demo archive, in English, on a stage of its own, with
 * a user logged in or none; closed with its stage, so no window is left to take the next test's
 * keys.
 */
public final class DemoWindow implements AutoCloseable {

    public final WorkstationWindow window;
    public final Stage stage;
    private final FxRobot robot;

    private DemoWindow(FxRobot robot, WorkstationWindow window, Stage stage) {
        this.robot = robot;
        this.window = window;
        this.stage = stage;
    }

    public static DemoWindow open(FxRobot robot, DemoArchive demo, User user) {
        return open(robot, demo.archive, demo.home, user);
    }

    /** The window over any archive and its FOVEA_HOME, with no user. */
    public static DemoWindow open(FxRobot robot, org.fovea.dicom.archive.LocalArchive archive, java.nio.file.Path home) {
        return open(robot, archive, home, null);
    }

    private static DemoWindow open(FxRobot robot, org.fovea.dicom.archive.LocalArchive archive, java.nio.file.Path home,
                                   User user) {
        WorkstationWindow[] w = new WorkstationWindow[1];
        Stage[] s = new Stage[1];
        robot.interact(() -> {
            w[0] = new WorkstationWindow(archive, home, Locale.ENGLISH);
            w[0].setUser(user);
            s[0] = new Stage();
            s[0].setWidth(1600);
            s[0].setHeight(1000);
            w[0].show(s[0]);
        });
        return new DemoWindow(robot, w[0], s[0]);
    }

    /** Opens a demo study in the viewer and waits for its first image. */
    public ViewerView openStudy(DemoArchive demo, DemoStudy which) {
        ViewerView viewer = window.viewer();
        Platform.runLater(() -> window.openStudy(demo.study(which)));
        waitUntil(() -> onFx(() -> viewer.activeViewport() != null && viewer.activeViewport().currentImage() != null));
        return viewer;
    }

    @Override
    public void close() {
        robot.interact(() -> {
            window.close();
            stage.hide();
        });
    }
}
