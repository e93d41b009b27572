package org.fovea.app.ui.report;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportSummary;
import org.fovea.reporting.StudyRef;

/**
 * The patient's prior reports beside the one being written (P5): one click shows a prior's text;
 * "Hang images" opens its study in the viewer for comparison.
 */
final class PriorsPane {

    private final I18n i18n;
    private final ReportService service;
    private final ViewerLink viewer;
    private final ListView<ReportSummary> list = new ListView<>();
    private final TextArea text = new TextArea();
    private final Button hang;
    private final VBox root;
    private StudyRef study;

    PriorsPane(I18n i18n, ReportService service, ViewerLink viewer) {
        this.i18n = i18n;
        this.service = service;
        this.viewer = viewer;
        list.setId("report-priors");
        list.setPrefHeight(180);
        list.setPlaceholder(new Label(i18n.get("report.noPriors")));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ReportSummary s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : (s.study().studyDate() == null ? "" : s.study().studyDate() + " ")
                        + s.study().modality() + " " + s.study().examItem() + " · "
                        + i18n.get("report.status." + s.status().name()));
            }
        });
        text.setEditable(false);
        text.setWrapText(true);
        text.setId("report-prior-text");
        hang = new Button(i18n.get("report.hangPrior"));
        hang.setId("report-hang-prior");
        hang.setDisable(true);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> showPrior(s));
        hang.setOnAction(e -> {
            ReportSummary s = list.getSelectionModel().getSelectedItem();
            if (s != null) {
                viewer.openStudy(s.study().studyUid());
            }
        });
        Label title = new Label(i18n.get("report.priors"));
        title.getStyleClass().add("section-title");
        root = new VBox(6, title, list, hang, text);
        VBox.setVgrow(text, Priority.ALWAYS);
        root.setMinWidth(220);
    }

    Node node() { return root; }

    ListView<ReportSummary> list() { return list; }

    /** Lists the patient's other reports; the future completes once they are listed (or could not be). */
    java.util.concurrent.CompletableFuture<Void> show(StudyRef s) {
        study = s;
        list.getItems().clear();
        text.clear();
        return service.priors(s.patientId(), s.studyUid()).handle((found, error) -> {
            if (error == null && study == s) {
                list.getItems().setAll(found);
            }
            return null;
        });
    }

    private void showPrior(ReportSummary s) {
        hang.setDisable(s == null);
        text.clear();
        if (s == null) {
            return;
        }
        service.find(s.id()).whenComplete((r, error) -> {
            if (error == null && r.isPresent() && list.getSelectionModel().getSelectedItem() == s) {
                Report p = r.get();
                text.setText(i18n.get("report.findings") + "\n" + p.findings() + "\n\n"
                        + i18n.get("report.impression") + "\n" + p.impression());
            }
        });
    }
}
