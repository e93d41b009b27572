package org.fovea.app.ui.teaching;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Tables;
import org.fovea.app.ui.report.ReportService;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.reporting.teaching.TeachingCase;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The teaching list and morning reading (P8, 教学晨读): the department's teaching cases by
 * category; a morning reading opens them one after another in the viewer, with the patient's
 * identity hidden when asked (in the list and on the images).
 */
public final class TeachingView {

    private final I18n i18n;
    private final ReportService service;
    private final BiConsumer<TeachingCase, Boolean> open;
    private final BorderPane root = new BorderPane();
    private final TableView<TeachingCase> table = new TableView<>();
    private final ComboBox<String> category = new ComboBox<>();
    private final CheckBox hide = new CheckBox();
    private final Label position = new Label();
    private int current = -1;

    /** @param open opens a case in the viewer, identity hidden or not */
    public TeachingView(I18n i18n, ReportService service, BiConsumer<TeachingCase, Boolean> open) {
        this.i18n = i18n;
        this.service = service;
        this.open = open;
        table.setId("teaching-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("column.studyDate", t -> t.study().studyDate() == null ? ""
                : t.study().studyDate().toString()));
        table.getColumns().add(column("column.patientName", t -> hide.isSelected() ? "—"
                : PersonNameFormat.display(t.study().patientName())));
        table.getColumns().add(column("column.modality", t -> t.study().modality()));
        table.getColumns().add(column("report.exam", t -> t.study().examItem()));
        table.getColumns().add(column("teaching.category", TeachingCase::category));
        table.getColumns().add(column("teaching.note", TeachingCase::note));
        table.getColumns().add(column("teaching.markedBy", TeachingCase::markedBy));
        category.setId("teaching-category");
        category.setPromptText(i18n.get("teaching.allCategories"));
        category.valueProperty().addListener((o, a, b) -> refresh());
        hide.setText(i18n.get("teaching.hideIdentity"));
        hide.setId("teaching-hide");
        hide.selectedProperty().addListener((o, a, b) -> table.refresh());
        Button start = button("teaching.start", "teaching-start", () -> go(0));
        Button previous = button("teaching.previous", "teaching-previous", () -> go(current - 1));
        Button next = button("teaching.next", "teaching-next", () -> go(current + 1));
        position.setId("teaching-position");
        HBox bar = new HBox(8, category, hide, start, previous, next, position);
        bar.setPadding(new Insets(6));
        root.setTop(bar);
        root.setCenter(table);
    }

    public Node node() { return root; }

    public TableView<TeachingCase> table() { return table; }

    private TableColumn<TeachingCase, String> column(String key, Function<TeachingCase, String> value) {
        return Tables.column(i18n.get(key), value);
    }

    private Button button(String key, String id, Runnable action) {
        return Tables.button(i18n.get(key), id, action);
    }

    public void refresh() {
        String c = category.getValue();
        service.teachingCategories().thenAccept(list -> {
            if (!list.equals(category.getItems().subList(Math.min(1, category.getItems().size()), category.getItems().size()))) {
                String chosen = category.getValue();
                category.getItems().setAll(list);
                category.getItems().add(0, null);
                category.setValue(chosen);
            }
        });
        service.teachingCases(c == null ? "" : c).thenAccept(list -> {
            table.getItems().setAll(list);
            current = -1;
            position.setText("");
        });
    }

    /** Opens case {@code i} of the list in the viewer: the morning reading's next step. */
    private void go(int i) {
        if (i < 0 || i >= table.getItems().size()) {
            return;
        }
        current = i;
        table.getSelectionModel().select(i);
        position.setText(i18n.format("teaching.position", i + 1, table.getItems().size()));
        open.accept(table.getItems().get(i), hide.isSelected());
    }
}
