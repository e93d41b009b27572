package org.fovea.app.ui;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.fovea.app.ui.common.FxRuntime;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Threads;
import org.fovea.app.ui.login.Authenticator;
import org.fovea.app.ui.login.IdleLock;
import org.fovea.app.ui.login.LoginDialog;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.identity.User;
import org.fovea.dicom.archive.ArchiveException;
import org.fovea.dicom.archive.LocalArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;

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
        ReportingDatabase department;
        try {
            department = ReportingDatabase.forHome(foveaHome);
        } catch (IllegalStateException e) {
            LOG.error("cannot open the department database of {}", foveaHome, e);
            archive.close();
            showFatal(e.getMessage(), closed);
            FxRuntime.await(closed);
            Platform.exit();
            return;
        }
        ExecutorService logins = Threads.pool("fovea-login", 1);
        try (archive; department) {
            Authenticator auth = new Authenticator(department);
            I18n i18n = new I18n(locale);
            User user = auth.departmentHasUsers() ? logIn(i18n, auth, logins) : null;
            if (auth.departmentHasUsers() && user == null) {
                return;
            }
            Platform.runLater(() -> {
                Stage stage = new Stage();
                WorkstationWindow window = new WorkstationWindow(archive, foveaHome, locale);
                window.setUser(user);
                stage.setOnHidden(e -> {
                    window.close();
                    if (user != null) {
                        logins.execute(() -> auth.audit(user.login(), AuditAction.LOGOUT));
                    }
                    closed.countDown();
                });
                window.show(stage);
                stage.setMaximized(true);
                if (user != null) {
                    IdleLock lock = new IdleLock(i18n, user, idleTime(), auth, logins);
                    lock.watchAllWindows();
                    window.setOnLock(lock::lock);
                }
            });
            FxRuntime.await(closed);
        } finally {
            logins.shutdown();
            Platform.exit();
        }
    }

    /** The login dialog until someone logs in; null when it is closed. */
    private static User logIn(I18n i18n, Authenticator auth, ExecutorService worker) {
        User[] who = new User[1];
        CountDownLatch answered = new CountDownLatch(1);
        Platform.runLater(() -> {
            who[0] = new LoginDialog(i18n, null, auth, worker).dialog().showAndWait().orElse(null);
            answered.countDown();
        });
        FxRuntime.await(answered);
        return who[0];
    }

    /**
     * How long the workstation waits without input before it locks: {@code fovea.idleLock} (an
     * ISO-8601 duration, e.g. PT5M) or 10 minutes.
     */
    static javafx.util.Duration idleTime() {
        String configured = System.getProperty("fovea.idleLock", "PT10M");
        try {
            return javafx.util.Duration.millis(java.time.Duration.parse(configured).toMillis());
        } catch (java.time.format.DateTimeParseException e) {
            LOG.warn("fovea.idleLock={} is not an ISO-8601 duration (e.g. PT10M); locking after 10 minutes", configured);
            return javafx.util.Duration.minutes(10);
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
