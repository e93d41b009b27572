package org.fovea.app.ui.studies;

import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.util.StringConverter;
import org.fovea.app.ui.common.Forms;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.Modalities;
import org.fovea.dicom.archive.StudyQuery;

import java.util.List;

/**
 * The study list's search fields: name (characters, pinyin or initials), patient ID, accession,
 * modality, study date range; Enter in a field, a changed choice, Search or Clear runs the search.
 */
final class StudySearchBar {

    private final I18n i18n;
    private final Runnable search;
    private final TextField name = new TextField();
    private final TextField patientId = new TextField();
    private final TextField accession = new TextField();
    private final ComboBox<String> modality = new ComboBox<>(FXCollections.observableArrayList(Modalities.FILTER));
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final FlowPane bar = new FlowPane();

    StudySearchBar(I18n i18n, Runnable search) {
        this.i18n = i18n;
        this.search = search;
        build();
    }

    Node node() { return bar; }

    TextField nameField() { return name; }

    /** The fields as a query; blank ones are no filter. */
    StudyQuery query() {
        return new StudyQuery(blankToNull(name.getText()), blankToNull(patientId.getText()),
                blankToNull(accession.getText()), blankToNull(modality.getValue()), from.getValue(), to.getValue());
    }

    private void build() {
        bar.getStyleClass().add("search-bar");
        name.setPrefColumnCount(12);
        patientId.setPrefColumnCount(10);
        accession.setPrefColumnCount(10);
        from.setPrefWidth(130);
        to.setPrefWidth(130);
        name.promptTextProperty().bind(i18n.text("search.namePrompt"));
        modality.getSelectionModel().selectFirst();
        modality.setConverter(new StringConverter<>() {
            @Override
            public String toString(String m) {
                return m == null || m.isEmpty() ? i18n.get("search.anyModality") : m;
            }

            @Override
            public String fromString(String s) { return s; }
        });
        // the converter reads the bundle, so the shown "any" must be redrawn when the language changes
        i18n.bundleBinding().addListener((o, a, b) -> {
            String v = modality.getValue();
            modality.setValue(null);
            modality.setValue(v);
        });
        Button searchButton = new Button();
        searchButton.textProperty().bind(i18n.text("search.button"));
        searchButton.setOnAction(e -> search.run());
        Button clear = new Button();
        clear.textProperty().bind(i18n.text("search.clear"));
        clear.setOnAction(e -> {
            name.clear();
            patientId.clear();
            accession.clear();
            modality.getSelectionModel().selectFirst();
            from.setValue(null);
            to.setValue(null);
            search.run();
        });
        for (TextField f : List.of(name, patientId, accession)) {
            f.setOnAction(e -> search.run());
        }
        modality.setOnAction(e -> search.run());
        from.setOnAction(e -> search.run());
        to.setOnAction(e -> search.run());
        bar.getChildren().addAll(
                Forms.labelled(i18n, "search.name", name), Forms.labelled(i18n, "search.patientId", patientId),
                Forms.labelled(i18n, "search.accession", accession), Forms.labelled(i18n, "search.modality", modality),
                Forms.labelled(i18n, "search.from", from), Forms.labelled(i18n, "search.to", to), searchButton, clear);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
