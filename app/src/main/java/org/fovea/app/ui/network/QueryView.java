package org.fovea.app.ui.network;

import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.Forms;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.DicomDates;
import org.fovea.app.view.Modalities;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.app.view.QueryKeys;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.PersonNameSearch;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.QueryLevel;
import org.fovea.dicom.net.QueryResult;
import org.fovea.dicom.net.RetrieveReport;
import org.fovea.dicom.net.RetrieveRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Query tab: search a PACS at study level, see a study's series, and retrieve a study,
 * some of its series, or all the other studies of the same patient (priors) into the local
 * archive, with progress and Cancel. The local study list refreshes while images arrive.
 */
public final class QueryView {

    private final I18n i18n;
    private final NetworkService network;
    private final TransferPanel transfers;
    private final Runnable onArrived;

    private final ComboBox<DicomNode> node = NetworkLabels.nodeChooser();
    private final TextField name = new TextField();
    private final TextField patientId = new TextField();
    private final TextField accession = new TextField();
    private final ComboBox<String> modality = new ComboBox<>(FXCollections.observableArrayList(Modalities.FILTER));
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextField description = new TextField();
    private final TableView<QueryResult> studies = new TableView<>();
    private final TableView<QueryResult> series = new TableView<>();
    private final Button retrieveStudy = new Button();
    private final Button retrieveSeries = new Button();
    private final Button retrievePriors = new Button();
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    private long generation;
    private RetrieveReport lastReport;

    /** {@code onArrived} runs (on any thread) as images arrive, to refresh the local study list. */
    public QueryView(I18n i18n, NetworkService network, TransferPanel transfers, Runnable onArrived) {
        this.i18n = i18n;
        this.network = network;
        this.transfers = transfers;
        this.onArrived = onArrived;
        root.setTop(searchBar());
        buildTables();
        SplitPane split = new SplitPane(Forms.titled(i18n, "query.studies", studies), Forms.titled(i18n, "query.series", series));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        root.setCenter(split);
        root.setBottom(actions());
        network.settingsProperty().addListener((o, a, s) -> offerNodes());
        offerNodes();
    }

    public Node node() { return root; }

    TableView<QueryResult> studyTable() { return studies; }

    TableView<QueryResult> seriesTable() { return series; }

    ComboBox<DicomNode> nodeChooser() { return node; }

    TextField nameField() { return name; }

    Label status() { return status; }

    /** The report of the last retrieve that finished, for tests and the summary. */
    RetrieveReport lastReport() { return lastReport; }

    private void offerNodes() {
        NetworkLabels.offer(node, network.nodes(DicomNode.Service.QUERY_RETRIEVE));
    }

    /**
     * C-FIND at study level with the fields as typed. A name in Latin letters (pinyin, initials)
     * is also looked for among the studies the other fields select, matched here by the study
     * list's rule, because a PACS cannot match "zw" to a name stored as 张^伟; without another
     * field that sweep would ask the PACS for every study it has, so then the status line says so.
     */
    void search() {
        DicomNode n = node.getValue();
        if (n == null) {
            status.setText(i18n.get("query.noNode"));
            return;
        }
        Map<String, String> others = new LinkedHashMap<>();
        putIfSet(others, "PatientID", patientId.getText().trim());
        putIfSet(others, "AccessionNumber", accession.getText().trim());
        putIfSet(others, "ModalitiesInStudy", modality.getValue() == null ? "" : modality.getValue());
        putIfSet(others, "StudyDate", QueryKeys.dateRange(from.getValue(), to.getValue()));
        String d = description.getText().trim();
        putIfSet(others, "StudyDescription", d.isEmpty() || d.contains("*") ? d : "*" + d + "*");
        String typedName = name.getText();
        Map<String, String> match = new LinkedHashMap<>();
        putIfSet(match, "PatientName", QueryKeys.nameMatch(typedName));
        match.putAll(others);
        boolean latinName = QueryKeys.nameNeedsLocalMatch(typedName);
        boolean sweep = latinName && !others.isEmpty();
        long g = ++generation;
        studies.getItems().clear();
        series.getItems().clear();
        status.setText(i18n.format("query.searching", NetworkLabels.node(n)));
        network.call(() -> {
            List<QueryResult> found = new ArrayList<>(network.client().find(n, QueryLevel.STUDY,
                    QueryKeys.withReturnKeys(QueryKeys.STUDY, match), CancelToken.none()));
            if (sweep) {
                Set<String> have = new HashSet<>();
                found.forEach(r -> have.add(r.get("StudyInstanceUID")));
                for (QueryResult r : network.client().find(n, QueryLevel.STUDY,
                        QueryKeys.withReturnKeys(QueryKeys.STUDY, others), CancelToken.none())) {
                    if (PersonNameSearch.matches(r.get("PatientName"), typedName)
                            && have.add(r.get("StudyInstanceUID"))) {
                        found.add(r);
                    }
                }
            }
            return found;
        }).whenComplete((found, error) -> {
            if (g != generation) {
                return;
            }
            if (error != null) {
                status.setText("");
                Alerts.error(root, i18n, "error.query", error);
                return;
            }
            studies.getItems().setAll(found);
            String text = i18n.format("query.found", found.size(), NetworkLabels.node(n));
            status.setText(latinName && !sweep ? text + " " + i18n.get("query.pinyinNeedsMore") : text);
            if (!found.isEmpty()) {
                studies.getSelectionModel().selectFirst();
            }
        });
    }

