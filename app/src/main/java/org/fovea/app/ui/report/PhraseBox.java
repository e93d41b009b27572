package org.fovea.app.ui.report;

import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.phrase.Phrase;
import org.fovea.reporting.phrase.Phrases;

import java.util.function.Consumer;

/**
 * Typical phrases and the diagnostic knowledge base (P13) for the report's body part: type a
 * shortcut, pinyin initials or words (Ctrl+F), Enter inserts the first match at the caret; the
 * list under the field shows what matches.
 */
final class PhraseBox {

    private final Phrases phrases = Phrases.load();
    private final TextField search = TextFields.createClearableTextField();
    private final ListView<Phrase> matches = new ListView<>();
    private final VBox root;
    private final Consumer<String> insert;
    private String bodyPart = "";

    PhraseBox(I18n i18n, Consumer<String> insert) {
        this.insert = insert;
        search.setId("report-phrase-search");
        search.setPromptText(i18n.get("report.phrasePrompt"));
        matches.setId("report-phrases");
        matches.setPrefHeight(90);
        matches.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Phrase p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : "[" + p.shortcut() + "] " + p.text());
            }
        });
        search.textProperty().addListener((o, a, t) -> refresh());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                Phrase p = matches.getSelectionModel().getSelectedItem();
                if (p == null && !matches.getItems().isEmpty()) {
                    p = matches.getItems().get(0);
                }
                if (p != null) {
                    insert.accept(p.text());
                    search.clear();
                }
                e.consume();
            }
        });
        matches.setOnMouseClicked(e -> {
            Phrase p = matches.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && p != null) {
                insert.accept(p.text());
            }
        });
        root = new VBox(4, search, matches);
        VBox.setVgrow(matches, Priority.NEVER);
        refresh();
    }

    Node node() { return root; }

    void setBodyPart(String part) {
        bodyPart = part == null ? "" : part;
        refresh();
    }

    void focus() {
        search.requestFocus();
    }

    private void refresh() {
        matches.getItems().setAll(phrases.search(bodyPart, search.getText().trim()));
    }
}
