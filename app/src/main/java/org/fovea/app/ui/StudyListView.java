package org.fovea.app.ui;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.util.StringConverter;
import org.fovea.app.view.Demographics;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The first screen (worklist): search the archive by name (Chinese or pinyin), patient ID,
 * accession, modality and study date; browse patients → studies → series; double-click or Enter
 * on a study opens it in the viewer. A selected patient shows all their studies, priors included.
 */
public final class StudyListView {

    private static final List<String> MODALITIES = List.of("", "CT", "MR", "DX", "CR", "MG", "US", "PT", "NM", "XA", "RF");

    /** A patient of the current results; {@code null} id stands for "all patients". */
    record PatientRow(String patientId, String patientName) {
    }

    private final I18n i18n;
    private final ArchiveService archive;
    private final Consumer<StudySummary> onOpen;

    private final TextField name = new TextField();
    private final TextField patientId = new TextField();
    private final TextField accession = new TextField();
    private final ComboBox<String> modality = new ComboBox<>(FXCollections.observableArrayList(MODALITIES));
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final ListView<PatientRow> patients = new ListView<>();
    private final TableView<StudySummary> studies = new TableView<>();
    private final TableView<SeriesSummary> series = new TableView<>();
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();

    private List<StudySummary> results = List.of();
    private long generation;
    /** The study to select again when a refresh brings new results (images arriving from the network). */
    private String keepStudyUid;

