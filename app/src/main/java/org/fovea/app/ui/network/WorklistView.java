package org.fovea.app.ui.network;

import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.DicomDates;
import org.fovea.app.view.Modalities;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.app.view.QueryKeys;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.QueryResult;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Worklist tab, for technicians: the procedures a worklist server has scheduled, by date
 * (today unless changed), modality and station, in time order.
 */
public final class WorklistView {

    private final I18n i18n;
    private final NetworkService network;
    private final ComboBox<DicomNode> node = NetworkLabels.nodeChooser();
    private final DatePicker date = new DatePicker(LocalDate.now());
    private final ComboBox<String> modality = new ComboBox<>(FXCollections.observableArrayList(Modalities.FILTER));
    private final TextField station = new TextField();
    private final TableView<QueryResult> table = new TableView<>();
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    private long generation;

    public WorklistView(I18n i18n, NetworkService network) {
        this.i18n = i18n;
        this.network = network;
        root.setTop(searchBar());
        buildTable();
        root.setCenter(table);
        status.getStyleClass().add("status-line");
        root.setBottom(status);
        network.settingsProperty().addListener((o, a, s) -> NetworkLabels.offer(node, network.nodes(DicomNode.Service.WORKLIST)));
        NetworkLabels.offer(node, network.nodes(DicomNode.Service.WORKLIST));
    }

    public Node node() { return root; }

    TableView<QueryResult> table() { return table; }

    DatePicker dateField() { return date; }

    /** MWL C-FIND with the filters as set; an empty date asks for every date. */
    void search() {
        DicomNode n = node.getValue();
        if (n == null) {
            status.setText(i18n.get("worklist.noNode"));
            return;
        }
        Map<String, String> match = new LinkedHashMap<>();
        String day = QueryKeys.dateRange(date.getValue(), date.getValue());
        if (!day.isEmpty()) {
            match.put("ScheduledProcedureStepStartDate", day);
        }
        if (modality.getValue() != null && !modality.getValue().isEmpty()) {
            match.put("Modality", modality.getValue());
        }
        if (!station.getText().isBlank()) {
            match.put("ScheduledStationAETitle", station.getText().trim());
        }
        Map<String, String> keys = QueryKeys.withReturnKeys(QueryKeys.WORKLIST, match);
        long g = ++generation;
        table.getItems().clear();
        status.setText(i18n.format("query.searching", NetworkLabels.node(n)));
        network.call(() -> network.client().worklist(n, keys, CancelToken.none())).whenComplete((found, error) -> {
            if (g != generation) {
                return;
            }
            if (error != null) {
                status.setText("");
                Alerts.error(root, i18n, "error.worklist", error);
                return;
            }
            table.getItems().setAll(found.stream().sorted(Comparator
                    .comparing((QueryResult r) -> r.get("ScheduledProcedureStepStartDate"))
                    .thenComparing(r -> r.get("ScheduledProcedureStepStartTime"))).toList());
            status.setText(i18n.format("worklist.count", String.valueOf(found.size()), NetworkLabels.node(n)));
        });
    }

    private Node searchBar() {
        FlowPane bar = new FlowPane();
        bar.getStyleClass().add("search-bar");
        date.setPrefWidth(140);
        Dialogs.isoDates(date);
        station.setPrefColumnCount(10);
        modality.getSelectionModel().selectFirst();
        modality.setConverter(new StringConverter<>() {
            @Override
            public String toString(String m) { return m == null || m.isEmpty() ? i18n.get("search.anyModality") : m; }

            @Override
            public String fromString(String s) { return s; }
        });
        Button search = new Button();
        search.setId("worklist-search");
        search.textProperty().bind(i18n.text("search.button"));
        search.setOnAction(e -> search());
        Button today = new Button();
        today.textProperty().bind(i18n.text("worklist.today"));
        today.setOnAction(e -> {
            date.setValue(LocalDate.now());
            search();
        });
        station.setOnAction(e -> search());
        date.setOnAction(e -> search());
        bar.getChildren().addAll(labelled("worklist.node", node), labelled("worklist.date", date), today,
                labelled("search.modality", modality), labelled("worklist.station", station), search);
        return bar;
    }

    private void buildTable() {
        Label empty = new Label();
        empty.textProperty().bind(i18n.text("worklist.empty"));
        empty.getStyleClass().add("status-line");
        table.setPlaceholder(empty);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                NetworkLabels.column(i18n, "worklist.time", 120, (QueryResult r) -> (DicomDates.formatDate(
                        r.get("ScheduledProcedureStepStartDate")) + " " + DicomDates.formatTime(
                        r.get("ScheduledProcedureStepStartTime"))).trim()),
                NetworkLabels.column(i18n, "column.patientName", 190, (QueryResult r) -> PersonNameFormat.display(r.get("PatientName"))),
                NetworkLabels.column(i18n, "column.patientId", 110, (QueryResult r) -> r.get("PatientID")),
                NetworkLabels.column(i18n, "column.birthDate", 100, (QueryResult r) -> DicomDates.formatDate(r.get("PatientBirthDate"))),
                NetworkLabels.column(i18n, "column.accession", 120, (QueryResult r) -> r.get("AccessionNumber")),
                NetworkLabels.column(i18n, "column.modality", 80, (QueryResult r) -> r.get("Modality")),
                NetworkLabels.column(i18n, "worklist.stationColumn", 110, (QueryResult r) -> r.get("ScheduledStationAETitle")),
                NetworkLabels.column(i18n, "worklist.procedure", 280, (QueryResult r) -> {
                    String step = r.get("ScheduledProcedureStepDescription");
                    return step.isEmpty() ? r.get("RequestedProcedureDescription") : step;
                })));
    }

    private Node labelled(String key, Node field) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.setLabelFor(field);
        HBox box = new HBox(4, l, field);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
