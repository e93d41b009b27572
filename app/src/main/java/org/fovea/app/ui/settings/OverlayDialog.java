package org.fovea.app.ui.settings;

import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.OverlayField;
import org.fovea.app.view.OverlayLayout;
import org.fovea.app.view.OverlayLayout.Corner;
import org.fovea.app.view.OverlayLayouts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Settings > Overlay... (V26): for the default layout and for each modality that has its own, the
 * fields of each image corner, top line first, added, removed and ordered corner by corner. OK
 * writes {@code FOVEA_HOME/settings/overlay.json}, and refuses, saying which layout lacks what, a
 * layout without the patient's name, ID, sex/age or the study date.
 */
public final class OverlayDialog {

    /** The default layout's entry in the modality chooser. */
    static final String DEFAULT = "";

    private final I18n i18n;
    private final Path home;
    private final Consumer<OverlayLayouts> onSaved;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ComboBox<String> modality = new ComboBox<>();
    private final CheckBox own = new CheckBox();
    private final Map<Corner, ListView<OverlayField>> lists = new EnumMap<>(Corner.class);
    private final Map<Corner, ComboBox<OverlayField>> toAdd = new EnumMap<>(Corner.class);
    private final Label problem = new Label();
    /** The layouts as edited so far. */
    private OverlayLayouts layouts;
    /** Set while the lists are filled from {@link #layouts}, so filling them is not taken for an edit. */
    private boolean filling;

