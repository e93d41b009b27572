package org.fovea.app.ui.report;

import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.controlsfx.control.textfield.TextFields;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.template.ReportTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The template picker (FXML layout, this class its controller): the library filtered by the
 * study's body part and exam item to start with, any filter changed by typing; the list answers
 * from the department database on the report thread. Enter or double-click takes a template.
 */
final class TemplatePicker {

    @FXML private ComboBox<String> bodyPart;
    @FXML private TextField examItem;
    @FXML private HBox searchBox;
    @FXML private ListView<ReportTemplate> list;
    @FXML private Label detail;

    private final I18n i18n;
    private final ReportService service;
    private final TextField search = TextFields.createClearableTextField();
    private final Dialog<ReportTemplate> dialog = new Dialog<>();
    private long generation;

    TemplatePicker(I18n i18n, ReportService service) {
        this.i18n = i18n;
        this.service = service;
        FXMLLoader loader = new FXMLLoader(TemplatePicker.class.getResource("TemplatePicker.fxml"), i18n.bundle());
        loader.setController(this);
        try {
            dialog.getDialogPane().setContent(loader.load());
        } catch (IOException e) {
            throw new UncheckedIOException("The template picker's layout is missing from the build", e);
        }
        search.setId("template-search");
        search.setPromptText(i18n.get("report.templateSearch"));
        HBox.setHgrow(search, Priority.ALWAYS);
        searchBox.getChildren().add(search);
        bodyPart.getItems().setAll(List.of("", "胸部", "头颅", "腹部", "颅脑", "膝关节"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ReportTemplate t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : t.title() + "  ·  " + t.modality() + " " + String.join("/", t.bodyParts()));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> detail.setText(
                t == null ? "" : String.join("、", t.examItems())));
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(list.getSelectionModel().getSelectedItem());
                dialog.close();
            }
        });
        bodyPart.valueProperty().addListener((o, a, b) -> refresh());
        examItem.textProperty().addListener((o, a, b) -> refresh());
        search.textProperty().addListener((o, a, b) -> refresh());
        dialog.setTitle(i18n.get("report.pickTemplate"));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? list.getSelectionModel().getSelectedItem() : null);
    }

    /** Shows the picker for a study, waits for the choice; empty when cancelled. */
    Optional<ReportTemplate> pick(Window owner, StudyRef study) {
        dialog.initOwner(owner);
        start(study);
        return dialog.showAndWait();
    }

    /** Fills the filters from the study and lists what matches (the test drives the dialog itself). */
    void start(StudyRef study) {
        bodyPart.setValue(study.bodyPart());
        examItem.setText("");
        refresh();
    }

    Dialog<ReportTemplate> dialog() { return dialog; }

    ListView<ReportTemplate> list() { return list; }

    private void refresh() {
        long g = ++generation;
        String part = bodyPart.getValue() == null ? "" : bodyPart.getValue().trim();
        service.templates(part, examItem.getText().trim(), search.getText().trim()).whenComplete((found, error) -> {
            if (g != generation || error != null) {
                return;
            }
            list.getItems().setAll(found);
            if (!found.isEmpty()) {
                list.getSelectionModel().selectFirst();
            }
        });
    }
}
