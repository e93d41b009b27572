package org.fovea.app.ui.alert;

import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import org.controlsfx.control.Notifications;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Theme;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.reporting.alert.Alert;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * A critical value addressed to the user: what, about whom, from whom, due when; it closes only
 * with an acknowledgement that reads the finding back (no cancel, no close button). A
 * notification says it too, for a user looking at another window.
 */
final class AcknowledgeDialog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final Dialog<String> dialog = new Dialog<>();
    private final I18n i18n;
    private final Alert alert;
    private Consumer<String> onAcknowledge = r -> { };

    AcknowledgeDialog(I18n i18n, Alert a) {
        this.i18n = i18n;
        this.alert = a;
        dialog.setTitle(i18n.get("alerts.title"));
        dialog.setHeaderText(i18n.format("alerts.header", a.finding(), a.category().name()));
        TextArea readBack = new TextArea();
        readBack.setId("alert-read-back");
        readBack.setPrefRowCount(3);
        readBack.setWrapText(true);
        Label what = new Label(i18n.format("alerts.body", PersonNameFormat.display(a.patientName()), a.patientId(),
                a.accession(), a.sender(), TIME.format(a.due()), a.note()));
        what.setWrapText(true);
        dialog.getDialogPane().setContent(new VBox(8, what, new Label(i18n.get("alerts.readBack")), readBack));
        dialog.getDialogPane().getStylesheets().add(Theme.stylesheet());
        dialog.getDialogPane().setId("alert-dialog");
        dialog.getDialogPane().getStyleClass().add("critical-dialog");
        ButtonType ack = new ButtonType(i18n.get("alerts.acknowledge"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().add(ack);
        Node button = dialog.getDialogPane().lookupButton(ack);
        button.setId("alert-acknowledge");
        button.addEventFilter(ActionEvent.ACTION, e -> {
            if (readBack.getText().isBlank()) {
                e.consume();
                readBack.setPromptText(i18n.get("alerts.readBackNeeded"));
                readBack.requestFocus();
            }
        });
        dialog.setResultConverter(bt -> bt == ack ? readBack.getText().strip() : null);
        // only the acknowledgement closes it
        dialog.setOnCloseRequest(e -> {
            if (dialog.getResult() == null) {
                e.consume();
            }
        });
        dialog.setOnHidden(e -> {
            if (dialog.getResult() != null) {
                onAcknowledge.accept(dialog.getResult());
            }
        });
    }

    void onAcknowledge(Consumer<String> c) {
        onAcknowledge = c;
    }

    void show() {
        Notifications.create().title(i18n.get("alerts.title")).text(alert.finding() + " — "
                + PersonNameFormat.display(alert.patientName())).hideAfter(javafx.util.Duration.seconds(60)).showWarning();
        dialog.show();
        dialog.getDialogPane().getScene().getWindow().requestFocus();
    }
}
