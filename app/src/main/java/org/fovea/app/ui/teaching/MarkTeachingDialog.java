package org.fovea.app.ui.teaching;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.fovea.app.ui.common.I18n;

import java.util.List;
import java.util.Optional;

/** Asks a teaching case's category (one in use, or a new one) and a note. */
public final class MarkTeachingDialog {

    /** The category and note chosen. */
    public record Choice(String category, String note) {
    }

    private MarkTeachingDialog() {
    }

    public static Optional<Choice> ask(I18n i18n, Window owner, List<String> categories) {
        Dialog<Choice> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get("teaching.mark"));
        d.setHeaderText(i18n.get("teaching.markHeader"));
        ComboBox<String> category = new ComboBox<>();
        category.setEditable(true);
        category.getItems().setAll(categories);
        category.setId("teaching-mark-category");
        TextField note = new TextField();
        note.setId("teaching-mark-note");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label(i18n.get("teaching.category")), category);
        g.addRow(1, new Label(i18n.get("teaching.note")), note);
        d.getDialogPane().setContent(g);
        ButtonType ok = new ButtonType(i18n.get("teaching.mark"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ok).setId("teaching-mark-ok");
        d.setResultConverter(bt -> {
            String c = category.getEditor().getText();
            return bt == ok && c != null && !c.isBlank() ? new Choice(c.strip(), note.getText()) : null;
        });
        return d.showAndWait();
    }
}
