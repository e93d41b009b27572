package org.fovea.app.ui.settings;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fovea.app.hanging.HangingProtocol;
import org.fovea.app.hanging.Protocols;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings > Hanging protocols… (issue 14): the protocols in the order they are tried for a study,
 * the department's and the built-in ones. Up and Down reorder them (kept in
 * {@code settings/hanging/order.txt}); the chosen one's JSON can be edited beside the list and
 * saved — a built-in one becomes the department's copy — after the same checks a file gets, the
 * reason said when it is refused; Delete removes the department's file (a built-in one it
 * replaced comes back). Every change is written at once.
 */
public final class HangingProtocolsDialog {

    private final I18n i18n;
    private final Path home;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ListView<HangingProtocol> list = new ListView<>();
    private final TextArea json = new TextArea();
    private final Label problem = new Label();
    private Protocols protocols;

    public HangingProtocolsDialog(I18n i18n, Path home, Node owner) {
        this.i18n = i18n;
        this.home = home;
        Dialogs.style(dialog, owner, i18n);
        dialog.setHeaderText(i18n.get("protocols.header"));
        dialog.setResizable(true);
        dialog.getDialogPane().setId("hanging-protocols-dialog");
        list.setId("hanging-protocols");
        list.setPrefWidth(260);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(HangingProtocol p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + (protocols.file(p.name()).isPresent() ? ""
                        : "  (" + i18n.get("protocols.builtIn") + ")"));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            json.setText(p == null ? "" : Protocols.toJson(p));
            problem.setText("");
        });
        json.setId("hanging-protocol-json");
        json.setPrefColumnCount(60);
        json.setPrefRowCount(24);
        json.setStyle("-fx-font-family: monospace;");
        problem.setId("hanging-protocol-problem");
        problem.getStyleClass().add("dialog-problem");
        problem.setWrapText(true);
        Button up = button("protocols.up", () -> move(-1));
        Button down = button("protocols.down", () -> move(1));
        Button save = button("protocols.save", this::saveEdited);
        save.setId("hanging-protocol-save");
        Button delete = button("protocols.delete", this::delete);
        delete.setId("hanging-protocol-delete");
        VBox right = new VBox(6, json, new HBox(6, save, delete), problem);
        VBox.setVgrow(json, Priority.ALWAYS);
        BorderPane content = new BorderPane(right, null, null, null, new VBox(6, list, new HBox(6, up, down)));
        BorderPane.setMargin(right, new javafx.geometry.Insets(0, 0, 0, 8));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        reload(null);
    }

    public void show() { dialog.show(); }

    public void close() { dialog.close(); }

    /** The protocols as listed now, in the order they are tried. */
    public List<String> names() { return list.getItems().stream().map(HangingProtocol::name).toList(); }

    /** Chooses a protocol by name, as a click in the list does. */
    public void select(String name) {
        list.getItems().stream().filter(p -> p.name().equals(name)).findFirst().ifPresent(p -> list.getSelectionModel().select(p));
    }

    /** The JSON being edited. */
    public TextArea editor() { return json; }

    /** What was refused last, empty when nothing was. */
    public String problem() { return problem.getText(); }

    private void reload(String select) {
        protocols = Protocols.load(home);
        list.getItems().setAll(protocols.all());
        if (select != null) {
            select(select);
        } else if (!list.getItems().isEmpty()) {
            list.getSelectionModel().select(0);
        }
    }

    /** Up or Down: the chosen protocol one place earlier or later, written at once. */
    public void move(int by) {
        int i = list.getSelectionModel().getSelectedIndex();
        int j = i + by;
        if (i < 0 || j < 0 || j >= list.getItems().size()) {
            return;
        }
        List<String> names = new java.util.ArrayList<>(names());
        java.util.Collections.swap(names, i, j);
        try {
            Protocols.saveOrder(home, names);
        } catch (IOException e) {
            problem.setText(i18n.format("displaySettings.saveFailed", e.getMessage()));
            return;
        }
        reload(names.get(j));
    }

    /** Saves the edited JSON, into the protocol's own file or as the department's copy of a built-in one. */
    public boolean saveEdited() {
        HangingProtocol chosen = list.getSelectionModel().getSelectedItem();
        HangingProtocol edited;
        try {
            edited = Protocols.parse(json.getText());
        } catch (IllegalArgumentException e) {
            problem.setText(i18n.format("protocols.refused", e.getMessage()));
            return false;
        }
        try {
            Path own = chosen == null ? null : protocols.file(chosen.name()).orElse(null);
            if (own != null) {
                Protocols.saveAs(own, edited);
            } else {
                Protocols.save(home, edited);
            }
        } catch (IOException | RuntimeException e) {
            problem.setText(i18n.format("displaySettings.saveFailed", e.getMessage()));
            return false;
        }
        reload(edited.name());
        return true;
    }

    /** Delete: the department's file of the chosen protocol. */
    public void delete() {
        HangingProtocol chosen = list.getSelectionModel().getSelectedItem();
        Path own = chosen == null ? null : protocols.file(chosen.name()).orElse(null);
        if (own == null) {
            problem.setText(i18n.get("protocols.builtInStays"));
            return;
        }
        try {
            Files.delete(own);
        } catch (IOException e) {
            problem.setText(i18n.format("displaySettings.saveFailed", e.getMessage()));
            return;
        }
        reload(chosen.name());
    }

    private Button button(String key, Runnable action) {
        Button b = new Button();
        b.textProperty().bind(i18n.text(key));
        b.setOnAction(e -> action.run());
        return b;
    }
}