    public StudyListView(I18n i18n, ArchiveService archive, Consumer<StudySummary> onOpen) {
        this.i18n = i18n;
        this.archive = archive;
        this.onOpen = onOpen;
        root.setTop(searchBar());
        SplitPane split = new SplitPane(Forms.titled(i18n, "list.patients", patients), Forms.titled(i18n, "list.studies", studies),
                Forms.titled(i18n, "list.series", series));
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.16, 0.74);
        root.setCenter(split);
        status.getStyleClass().add("status-line");
        root.setBottom(status);
        buildPatients();
        buildStudies();
        buildSeries();
    }

    public Node node() { return root; }

    /** Runs the search with the current fields; the results replace the table when they arrive. */
    public void search() {
        StudyQuery q = new StudyQuery(blankToNull(name.getText()), blankToNull(patientId.getText()),
                blankToNull(accession.getText()), blankToNull(modality.getValue()), from.getValue(), to.getValue());
        long g = ++generation;
        status.setText(i18n.get("list.searching"));
        archive.findStudies(q).whenComplete((found, error) -> {
            if (g != generation) {
                return;
            }
            if (error != null) {
                status.setText("");
                Alerts.error(root, i18n, "error.search", error);
                return;
            }
            showResults(found);
        });
    }

    /**
     * Searches again, keeping the fields and the selected patient and study, so a list refreshed
     * while images arrive does not move under the user; after an import the new studies appear.
     */
    public void refresh() {
        StudySummary selected = studies.getSelectionModel().getSelectedItem();
        keepStudyUid = selected == null ? null : selected.studyUid();
        search();
    }

    TableView<StudySummary> studyTable() { return studies; }

    TableView<SeriesSummary> seriesTable() { return series; }

    ListView<PatientRow> patientList() { return patients; }

    TextField nameField() { return name; }

    private void showResults(List<StudySummary> found) {
        results = found;
        Map<String, PatientRow> distinct = new LinkedHashMap<>();
        for (StudySummary s : found) {
            distinct.putIfAbsent(s.patientId() + "\u0000" + s.patientName(), new PatientRow(s.patientId(), s.patientName()));
        }
        ObservableList<PatientRow> rows = FXCollections.observableArrayList();
        rows.add(new PatientRow(null, null));
        rows.addAll(distinct.values());
        PatientRow patient = patients.getSelectionModel().getSelectedItem();
        patients.getItems().setAll(rows);
        if (keepStudyUid != null && patient != null && patient.patientId() != null && rows.contains(patient)) {
            // the patient's own query selects the kept study when it answers; clearing first makes
            // the reselection an event even when the list kept the old selection
            patients.getSelectionModel().clearSelection();
            patients.getSelectionModel().select(patient);
            return;
        }
        patients.getSelectionModel().selectFirst();
        studies.getItems().setAll(found);
        selectKeptOrFirst();
        updateStatus();
    }

    private void selectKeptOrFirst() {
        String keep = keepStudyUid;
        keepStudyUid = null;
        StudySummary kept = keep == null ? null
                : studies.getItems().stream().filter(s -> s.studyUid().equals(keep)).findFirst().orElse(null);
        if (kept != null) {
            studies.getSelectionModel().select(kept);
        } else if (!studies.getItems().isEmpty()) {
            studies.getSelectionModel().selectFirst();
        }
    }

    private void updateStatus() {
        status.setText(i18n.format("list.count", studies.getItems().size()));
    }

    private Node searchBar() {
        FlowPane bar = new FlowPane();
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
        searchButton.setOnAction(e -> search());
        Button clear = new Button();
        clear.textProperty().bind(i18n.text("search.clear"));
        clear.setOnAction(e -> {
            name.clear();
            patientId.clear();
            accession.clear();
            modality.getSelectionModel().selectFirst();
            from.setValue(null);
            to.setValue(null);
            search();
        });
        for (TextField f : List.of(name, patientId, accession)) {
            f.setOnAction(e -> search());
        }
        modality.setOnAction(e -> search());
        from.setOnAction(e -> search());
        to.setOnAction(e -> search());
        bar.getChildren().addAll(
                Forms.labelled(i18n, "search.name", name), Forms.labelled(i18n, "search.patientId", patientId),
                Forms.labelled(i18n, "search.accession", accession), Forms.labelled(i18n, "search.modality", modality),
                Forms.labelled(i18n, "search.from", from), Forms.labelled(i18n, "search.to", to), searchButton, clear);
        return bar;
    }

    private void buildPatients() {
        patients.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(PatientRow p, boolean empty) {
                super.updateItem(p, empty);
                textProperty().unbind();
                if (empty || p == null) {
                    setText(null);
                } else if (p.patientId() == null) {
                    textProperty().bind(i18n.text("list.allPatients"));
                } else {
                    setText(PersonNameFormat.display(p.patientName()) + "  " + p.patientId());
                }
            }
        });
        patients.getSelectionModel().selectedItemProperty().addListener((o, old, p) -> {
            if (p == null || p.patientId() == null) {
                studies.getItems().setAll(results);
                updateStatus();
                return;
            }
            long g = ++generation;
            archive.studiesOfPatient(p.patientId()).whenComplete((found, error) -> {
                if (g != generation) {
                    return;
                }
                if (error != null) {
                    Alerts.error(root, i18n, "error.search", error);
                    return;
                }
                studies.getItems().setAll(found.stream()
                        .filter(s -> Objects.equals(s.patientName(), p.patientName())).toList());
                selectKeptOrFirst();
                updateStatus();
            });
        });
    }

    private void buildStudies() {
        studies.setPlaceholder(placeholder("list.empty"));
        studies.getColumns().setAll(List.of(
                column("column.patientName", 170, s -> PersonNameFormat.display(s.patientName())),
                column("column.patientId", 100, StudySummary::patientId),
                column("column.sexAge", 80, s -> Demographics.sexAndAge(s.sex(), s.age(),
                        date(s.birthDate()), date(s.studyDate()), i18n.bundle())),
                column("column.studyDate", 95, s -> s.studyDate() == null ? "" : s.studyDate().toString()),
                column("column.modality", 70, s -> s.modalities().replace('\\', '/')),
                column("column.description", 180, StudySummary::description),
                column("column.accession", 100, StudySummary::accession),
                column("column.series", 55, s -> String.valueOf(s.seriesCount())),
                column("column.images", 60, s -> String.valueOf(s.instanceCount()))));
        studies.setRowFactory(t -> {
            TableRow<StudySummary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    onOpen.accept(row.getItem());
                }
            });
            return row;
        });
        studies.setOnKeyPressed(e -> {
            StudySummary s = studies.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && s != null) {
                onOpen.accept(s);
                e.consume();
            }
        });
        studies.getSelectionModel().selectedItemProperty().addListener((o, old, s) -> showSeries(s));
        // sex and age are words of the UI language: redraw them when it changes
        i18n.bundleBinding().addListener((o, a, b) -> studies.refresh());
    }

    private void showSeries(StudySummary s) {
        series.getItems().clear();
        if (s == null) {
            return;
        }
        archive.series(s.studyUid()).whenComplete((list, error) -> {
            if (error != null) {
                Alerts.error(root, i18n, "error.search", error);
            } else if (s.equals(studies.getSelectionModel().getSelectedItem())) {
                series.getItems().setAll(list);
            }
        });
    }

    private void buildSeries() {
        series.setPlaceholder(placeholder("list.noSeries"));
        series.getColumns().setAll(List.of(
                seriesColumn("column.seriesNumber", 50, s -> s.number() == null ? "" : String.valueOf(s.number())),
                seriesColumn("column.modality", 60, SeriesSummary::modality),
                seriesColumn("column.description", 160, SeriesSummary::description),
                seriesColumn("column.images", 60, s -> String.valueOf(s.instanceCount()))));
        series.setRowFactory(t -> {
            TableRow<SeriesSummary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                StudySummary study = studies.getSelectionModel().getSelectedItem();
                if (e.getClickCount() == 2 && !row.isEmpty() && study != null) {
                    onOpen.accept(study);
                }
            });
            return row;
        });
    }

    private Label placeholder(String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.getStyleClass().add("status-line");
        return l;
    }

    private TableColumn<StudySummary, String> column(String key, double width, Function<StudySummary, String> value) {
        TableColumn<StudySummary, String> c = new TableColumn<>();
        c.textProperty().bind(i18n.text(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> text(value.apply(cd.getValue())));
        return c;
    }

    private TableColumn<SeriesSummary, String> seriesColumn(String key, double width, Function<SeriesSummary, String> value) {
        TableColumn<SeriesSummary, String> c = new TableColumn<>();
        c.textProperty().bind(i18n.text(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> text(value.apply(cd.getValue())));
        return c;
    }

    private static ObservableValue<String> text(String s) {
        return new ReadOnlyObjectWrapper<>(s == null ? "" : s);
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
