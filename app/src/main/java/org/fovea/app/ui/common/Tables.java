package org.fovea.app.ui.common;

import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/** The small pieces the list views share: a text column of a row's value, a button with its id. */
public final class Tables {

    private Tables() {
    }

    /** A column titled {@code title} showing {@code value} of each row. */
    public static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return c;
    }

    /** A button with its text, its id (for tests and styles) and its action. */
    public static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
