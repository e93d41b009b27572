package org.fovea.app.ui.alert;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.alert.CriticalValue;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;

import java.util.List;
import java.util.Optional;

/**
 * Flags a critical value in a report: which one (from the department's list), to whom (a
 * clinician), the backup and the department head for escalation, and a note.
 */
public final class RaiseAlertDialog {

    /** What the radiologist chose. */
    public record Choice(String finding, String recipient, String backup, String head, String note) {
    }

    private RaiseAlertDialog() {
    }

    public static Optional<Choice> ask(I18n i18n, Window owner, List<CriticalValue> values, List<User> users) {
        Dialog<Choice> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get("alerts.raiseTitle"));
        ComboBox<String> finding = new ComboBox<>();
        values.forEach(v -> finding.getItems().add(v.finding()));
        finding.setId("raise-finding");
        ComboBox<String> recipient = people(users, Permission.ACKNOWLEDGE_ALERT, "raise-recipient");
        ComboBox<String> backup = people(users, Permission.ACKNOWLEDGE_ALERT, "raise-backup");
        ComboBox<String> head = people(users, Permission.RECALL_REPORT, "raise-head");
        TextField note = new TextField();
        note.setId("raise-note");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label(i18n.get("alerts.finding")), finding);
        g.addRow(1, new Label(i18n.get("alerts.to")), recipient);
        g.addRow(2, new Label(i18n.get("alerts.backup")), backup);
        g.addRow(3, new Label(i18n.get("alerts.head")), head);
        g.addRow(4, new Label(i18n.get("alerts.note")), note);
        d.getDialogPane().setContent(g);
        ButtonType send = new ButtonType(i18n.get("alerts.send"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(send, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(send).setId("raise-send");
        d.getDialogPane().lookupButton(send).disableProperty().bind(finding.valueProperty().isNull()
                .or(recipient.valueProperty().isNull()).or(backup.valueProperty().isNull()).or(head.valueProperty().isNull()));
        d.setResultConverter(bt -> bt == send ? new Choice(finding.getValue(), login(recipient.getValue()),
                login(backup.getValue()), login(head.getValue()), note.getText()) : null);
        return d.showAndWait();
    }

    private static ComboBox<String> people(List<User> users, Permission p, String id) {
        ComboBox<String> box = new ComboBox<>();
        users.stream().filter(u -> u.may(p)).forEach(u -> box.getItems().add(u.displayName() + " (" + u.login() + ")"));
        box.setId(id);
        return box;
    }

    private static String login(String shown) {
        return shown.substring(shown.lastIndexOf('(') + 1, shown.length() - 1);
    }
}
