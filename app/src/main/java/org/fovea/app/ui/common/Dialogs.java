package org.fovea.app.ui.common;

import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListView;

import java.util.List;
import java.util.function.Supplier;

/** Dialogs that look like the window they belong to: same owner, dark theme and CJK font. */
public final class Dialogs {

    private Dialogs() {
    }

    public static void style(Dialog<?> dialog, Node owner, I18n i18n) {
        dialog.setTitle(i18n.get("app.title"));
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.getDialogPane().setStyle(UiFonts.rootStyle());
    }

    /** OK in the UI language (JavaFX would label it in the JVM's language). */
    public static ButtonType ok(I18n i18n) {
        return new ButtonType(i18n.get("dialog.ok"), ButtonBar.ButtonData.OK_DONE);
    }

    public static ButtonType cancel(I18n i18n) {
        return new ButtonType(i18n.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
    }

    /**
     * OK and Cancel, where OK keeps the dialog open and shows the form's first problem in
     * {@code problem} while {@code firstProblemKey} names one (a bundle key; null when none).
     * Returns the OK button type, for the result converter.
     */
    public static ButtonType okCancelValidated(Dialog<?> dialog, I18n i18n, Supplier<String> firstProblemKey, Label problem) {
        ButtonType okType = ok(i18n);
        dialog.getDialogPane().getButtonTypes().setAll(okType, cancel(i18n));
        Button ok = (Button) dialog.getDialogPane().lookupButton(okType);
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            String key = firstProblemKey.get();
            if (key != null) {
                problem.setText(i18n.get(key));
                e.consume();
            }
        });
        return okType;
    }

    /** Dates typed and shown as 2024-03-15 in both languages, as in the tables. */
    public static void isoDates(DatePicker picker) {
        picker.setConverter(new javafx.util.converter.LocalDateStringConverter(
                java.time.format.DateTimeFormatter.ISO_LOCAL_DATE, java.time.format.DateTimeFormatter.ISO_LOCAL_DATE));
    }

    /** A summary with a header, a short body and, when given, a list of details (e.g. each failed file). */
    public static Alert summary(Node owner, I18n i18n, boolean problem, String header, String body, List<String> details) {
        Alert alert = new Alert(problem ? Alert.AlertType.WARNING : Alert.AlertType.INFORMATION, body, ok(i18n));
        style(alert, owner, i18n);
        alert.setHeaderText(header);
        if (!details.isEmpty()) {
            ListView<String> list = new ListView<>();
            list.getItems().setAll(details);
            list.setPrefHeight(Math.min(320, 26 * details.size() + 12));
            list.setPrefWidth(720);
            alert.getDialogPane().setExpandableContent(list);
            alert.getDialogPane().setExpanded(true);
        }
        alert.show();
        return alert;
    }
}
