package org.fovea.app.ui;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.fovea.app.ui.common.FxRuntime;
import org.fovea.app.ui.common.I18n;
import org.fovea.dicom.archive.ArchiveException;
import org.fovea.dicom.archive.LocalArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** The workstation application: one window over the local archive of a FOVEA_HOME. */
public final class FoveaApp {

    private static final Logger LOG = LoggerFactory.getLogger(FoveaApp.class);

    private FoveaApp() {
    }

    /**
     * Opens the workstation window over {@code foveaHome}'s archive in the given language and
     * blocks until the window is closed; then stops the JavaFX toolkit. Call from any thread but
     * the FX thread (the command line's main thread).
     */
    public static void launch(Path foveaHome, Locale locale) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("FoveaApp.launch blocks; call it from the main thread");
        }
        // JavaFX's own words (a dialog's "Show Details", a date picker's months) follow the default
        // locale as the toolkit starts: start it in the language the user chose
        Locale.setDefault(I18n.supported(locale));
        FxRuntime.ensureStarted();
        CountDownLatch closed = new CountDownLatch(1);
        LocalArchive archive;
        try {
            archive = LocalArchive.open(foveaHome);
        } catch (ArchiveException e) {
            LOG.error("cannot open the archive at {}", foveaHome, e);
            showFatal(new I18n(locale).format("error.archiveOpen", foveaHome.toString(), e.getMessage()), closed);
            FxRuntime.await(closed);
            Platform.exit();
            return;
        }
        try (archive) {
            Platform.runLater(() -> {
                Stage stage = new Stage();
                WorkstationWindow window = new WorkstationWindow(archive, foveaHome, locale);
                stage.setOnHidden(e -> {
                    window.close();
                    closed.countDown();
                });
                window.show(stage);
                stage.setMaximized(true);
            });
            FxRuntime.await(closed);
        } finally {
            Platform.exit();
        }
    }

    private static void showFatal(String sentence, CountDownLatch closed) {
        Platform.runLater(() -> {
            Alert alert = new Alert(Alert.AlertType.ERROR, sentence, ButtonType.OK);
            alert.setHeaderText(null);
            alert.setOnHidden(e -> closed.countDown());
            alert.show();
        });
    }
}