    public OverlayDialog(I18n i18n, Path home, Node owner, OverlayLayouts current, Consumer<OverlayLayouts> onSaved) {
        this.i18n = i18n;
        this.home = home;
        this.onSaved = onSaved;
        this.layouts = current;
        Dialogs.style(dialog, owner, i18n);
        dialog.setHeaderText(i18n.get("overlayDialog.header"));
        dialog.setResizable(true);
        dialog.getDialogPane().setId("overlay-dialog");

        List<String> choices = new ArrayList<>(List.of(DEFAULT));
        choices.addAll(WindowPresetsDialog.MODALITIES);
        current.modalities().keySet().stream().filter(m -> !choices.contains(m)).forEach(choices::add);
        modality.getItems().setAll(choices);
        modality.setId("overlay-modality");
        modality.setConverter(new StringConverter<>() {
            @Override
            public String toString(String m) {
                return m == null ? "" : m.equals(DEFAULT) ? i18n.get("overlayDialog.default") : m;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        own.setText(i18n.get("overlayDialog.own"));
        own.setId("overlay-own");
        own.selectedProperty().addListener((o, was, is) -> {
            if (!filling) {
                String m = modality.getValue();
                layouts = layouts.with(m, is ? layouts.defaults() : null);
                fill();
            }
        });
        Button reset = new Button(i18n.get("overlayDialog.reset"));
        reset.setId("overlay-reset");
        reset.setOnAction(e -> reset());

        GridPane corners = new GridPane();
        corners.setHgap(16);
        corners.setVgap(12);
        for (Corner c : Corner.values()) {
            corners.add(corner(c), c.ordinal() % 2, c.ordinal() / 2);
        }
        problem.getStyleClass().add("field-problem");
        problem.setId("overlay-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(760);

        HBox top = new HBox(10, new Label(i18n.get("overlayDialog.modality")), modality, own, reset);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox content = new VBox(12, top, corners, problem);
        content.setPadding(new Insets(12));
        dialog.getDialogPane().setContent(content);
        ButtonType ok = Dialogs.ok(i18n);
        dialog.getDialogPane().getButtonTypes().setAll(ok, Dialogs.cancel(i18n));
        dialog.getDialogPane().lookupButton(ok).addEventFilter(ActionEvent.ACTION, e -> {
            if (!save()) {
                e.consume();
            }
        });
        modality.valueProperty().addListener((o, a, m) -> fill());
        modality.setValue(DEFAULT);
    }

    public void show() {
        dialog.show();
    }

    public Dialog<ButtonType> dialog() { return dialog; }

    /** The layouts as the dialog holds them now. */
    public OverlayLayouts layouts() { return layouts; }

    /** Writes the layouts, or says which one lacks which identity field; whether it wrote them. */
    private boolean save() {
        Map<String, List<OverlayField>> missing = layouts.missingIdentity();
        if (!missing.isEmpty()) {
            Map.Entry<String, List<OverlayField>> first = missing.entrySet().iterator().next();
            problem.setText(i18n.format("overlayDialog.identityRequired",
                    first.getKey().equals(DEFAULT) ? i18n.get("overlayDialog.default") : first.getKey(),
                    String.join(", ", first.getValue().stream().map(f -> i18n.get(f.labelKey())).toList())));
            modality.setValue(first.getKey());
            return false;
        }
        try {
            layouts.save(home);
        } catch (IOException | RuntimeException e) {
            problem.setText(i18n.format("displaySettings.saveFailed", e.getMessage()));
            return false;
        }
        onSaved.accept(layouts);
        return true;
    }

    /** Reset to default: the default layout back to the built-in one, a modality's to the default. */
    private void reset() {
        String m = modality.getValue();
        layouts = m.equals(DEFAULT) ? new OverlayLayouts(OverlayLayout.BUILT_IN, layouts.modalities())
                : layouts.with(m, null);
        fill();
    }

    /** The lists show the chosen layout; a modality without its own shows the default's, not editable. */
    private void fill() {
        String m = modality.getValue() == null ? DEFAULT : modality.getValue();
        boolean editable = m.equals(DEFAULT) || layouts.modalities().containsKey(m);
        filling = true;
        own.setSelected(editable);
        own.setDisable(m.equals(DEFAULT));
        OverlayLayout l = layouts.forModality(m);
        for (Corner c : Corner.values()) {
            lists.get(c).getItems().setAll(l.fields(c));
            lists.get(c).setDisable(!editable);
            toAdd.get(c).setDisable(!editable);
            List<OverlayField> unused = Arrays.stream(OverlayField.values()).filter(f -> !l.contains(f)).toList();
            toAdd.get(c).getItems().setAll(unused);
            toAdd.get(c).setValue(unused.isEmpty() ? null : unused.get(0));
        }
        filling = false;
    }

    /** Takes an edit of one corner's list into the layout being edited. */
    private void edited(Corner c, List<OverlayField> fields, int select) {
        String m = modality.getValue();
        OverlayLayout l = layouts.forModality(m).with(c, fields);
        layouts = m.equals(DEFAULT) ? new OverlayLayouts(l, layouts.modalities()) : layouts.with(m, l);
        problem.setText("");
        fill();
        lists.get(c).getSelectionModel().select(select);
    }

    private Node corner(Corner c) {
        ListView<OverlayField> list = new ListView<>();
        list.setId("overlay-list-" + c.key());
        list.setPrefSize(340, 190);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(OverlayField f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : i18n.get(f.labelKey()));
            }
        });
        lists.put(c, list);
        ComboBox<OverlayField> field = new ComboBox<>();
        field.setId("overlay-field-" + c.key());
        field.setConverter(new StringConverter<>() {
            @Override
            public String toString(OverlayField f) {
                return f == null ? "" : i18n.get(f.labelKey());
            }

            @Override
            public OverlayField fromString(String s) {
                return null;
            }
        });
        toAdd.put(c, field);
        Button add = button("overlayDialog.add", "overlay-add-" + c.key(), () -> {
            if (field.getValue() != null) {
                List<OverlayField> fields = new ArrayList<>(list.getItems());
                fields.add(field.getValue());
                edited(c, fields, fields.size() - 1);
            }
        });
        Button remove = button("overlayDialog.remove", "overlay-remove-" + c.key(), () -> {
            int i = list.getSelectionModel().getSelectedIndex();
            List<OverlayField> fields = new ArrayList<>(list.getItems());
            fields.remove(i);
            edited(c, fields, Math.min(i, fields.size() - 1));
        });
        Button up = button("overlayDialog.up", "overlay-up-" + c.key(), () -> move(c, -1));
        Button down = button("overlayDialog.down", "overlay-down-" + c.key(), () -> move(c, 1));
        for (Button b : List.of(remove, up, down)) {
            b.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().or(list.disabledProperty()));
        }
        add.disableProperty().bind(field.disabledProperty());
        Label title = new Label(i18n.get("overlayCorner." + c.key()));
        title.getStyleClass().add("section-title");
        return new VBox(6, title, list, new HBox(6, field, add), new HBox(6, up, down, remove));
    }

    private void move(Corner c, int delta) {
        ListView<OverlayField> list = lists.get(c);
        int i = list.getSelectionModel().getSelectedIndex();
        int j = i + delta;
        if (i < 0 || j < 0 || j >= list.getItems().size()) {
            return;
        }
        List<OverlayField> fields = new ArrayList<>(list.getItems());
        fields.add(j, fields.remove(i));
        edited(c, fields, j);
    }

    private Button button(String key, String id, Runnable action) {
        Button b = new Button(i18n.get(key));
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
