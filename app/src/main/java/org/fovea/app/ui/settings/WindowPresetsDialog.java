package org.fovea.app.ui.settings;

import javafx.beans.property.SimpleStringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.OverlayText;
import org.fovea.app.view.WindowRule;
import org.fovea.app.view.WindowRules;
import org.fovea.render.WindowPresets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Settings > Window presets... (V4): the rules in order, the first matching a series giving the
 * window it opens in. A rule is edited in the form under the table (a row chosen fills it; Add
 * appends it, Replace puts it in the chosen row's place); Up and Down order the rules, Built-in
 * rules brings back the workstation's own. OK writes {@code FOVEA_HOME/settings/window-presets.json}.
 */
public final class WindowPresetsDialog {

    /** The modalities offered; another can be typed. */
    static final List<String> MODALITIES = List.of("CT", "MR", "DX", "CR", "MG", "US", "XA", "RF", "PT", "NM");
    /** The window choice that is not a named preset: the width and centre typed. */
    static final String OWN = "";

    private final I18n i18n;
    private final Path home;
    private final Consumer<WindowRules> onSaved;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final TableView<WindowRule> table = new TableView<>();
    private final ComboBox<String> modality = new ComboBox<>();
    private final TextField words = new TextField();
    private final TextField bodyPart = new TextField();
    private final ComboBox<String> window = new ComboBox<>();
    private final TextField width = new TextField();
    private final TextField center = new TextField();
    private final Label problem = new Label();

    public WindowPresetsDialog(I18n i18n, Path home, Node owner, WindowRules current, Consumer<WindowRules> onSaved) {
        this.i18n = i18n;
        this.home = home;
        this.onSaved = onSaved;
        Dialogs.style(dialog, owner, i18n);
        dialog.setHeaderText(i18n.get("windowRules.header"));
        dialog.setResizable(true);
        dialog.getDialogPane().setId("window-presets-dialog");
        table.setId("window-rules");
        table.getItems().setAll(current.rules());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("windowRules.modality", 90, WindowRule::modality),
                column("windowRules.words", 260, r -> String.join(", ", r.descriptionContains())),
                column("windowRules.bodyPart", 100, r -> r.bodyPart().isEmpty() ? i18n.get("windowRules.any") : r.bodyPart()),
                column("windowRules.window", 200, this::windowText)));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> fill(r));

        modality.setEditable(true);
        modality.getItems().setAll(MODALITIES);
        modality.setId("rule-modality");
        modality.setPrefWidth(100);
        words.setId("rule-words");
        words.setPromptText(i18n.get("windowRules.wordsPrompt"));
        words.setPrefColumnCount(22);
        bodyPart.setId("rule-body-part");
        bodyPart.setPrefColumnCount(8);
        List<String> choices = new ArrayList<>(WindowPresets.ct().stream().map(WindowPresets.Preset::key).toList());
        choices.add(OWN);
        window.getItems().setAll(choices);
        window.setId("rule-window");
        window.setConverter(new StringConverter<>() {
            @Override
            public String toString(String key) {
                return key == null ? "" : key.equals(OWN) ? i18n.get("windowRules.custom") : presetText(key);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        window.getSelectionModel().select(0);
        width.setId("rule-width");
        center.setId("rule-center");
        width.setPrefColumnCount(6);
        center.setPrefColumnCount(6);
        width.disableProperty().bind(window.valueProperty().isNotEqualTo(OWN));
        center.disableProperty().bind(window.valueProperty().isNotEqualTo(OWN));
        problem.getStyleClass().add("field-problem");
        problem.setId("window-rules-problem");
        problem.setWrapText(true);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, label("windowRules.modality"), modality, label("windowRules.words"), words,
                label("windowRules.bodyPart"), bodyPart);
        form.addRow(1, label("windowRules.window"), window, label("windowRules.width"), width,
                label("windowRules.center"), center);

        Button add = button("windowRules.add", "rule-add", this::add);
        Button replace = button("windowRules.replace", "rule-replace", this::replace);
        Button remove = button("windowRules.remove", "rule-remove",
                () -> table.getItems().remove(table.getSelectionModel().getSelectedIndex()));
        Button up = button("windowRules.up", "rule-up", () -> move(-1));
        Button down = button("windowRules.down", "rule-down", () -> move(1));
        Button defaults = button("windowRules.defaults", "rule-defaults",
                () -> table.getItems().setAll(WindowRules.BUILT_IN.rules()));
        for (Button b : List.of(replace, remove, up, down)) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }

        VBox content = new VBox(10, table, new HBox(8, up, down, remove, defaults), form,
                new HBox(8, add, replace), problem);
        content.setPadding(new Insets(12));
        VBox.setVgrow(table, Priority.ALWAYS);
        content.setPrefSize(900, 560);
        dialog.getDialogPane().setContent(content);
        ButtonType ok = Dialogs.ok(i18n);
        dialog.getDialogPane().getButtonTypes().setAll(ok, Dialogs.cancel(i18n));
        dialog.getDialogPane().lookupButton(ok).addEventFilter(ActionEvent.ACTION, e -> {
            if (!save()) {
                e.consume();
            }
        });
    }

    public void show() {
        dialog.show();
    }

    public Dialog<ButtonType> dialog() { return dialog; }

    /** The rules as the dialog holds them now. */
    public List<WindowRule> rules() { return List.copyOf(table.getItems()); }

    /** Writes the rules; whether it could (otherwise the reason is shown and the dialog stays). */
    private boolean save() {
        WindowRules saved = new WindowRules(table.getItems());
        try {
            saved.save(home);
        } catch (IOException | RuntimeException e) {
            problem.setText(i18n.format("displaySettings.saveFailed", e.getMessage()));
            return false;
        }
        onSaved.accept(saved);
        return true;
    }

    private void add() {
        WindowRule r = formRule();
        if (r != null) {
            table.getItems().add(r);
            table.getSelectionModel().select(table.getItems().size() - 1);
        }
    }

    private void replace() {
        int i = table.getSelectionModel().getSelectedIndex();
        WindowRule r = formRule();
        if (r != null && i >= 0) {
            table.getItems().set(i, r);
            table.getSelectionModel().select(i);
        }
    }

    private void move(int delta) {
        int i = table.getSelectionModel().getSelectedIndex();
        int j = i + delta;
        if (i < 0 || j < 0 || j >= table.getItems().size()) {
            return;
        }
        WindowRule r = table.getItems().remove(i);
        table.getItems().add(j, r);
        table.getSelectionModel().select(j);
    }

    /** The form's rule, or null with the reason shown. */
    private WindowRule formRule() {
        String m = modality.getEditor().getText() == null ? "" : modality.getEditor().getText().trim();
        if (m.isEmpty()) {
            problem.setText(i18n.get("windowRules.noModality"));
            return null;
        }
        List<String> w = Arrays.stream(words.getText().split("[,，;；]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String preset = window.getValue() == null ? OWN : window.getValue();
        Double ww = null;
        Double wc = null;
        if (preset.equals(OWN)) {
            try {
                ww = Double.parseDouble(width.getText().trim().replace(',', '.'));
                wc = Double.parseDouble(center.getText().trim().replace(',', '.'));
            } catch (NumberFormatException e) {
                ww = null;
            }
            if (ww == null || !(ww >= 1) || !Double.isFinite(wc)) {
                problem.setText(i18n.get("windowRules.badWindow"));
                return null;
            }
        }
        problem.setText("");
        return new WindowRule(m, w, bodyPart.getText(), preset, ww, wc);
    }

    private void fill(WindowRule r) {
        if (r == null) {
            return;
        }
        modality.getEditor().setText(r.modality());
        modality.setValue(r.modality());
        words.setText(String.join(", ", r.descriptionContains()));
        bodyPart.setText(r.bodyPart());
        window.setValue(r.preset().isEmpty() ? OWN : r.preset());
        width.setText(r.width() == null ? "" : OverlayText.number(r.width()));
        center.setText(r.center() == null ? "" : OverlayText.number(r.center()));
    }

    /** "Lung 1500/-600", or "1200/300" for a window of the rule's own. */
    private String windowText(WindowRule r) {
        return r.preset().isEmpty() ? OverlayText.number(r.width()) + "/" + OverlayText.number(r.center())
                : presetText(r.preset());
    }

    private String presetText(String key) {
        return WindowPresets.byKey(key).map(p -> i18n.get("preset." + key) + " " + OverlayText.number(p.width())
                + "/" + OverlayText.number(p.center())).orElse(key);
    }

    private TableColumn<WindowRule, String> column(String key, double width, Function<WindowRule, String> value) {
        TableColumn<WindowRule, String> c = new TableColumn<>(i18n.get(key));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new SimpleStringProperty(value.apply(cd.getValue())));
        return c;
    }

    private Label label(String key) {
        return new Label(i18n.get(key));
    }

    private Button button(String key, String id, Runnable action) {
        Button b = new Button(i18n.get(key));
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
