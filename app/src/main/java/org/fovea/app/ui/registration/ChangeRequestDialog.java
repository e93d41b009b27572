package org.fovea.app.ui.registration;

import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.registration.OrderChanges;
import org.fovea.reporting.identity.User;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Changing an exam's electronic request at the desk (T5): the exam's change log so far, then the
 * field, its new value and why. {@link OrderChanges} decides who may change what (a registrar
 * every field, a technician the allergies and the priority), logs it, and queues the order update
 * for the HIS when the change is major.
 */
final class ChangeRequestDialog {

    /** What the user asked: the field, the new value, the reason. */
    record Asked(OrderChanges.Field field, String value, String reason) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final Dialog<Asked> dialog = new Dialog<>();

    ChangeRequestDialog(I18n i18n, Node owner, String accession, List<OrderChanges.Change> history) {
        Dialogs.style(dialog, owner, i18n);
        dialog.setHeaderText(i18n.format("reg.change.header", accession));
        ListView<String> log = new ListView<>();
        log.setId("reg-change-history");
        log.setPrefHeight(120);
        log.setPlaceholder(new Label(i18n.get("reg.change.none")));
        log.getItems().setAll(history.stream().map(c -> i18n.format("reg.change.line",
                TIME.format(Instant.ofEpochMilli(c.changedMs()).atZone(ZoneId.systemDefault())), c.changedBy(),
                c.field().typed(), c.oldValue(), c.newValue(), c.major() ? i18n.get("reg.change.major") : "",
                c.toHis() ? i18n.format("reg.change.his", c.hisState()) : "")).toList());
        ComboBox<OrderChanges.Field> field = new ComboBox<>();
        field.setId("reg-change-field");
        field.getItems().setAll(OrderChanges.Field.values());
        field.setValue(OrderChanges.Field.PRIORITY);
        TextField value = new TextField();
        value.setId("reg-change-value");
        value.setPromptText(i18n.get("reg.change.value.prompt"));
        TextField reason = new TextField();
        reason.setId("reg-change-reason");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label(i18n.get("reg.change.field")), field);
        grid.addRow(1, new Label(i18n.get("reg.change.value")), value);
        grid.addRow(2, new Label(i18n.get("reg.change.reason")), reason);
        dialog.getDialogPane().setContent(new VBox(8, new Label(i18n.get("reg.change.log")), log, grid));
        ButtonType ok = Dialogs.ok(i18n);
        dialog.getDialogPane().getButtonTypes().setAll(ok, Dialogs.cancel(i18n));
        dialog.getDialogPane().lookupButton(ok).setId("reg-change-ok");
        dialog.getDialogPane().lookupButton(ok).disableProperty().bind(value.textProperty().isEmpty());
        dialog.setResultConverter(b -> b == ok ? new Asked(field.getValue(), value.getText().strip(),
                reason.getText().strip()) : null);
    }

    Optional<Asked> showAndWait() {
        return dialog.showAndWait();
    }

    /** Who changes: the logged-in user, or without logins this computer's account with a registrar's rights. */
    static User who(User loggedIn) {
        return loggedIn != null ? loggedIn : OrderChanges.computerAccount();
    }
}
