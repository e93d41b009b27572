package org.fovea.app.ui.report;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Window;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Tables;
import org.fovea.app.ui.common.Theme;
import org.fovea.reporting.ReportVersion;
import org.fovea.reporting.history.VersionDiff;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * A report's history (P10): every saved version with who saved it, from where, when and in which
 * status; any two side by side, the changed lines and, within them, the changed characters marked.
 */
final class VersionHistoryDialog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Dialog<Void> dialog = new Dialog<>();
    private final I18n i18n;
    private final List<ReportVersion> versions;
    private final ComboBox<Integer> from = new ComboBox<>();
    private final ComboBox<Integer> to = new ComboBox<>();
    private final GridPane diff = new GridPane();

    VersionHistoryDialog(I18n i18n, Window owner, List<ReportVersion> versions) {
        this.i18n = i18n;
        this.versions = versions;
        dialog.initOwner(owner);
        dialog.setTitle(i18n.get("history.title"));
        dialog.setResizable(true);
        TableView<ReportVersion> table = new TableView<>();
        table.setId("history-table");
        table.getItems().setAll(versions);
        table.getColumns().add(column("history.version", v -> Integer.toString(v.version())));
        table.getColumns().add(column("history.savedBy", ReportVersion::savedBy));
        table.getColumns().add(column("history.time", v -> TIME.format(v.saved())));
        table.getColumns().add(column("report.status", v -> i18n.get("report.status." + v.status().name())));
        table.getColumns().add(column("history.workstation", ReportVersion::workstation));
        table.setPrefHeight(180);
        versions.forEach(v -> {
            from.getItems().add(v.version());
            to.getItems().add(v.version());
        });
        from.setId("history-from");
        to.setId("history-to");
        if (versions.size() >= 2) {
            from.setValue(versions.get(versions.size() - 2).version());
            to.setValue(versions.get(versions.size() - 1).version());
        }
        from.valueProperty().addListener((o, a, b) -> compare());
        to.valueProperty().addListener((o, a, b) -> compare());
        diff.setId("history-diff");
        diff.setHgap(12);
        diff.setVgap(4);
        diff.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(diff);
        scroll.setFitToWidth(true);
        scroll.setPrefSize(900, 360);
        HBox choose = new HBox(8, new Label(i18n.get("history.compare")), from, new Label("→"), to);
        dialog.getDialogPane().setContent(new VBox(8, table, choose, scroll));
        dialog.getDialogPane().getStylesheets().add(Theme.stylesheet());
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        compare();
    }

    private TableColumn<ReportVersion, String> column(String key, Function<ReportVersion, String> value) {
        return Tables.column(i18n.get(key), value);
    }

    GridPane diffPane() { return diff; }

    ComboBox<Integer> fromBox() { return from; }

    ComboBox<Integer> toBox() { return to; }

    /** The two chosen versions side by side: section, before, after; unchanged lines dimmed. */
    private void compare() {
        diff.getChildren().clear();
        ReportVersion a = version(from.getValue());
        ReportVersion b = version(to.getValue());
        if (a == null || b == null) {
            return;
        }
        int row = 0;
        for (VersionDiff.Row r : VersionDiff.between(a, b)) {
            Label section = new Label(i18n.get("history.section." + r.section()));
            section.getStyleClass().add("history-section");
            diff.add(section, 0, row);
            diff.add(flow(r.before(), r.kind() == VersionDiff.Kind.EQUAL, "diff-removed"), 1, row);
            diff.add(flow(r.after(), r.kind() == VersionDiff.Kind.EQUAL, "diff-added"), 2, row);
            row++;
        }
    }

    private static TextFlow flow(List<VersionDiff.Span> spans, boolean equal, String changedStyle) {
        TextFlow f = new TextFlow();
        f.setPrefWidth(400);
        for (VersionDiff.Span s : spans) {
            Text t = new Text(s.text());
            t.getStyleClass().add(equal ? "diff-same" : s.changed() ? changedStyle : "diff-context");
            f.getChildren().add(t);
        }
        return f;
    }

    private ReportVersion version(Integer n) {
        return n == null ? null : versions.stream().filter(v -> v.version() == n).findFirst().orElse(null);
    }

    void show() {
        dialog.show();
    }
}
