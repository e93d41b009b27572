package org.fovea.app.ui.studies;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
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
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.Forms;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.Demographics;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.DicomDate;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.archive.StudySummary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The first screen (worklist): search the archive by name (characters, pinyin or initials),
 * patient ID, accession, modality and study date; browse patients → studies → series;
 * double-click or Enter on a study opens it in the viewer. A selected patient shows all their
 * studies, priors included.
 *
 * <p>The studies come a page at a time, newest first ({@link StudyPages}): the first page as soon
 * as the search answers, the next when the list is scrolled near its end, with "showing N of M"
 * below. The patients on the left are those of the loaded studies. Until the first answer the
 * list says it is searching; "no studies, import..." only when the archive really is empty.
 */
public final class StudyListView {

    /** The next page is asked for when a row this close to the end of the loaded ones is shown. */
    private static final int PREFETCH_ROWS = 40;

    /** A patient of the current results; {@code null} id stands for "all patients". */
    record PatientRow(String patientId, String patientName) {
    }

    private final I18n i18n;
    private final ArchiveService archive;
    private final Consumer<StudySummary> onOpen;

    private final StudySearchBar searchBar;
    private final ListView<PatientRow> patients = new ListView<>();
    private final TableView<StudySummary> studies = new TableView<>();
    private final TableView<SeriesSummary> series = new TableView<>();
    private final ObservableList<StudySummary> patientStudies = FXCollections.observableArrayList();
    private final Label status = new Label();
    private final StringProperty placeholderKey = new SimpleStringProperty("list.searching");
    private final BorderPane root = new BorderPane();
    private final StudyPages pages;
    private final Set<PatientRow> listedPatients = new HashSet<>();
    /** Waiting for the first page to be on screen; null once it was. */
    private List<Runnable> firstPageListeners = new ArrayList<>();

    /** Counts the patient queries, so that only the answer to the latest selection is shown. */
    private long patientGeneration;
    /** The study to select again when a refresh brings new results (images arriving from the network). */
    private String keepStudyUid;

    public StudyListView(I18n i18n, ArchiveService archive, Consumer<StudySummary> onOpen) {
        this.i18n = i18n;
        this.archive = archive;
        this.onOpen = onOpen;
        this.pages = new StudyPages(archive, error -> Alerts.error(root, i18n, "error.search", error));
        pages.setListener(new StudyPages.Listener() {
            @Override
            public void answered() { showAnswer(); }

            @Override
            public void added(List<StudySummary> added) { addPatients(added); }

            @Override
            public void changed() { updateStatus(); }
        });
        searchBar = new StudySearchBar(i18n, this::search);
        root.setTop(searchBar.node());
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
        // the status is written in the UI language: write it again when that changes
        i18n.bundleBinding().addListener((o, a, b) -> updateStatus());
        updateStatus();
    }

    public Node node() { return root; }

    /** Runs the search with the current fields; its first page replaces the table when it arrives. */
    public void search() {
        keepStudyUid = null;
        pages.search(searchBar.query(), 0);
    }

    /**
     * Searches again, keeping the fields, the selected patient and study and as many studies as
     * are loaded, so a list refreshed while images arrive does not move under the user; after an
     * import the new studies appear.
     */
    public void refresh() {
        StudySummary selected = studies.getSelectionModel().getSelectedItem();
        keepStudyUid = selected == null ? null : selected.studyUid();
        pages.search(pages.query(), pages.loaded().size());
    }

    /** Runs once the first page of the first search is laid out on screen (at once if it already was). */
    public void whenFirstPageShown(Runnable action) {
        if (firstPageListeners == null) {
            action.run();
        } else {
            firstPageListeners.add(action);
        }
    }

    public TableView<StudySummary> studyTable() { return studies; }

    public TableView<SeriesSummary> seriesTable() { return series; }

    ListView<PatientRow> patientList() { return patients; }

    TextField nameField() { return searchBar.nameField(); }

    String statusText() { return status.getText(); }

    /** A search's first page: the patients of its studies on the left, the studies (or the kept patient's) in the table. */
    private void showAnswer() {
        listedPatients.clear();
        ObservableList<PatientRow> rows = FXCollections.observableArrayList();
        rows.add(new PatientRow(null, null));
        rows.addAll(newPatients(pages.loaded()));
        PatientRow patient = patients.getSelectionModel().getSelectedItem();
        patients.getItems().setAll(rows);
        if (keepStudyUid != null && patient != null && patient.patientId() != null && rows.contains(patient)) {
            // the patient's own query selects the kept study when it answers; clearing first makes
            // the reselection an event even when the list kept the old selection
            patients.getSelectionModel().clearSelection();
            patients.getSelectionModel().select(patient);
        } else {
            patients.getSelectionModel().selectFirst();
            showAllStudies();
            selectKeptOrFirst();
        }
        if (firstPageListeners != null) {
            whenLaidOut(() -> {
                List<Runnable> waiting = firstPageListeners;
                firstPageListeners = null;
                waiting.forEach(Runnable::run);
            });
        }
    }

