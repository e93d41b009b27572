package org.fovea.app.ui.report;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.Forms;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.Modalities;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.reporting.ReportQuery;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportSummary;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Finding reports by combined criteria (P14): patient name (characters, pinyin or initials) or
 * ID, modality, body part, exam date range, status, author and words in the findings or the
 * impression, all that are given holding at once. Double-click opens a report in the editor.
 */
public final class ReportListView {

    private final I18n i18n;
    private final ReportService service;
    private final TextField name = new TextField();
    private final TextField patientId = new TextField();
    private final ComboBox<String> modality = new ComboBox<>();
    private final TextField bodyPart = new TextField();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final ComboBox<ReportStatus> status = new ComboBox<>();
    private final TextField author = new TextField();
    private final TextField text = new TextField();
    private final TableView<ReportSummary> table = new TableView<>();
    private final Label count = new Label();
    /** The department's deadlines, as the last search read them. */
    private org.fovea.reporting.workflow.Turnaround turnaround;
    private final BorderPane root = new BorderPane();
    private long generation;

    public ReportListView(I18n i18n, ReportService service, Consumer<ReportSummary> open) {
        this.i18n = i18n;
        this.service = service;
        name.setId("reports-name");
        text.setId("reports-text");
        modality.getItems().setAll(Modalities.FILTER);
        status.getItems().add(null);
        status.getItems().addAll(ReportStatus.values());
        Dialogs.isoDates(from);
        Dialogs.isoDates(to);
        Button search = new Button(i18n.get("search.button"));
        search.setId("reports-search");
        search.setOnAction(e -> search());
        for (TextField f : List.of(name, patientId, bodyPart, author, text)) {
            f.setOnAction(e -> search());
            f.setPrefColumnCount(9);
        }
        FlowPane bar = new FlowPane(8, 6, Forms.labelled(i18n, "column.patientName", name),
                Forms.labelled(i18n, "column.patientId", patientId), Forms.labelled(i18n, "column.modality", modality),
                Forms.labelled(i18n, "report.bodyPart", bodyPart), Forms.labelled(i18n, "search.from", from),
                Forms.labelled(i18n, "search.to", to), Forms.labelled(i18n, "report.status", status),
                Forms.labelled(i18n, "reports.author", author), Forms.labelled(i18n, "reports.text", text), search, count);
        bar.getStyleClass().add("search-bar");
        table.getColumns().setAll(List.of(
                column("column.studyDate", 95, s -> s.study().studyDate() == null ? "" : s.study().studyDate().toString()),
                column("column.patientName", 150, s -> PersonNameFormat.display(s.study().patientName())),
                column("column.patientId", 100, s -> s.study().patientId()),
                column("column.modality", 60, s -> s.study().modality()),
                column("report.exam", 150, s -> s.study().examItem()),
                column("report.priority", 60, s -> i18n.get("priority." + s.priority().name())),
                statusColumn(),
                column("report.deadline", 80, s -> turnaround != null && turnaround.overdue(s, java.time.Instant.now())
                        ? "⏰ " + i18n.get("report.overdue") : ""),
                column("reports.author", 90, ReportSummary::author),
                column("report.impression", 320, ReportSummary::impressionStart)));
        table.setRowFactory(t -> {
            TableRow<ReportSummary> row = new TableRow<>() {
                @Override
                protected void updateItem(ReportSummary r, boolean empty) {
                    super.updateItem(r, empty);
                    getStyleClass().removeAll("report-row-emergency", "report-row-overdue");
                    if (!empty && r != null && r.status() != org.fovea.reporting.ReportStatus.FINAL) {
                        if (r.priority() == org.fovea.reporting.Priority.EMERGENCY) {
                            getStyleClass().add("report-row-emergency");
                        } else if (turnaround != null && turnaround.overdue(r, java.time.Instant.now())) {
                            getStyleClass().add("report-row-overdue");
                        }
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
        table.setId("reports-table");
        root.setTop(bar);
        root.setCenter(table);
    }

    public Node node() { return root; }

    public TableView<ReportSummary> table() { return table; }

    public TextField nameField() { return name; }

    public TextField textField() { return text; }

    /** Runs the search with the fields as they are. */
    public void search() {
        long g = ++generation;
        ReportQuery q = new ReportQuery(name.getText().trim(), patientId.getText().trim(),
                modality.getValue() == null ? "" : modality.getValue(), bodyPart.getText().trim(), from.getValue(),
                to.getValue(), status.getValue(), author.getText().trim(), text.getText().trim(), 0, 500);
        service.search(q).thenCombine(service.worklist(), (page, work) -> {
            if (g != generation) {
                return null;
            }
            // open emergencies head the list (P6), then the search's rows, newest exam first
            java.util.Set<Long> shown = new java.util.HashSet<>();
            List<ReportSummary> rows = new java.util.ArrayList<>();
            for (ReportSummary r : work.emergencies()) {
                if (shown.add(r.id())) {
                    rows.add(r);
                }
            }
            for (ReportSummary r : page.rows()) {
                if (shown.add(r.id())) {
                    rows.add(r);
                }
            }
            turnaround = work.turnaround();
            table.getItems().setAll(rows);
            count.setText(i18n.format("reports.count", page.rows().size(), page.total())
                    + (work.overdue().isEmpty() ? "" : "   " + i18n.format("reports.overdue", work.overdue().size())));
            count.getStyleClass().remove("signature-invalid");
            if (!work.overdue().isEmpty()) {
                count.getStyleClass().add("signature-invalid");
            }
            return null;
        }).whenComplete((v, error) -> {
            if (error != null) {
                Alerts.error(root, i18n, "error.report", error);
            }
        });
    }

    /**
     * The status as a coloured mark and its word (P6): what waits for someone (submitted, returned,
     * recalled) stands out from what is done, a preliminary report from a final one.
     */
    private TableColumn<ReportSummary, String> statusColumn() {
        TableColumn<ReportSummary, String> c = column("report.status", 110, s -> s.status().name());
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String status, boolean empty) {
                super.updateItem(status, empty);
                getStyleClass().removeIf(k -> k.startsWith("report-status-"));
                if (empty || status == null) {
                    setText(null);
                    return;
                }
                setText("● " + i18n.get("report.status." + status));
                getStyleClass().add("report-status-" + status.toLowerCase(java.util.Locale.ROOT));
            }
        });
        return c;
    }

    private TableColumn<ReportSummary, String> column(String key, double width, Function<ReportSummary, String> value) {
        TableColumn<ReportSummary, String> c = new TableColumn<>();
        c.textProperty().bind(i18n.text(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }
}
