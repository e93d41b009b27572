package org.fovea.app.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import org.fovea.dicom.archive.ArchiveException;
import org.fovea.dicom.net.DicomNetworkFailure;
import org.fovea.dicom.net.NetworkSettingsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user in one sentence what failed and what to do; the stack trace goes to the log,
 * never into a dialog.
 */
public final class Alerts {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private Alerts() {
    }

    /** Logs the error and shows "what failed" as the header and a sentence as the body. */
    public static void error(Node owner, I18n i18n, String whatKey, Throwable error) {
        LOG.error(i18n.get(whatKey), error);
        Alert alert = new Alert(Alert.AlertType.ERROR, sentence(i18n, error), ButtonType.OK);
        alert.setTitle(i18n.get("app.title"));
        alert.setHeaderText(i18n.get(whatKey));
        if (owner != null && owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
            alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            alert.getDialogPane().setStyle(UiFonts.rootStyle());
        }
        alert.show();
    }

    /**
     * The user-facing sentence: archive failures carry their own message, network failures a
     * sentence naming the peer and what to do; anything else is a defect, so the user is pointed
     * at the log rather than shown its internals.
     */
    public static String sentence(I18n i18n, Throwable error) {
        if ((error instanceof DicomNetworkFailure || error instanceof NetworkSettingsException)
                && error.getMessage() != null) {
            return error.getMessage();
        }
        if (error instanceof ArchiveException && error.getMessage() != null) {
            return error.getMessage() + " " + i18n.get("error.seeLog");
        }
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        // refusals of the rules (sign-off, alerts, a report someone else changed, a key that does not
        // open, a user change) are already the sentence the user should read
        if (cause.getMessage() != null && (cause instanceof org.fovea.reporting.workflow.SignOffRefused
                || cause instanceof org.fovea.reporting.alert.AlertRefused
                || cause instanceof org.fovea.reporting.ReportConflictException
                || cause instanceof org.fovea.reporting.identity.IdentityException
                || cause instanceof java.security.GeneralSecurityException)) {
            return cause.getMessage();
        }
        if (cause != error) {
            return sentence(i18n, cause);
        }
        return i18n.get("error.unexpected");
    }
}