    /** A later page: its new patients go to the end of the list on the left. */
    private void addPatients(List<StudySummary> added) {
        patients.getItems().addAll(newPatients(added));
    }

    private List<PatientRow> newPatients(List<StudySummary> found) {
        return found.stream().map(s -> new PatientRow(s.patientId(), s.patientName()))
                .filter(listedPatients::add).toList();
    }

    /** Runs after the next pulse has laid out the scene, when it is drawn; at once without a scene. */
    private void whenLaidOut(Runnable action) {
        Scene scene = root.getScene();
        if (scene == null) {
            action.run();
            return;
        }
        Runnable once = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                action.run();
            }
        };
        scene.addPostLayoutPulseListener(once);
        Platform.requestNextPulse();
    }

    /** The loaded pages in the table, more appended as they come. */
    private void showAllStudies() {
        if (studies.getItems() != pages.loaded()) {
            studies.setItems(pages.loaded());
        }
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
        if (studies.getItems() == patientStudies) {
            status.setText(i18n.format("list.count", patientStudies.size()));
            return;
        }
        int shown = pages.loaded().size();
        status.setText(switch (pages.state()) {
            case SEARCHING -> i18n.get("list.searching");
            case FAILED -> "";
            case LOADED -> pages.loadingMore() ? i18n.get("list.loadingMore")
                    : !pages.more() ? i18n.format("list.count", shown)
                    : pages.total() == null ? i18n.format("list.showingMore", shown)
                    : i18n.format("list.showing", shown, pages.total());
        });
        placeholderKey.set(switch (pages.state()) {
            case SEARCHING -> "list.searching";
            case FAILED -> "list.searchFailed";
            case LOADED -> pages.query().matchesEverything() ? "list.empty" : "list.noMatch";
        });
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
        patients.getItems().add(new PatientRow(null, null));
        patients.getSelectionModel().selectedItemProperty().addListener((o, old, p) -> {
            if (p == null || p.patientId() == null) {
                showAllStudies();
                return;
            }
            long g = ++patientGeneration;
            archive.studiesOfPatient(p.patientId()).whenComplete((found, error) -> {
                if (g != patientGeneration || !p.equals(patients.getSelectionModel().getSelectedItem())) {
                    return;
                }
                if (error != null) {
                    Alerts.error(root, i18n, "error.search", error);
                    return;
                }
                patientStudies.setAll(found.stream()
                        .filter(s -> Objects.equals(s.patientName(), p.patientName())).toList());
                studies.setItems(patientStudies);
                selectKeptOrFirst();
                updateStatus();
            });
        });
    }

    private void buildStudies() {
        studies.setPlaceholder(placeholder(Bindings.createStringBinding(() -> i18n.get(placeholderKey.get()),
                placeholderKey, i18n.bundleBinding())));
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
            TableRow<StudySummary> row = new TableRow<>() {
                @Override
                public void updateIndex(int i) {
                    super.updateIndex(i);
                    if (i >= 0 && nearTheEnd(i)) {
                        // looked at again once the layout is done: the table also gives far rows to
                        // a hidden cell it measures with, and takes them back (index -1, not visible)
                        Platform.runLater(() -> {
                            if (isVisible() && nearTheEnd(getIndex())) {
                                pages.loadMore();
                            }
                        });
                    }
                }
            };
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

    /** Whether a row at this index shows one of the last loaded studies, so the next page is due. */
    private boolean nearTheEnd(int index) {
        return studies.getItems() == pages.loaded() && index >= 0 && index >= pages.loaded().size() - PREFETCH_ROWS;
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
        series.setPlaceholder(placeholder(i18n.text("list.noSeries")));
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

    private static Label placeholder(ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add("status-line");
        return l;
    }

    private TableColumn<StudySummary, String> column(String key, double width, Function<StudySummary, String> value) {
        TableColumn<StudySummary, String> c = new TableColumn<>();
        c.textProperty().bind(i18n.text(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> text(value.apply(cd.getValue())));
        // the table holds the newest pages only: sorting them by another column would show a
        // part of the archive as if it were the whole
        c.setSortable(false);
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
        return d == null ? "" : DicomDate.format(d);
    }
}