    private void showSeries(QueryResult study) {
        series.getItems().clear();
        DicomNode n = node.getValue();
        if (study == null || n == null) {
            return;
        }
        Map<String, String> keys = QueryKeys.withReturnKeys(QueryKeys.SERIES,
                Map.of("StudyInstanceUID", study.get("StudyInstanceUID")));
        network.call(() -> network.client().find(n, QueryLevel.SERIES, keys, CancelToken.none()))
                .whenComplete((found, error) -> {
                    if (study != studies.getSelectionModel().getSelectedItem()) {
                        return;
                    }
                    if (error != null) {
                        Alerts.error(root, i18n, "error.query", error);
                        return;
                    }
                    series.getItems().setAll(found.stream().sorted((a, b) -> Integer.compare(
                            number(a.get("SeriesNumber")), number(b.get("SeriesNumber")))).toList());
                });
    }

    /** Retrieves the selected study, or only the selected series when {@code seriesOnly}. */
    void retrieveSelected(boolean seriesOnly) {
        QueryResult study = studies.getSelectionModel().getSelectedItem();
        DicomNode n = node.getValue();
        if (study == null || n == null) {
            return;
        }
        List<String> seriesUids = seriesOnly
                ? series.getSelectionModel().getSelectedItems().stream().map(s -> s.get("SeriesInstanceUID")).toList()
                : List.of();
        retrieve(n, List.of(new Wanted(study, seriesUids)), i18n.format("retrieve.title", describe(study), n.name()));
    }

    /** Retrieves every other study of the selected study's patient: one action for all priors. */
    void retrievePriors() {
        QueryResult study = studies.getSelectionModel().getSelectedItem();
        DicomNode n = node.getValue();
        if (study == null || n == null) {
            return;
        }
        String pid = study.get("PatientID");
        Map<String, String> keys = QueryKeys.withReturnKeys(QueryKeys.STUDY, Map.of("PatientID", pid));
        status.setText(i18n.format("query.searchingPriors", pid));
        network.call(() -> network.client().find(n, QueryLevel.STUDY, keys, CancelToken.none()))
                .whenComplete((found, error) -> {
                    if (error != null) {
                        status.setText("");
                        Alerts.error(root, i18n, "error.query", error);
                        return;
                    }
                    List<Wanted> priors = found.stream()
                            .filter(s -> pid.equals(s.get("PatientID"))
                                    && !s.get("StudyInstanceUID").equals(study.get("StudyInstanceUID")))
                            .map(s -> new Wanted(s, List.of())).toList();
                    if (priors.isEmpty()) {
                        status.setText(i18n.format("query.noPriors", pid, n.name()));
                        return;
                    }
                    status.setText(i18n.format("query.priorsFound", String.valueOf(priors.size()), pid));
                    retrieve(n, priors, i18n.format("retrieve.priorsTitle", String.valueOf(priors.size()),
                            PersonNameFormat.display(study.get("PatientName"))));
                });
    }

    private record Wanted(QueryResult study, List<String> seriesUids) {
    }

    private record Outcome(Wanted wanted, RetrieveReport report) {
    }

