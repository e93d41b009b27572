package org.fovea.app.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The small layout pieces the search bars and panels share, labelled in the UI language. */
public final class Forms {

    private Forms() {
    }

    /** A field with its label on the left. */
    public static Node labelled(I18n i18n, String key, Node field) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.setLabelFor(field);
        HBox box = new HBox(4, l, field);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** A panel under a section title; the content takes the height. */
    public static Node titled(I18n i18n, String key, Node content) {
        Label title = new Label();
        title.textProperty().bind(i18n.text(key));
        title.getStyleClass().add("section-title");
        VBox box = new VBox(title, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }
}