    private void retrieve(DicomNode n, List<Wanted> wanted, String title) {
        CancelToken cancel = new CancelToken();
        TransferPanel.Line line = transfers.start(title, cancel);
        network.call(() -> {
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < wanted.size() && !cancel.isCancelled(); i++) {
                Wanted w = wanted.get(i);
                if (wanted.size() > 1) {
                    line.retitle(i18n.format("retrieve.ofSeveral", title, String.valueOf(i + 1),
                            String.valueOf(wanted.size()), describe(w.study())));
                }
                RetrieveReport r = network.retrieve(n, new RetrieveRequest(w.study().get("StudyInstanceUID"),
                        w.seriesUids()), (done, total, current) -> {
                    line.progress(done, total, current);
                    onArrived.run();
                }, cancel);
                outcomes.add(new Outcome(w, r));
            }
            return outcomes;
        }).whenComplete((outcomes, error) -> {
            line.close();
            onArrived.run();
            if (error != null) {
                Alerts.error(root, i18n, "error.retrieve", error);
                return;
            }
            lastReport = outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1).report();
            summarize(n, outcomes);
        });
    }

    /** Success is a line in the status bar; anything short of complete gets a dialog saying why. */
    private void summarize(DicomNode n, List<Outcome> outcomes) {
        int received = 0;
        int present = 0;
        int expected = 0;
        boolean cancelled = false;
        List<String> why = new ArrayList<>();
        for (Outcome o : outcomes) {
            RetrieveReport r = o.report();
            received += r.received();
            present += r.alreadyPresent();
            expected += r.expected();
            cancelled |= r.cancelled();
            for (String f : r.failures()) {
                why.add(describe(o.wanted().study()) + ": " + f);
            }
            if (!r.cancelled() && r.failures().isEmpty() && !r.complete()) {
                why.add(describe(o.wanted().study()) + ": " + i18n.format("retrieve.missing",
                        String.valueOf(r.expected() - r.received() - r.alreadyPresent())));
            }
        }
        String counts = i18n.format("retrieve.counts", String.valueOf(received), String.valueOf(expected),
                String.valueOf(present), n.name());
        if (why.isEmpty() && !cancelled) {
            status.setText(counts);
            return;
        }
        status.setText(counts);
        Dialogs.summary(root, i18n, true, i18n.get(cancelled ? "retrieve.cancelled" : "retrieve.partial"), counts, why);
    }

    private String describe(QueryResult study) {
        String date = DicomDates.formatDate(study.get("StudyDate"));
        String d = study.get("StudyDescription");
        return (PersonNameFormat.display(study.get("PatientName")) + " " + date + " " + d).trim();
    }

    private Node searchBar() {
        FlowPane bar = new FlowPane();
        bar.getStyleClass().add("search-bar");
        node.setId("query-node");
        name.setId("query-name");
        description.setId("query-description");
        name.setPrefColumnCount(12);
        patientId.setPrefColumnCount(10);
        accession.setPrefColumnCount(10);
        description.setPrefColumnCount(12);
        from.setPrefWidth(130);
        to.setPrefWidth(130);
        Dialogs.isoDates(from);
        Dialogs.isoDates(to);
        name.promptTextProperty().bind(i18n.text("search.namePrompt"));
        modality.getSelectionModel().selectFirst();
        modality.setConverter(anyConverter());
        Button search = new Button();
        search.setId("query-search");
        search.textProperty().bind(i18n.text("search.button"));
        search.setDefaultButton(false);
        search.setOnAction(e -> search());
        Button clear = new Button();
        clear.textProperty().bind(i18n.text("search.clear"));
        clear.setOnAction(e -> {
            for (TextField f : List.of(name, patientId, accession, description)) {
                f.clear();
            }
            modality.getSelectionModel().selectFirst();
            from.setValue(null);
            to.setValue(null);
        });
        for (TextField f : List.of(name, patientId, accession, description)) {
            f.setOnAction(e -> search());
        }
        bar.getChildren().addAll(Forms.labelled(i18n, "query.node", node),
                Forms.labelled(i18n, "search.name", name), Forms.labelled(i18n, "search.patientId", patientId),
                Forms.labelled(i18n, "search.accession", accession), Forms.labelled(i18n, "search.modality", modality),
                Forms.labelled(i18n, "search.from", from), Forms.labelled(i18n, "search.to", to),
                Forms.labelled(i18n, "query.description", description), search, clear);
        return bar;
    }

    private Node actions() {
        retrieveStudy.setId("retrieve-study");
        retrieveStudy.textProperty().bind(i18n.text("query.retrieveStudy"));
        retrieveStudy.setOnAction(e -> retrieveSelected(false));
        retrieveSeries.textProperty().bind(i18n.text("query.retrieveSeries"));
        retrieveSeries.setOnAction(e -> retrieveSelected(true));
        retrievePriors.textProperty().bind(i18n.text("query.retrievePriors"));
        retrievePriors.setOnAction(e -> retrievePriors());
        retrieveStudy.disableProperty().bind(studies.getSelectionModel().selectedItemProperty().isNull());
        retrievePriors.disableProperty().bind(studies.getSelectionModel().selectedItemProperty().isNull());
        retrieveSeries.disableProperty().bind(series.getSelectionModel().selectedItemProperty().isNull());
        status.getStyleClass().add("status-line");
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Region gap = new Region();
        HBox bar = new HBox(8, status, gap, retrieveStudy, retrieveSeries, retrievePriors);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("action-bar");
        return bar;
    }

    private void buildTables() {
        studies.setPlaceholder(placeholder("query.empty"));
        studies.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        series.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        studies.getColumns().setAll(List.of(
                NetworkLabels.column(i18n, "column.patientName", 190, (QueryResult r) -> PersonNameFormat.display(r.get("PatientName"))),
                NetworkLabels.column(i18n, "column.patientId", 120, (QueryResult r) -> r.get("PatientID")),
                NetworkLabels.column(i18n, "column.sex", 50, (QueryResult r) -> sex(r.get("PatientSex"))),
                NetworkLabels.column(i18n, "column.birthDate", 100, (QueryResult r) -> DicomDates.formatDate(r.get("PatientBirthDate"))),
                NetworkLabels.column(i18n, "column.studyDate", 100, (QueryResult r) -> DicomDates.formatDate(r.get("StudyDate"))),
                NetworkLabels.column(i18n, "column.modality", 80, (QueryResult r) -> r.get("ModalitiesInStudy").replace('\\', '/')),
                NetworkLabels.column(i18n, "column.description", 220, (QueryResult r) -> r.get("StudyDescription")),
                NetworkLabels.column(i18n, "column.accession", 120, (QueryResult r) -> r.get("AccessionNumber")),
                NetworkLabels.column(i18n, "column.series", 60, (QueryResult r) -> r.get("NumberOfStudyRelatedSeries")),
                NetworkLabels.column(i18n, "column.images", 60, (QueryResult r) -> r.get("NumberOfStudyRelatedInstances"))));
        studies.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> showSeries(s));

        series.setPlaceholder(placeholder("list.noSeries"));
        series.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        series.getColumns().setAll(List.of(
                NetworkLabels.column(i18n, "column.seriesNumber", 60, (QueryResult r) -> r.get("SeriesNumber")),
                NetworkLabels.column(i18n, "column.modality", 80, (QueryResult r) -> r.get("Modality")),
                NetworkLabels.column(i18n, "column.description", 260, (QueryResult r) -> r.get("SeriesDescription")),
                NetworkLabels.column(i18n, "column.bodyPart", 110, (QueryResult r) -> r.get("BodyPartExamined")),
                NetworkLabels.column(i18n, "column.images", 70, (QueryResult r) -> r.get("NumberOfSeriesRelatedInstances"))));
        // sex is a word of the UI language
        i18n.bundleBinding().addListener((o, a, b) -> studies.refresh());
    }

    private String sex(String s) {
        return switch (s.trim()) {
            case "M", "F", "O" -> i18n.get("sex." + s.trim());
            default -> s;
        };
    }

    private StringConverter<String> anyConverter() {
        return new StringConverter<>() {
            @Override
            public String toString(String m) {
                return m == null || m.isEmpty() ? i18n.get("search.anyModality") : m;
            }

            @Override
            public String fromString(String s) { return s; }
        };
    }

    private Label placeholder(String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.getStyleClass().add("status-line");
        return l;
    }

    private static void putIfSet(Map<String, String> keys, String keyword, String value) {
        if (value != null && !value.isEmpty()) {
            keys.put(keyword, value);
        }
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
