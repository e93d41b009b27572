package org.fovea.app.ui.remote;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.archive.StudySummary;

import java.util.Optional;

/** The Remote diagnosis tab's dialogs: the center's password, a submission, a returned report. */
final class RemoteDialogs {

    /** A moment as the doctor reads it: this workstation's time zone, to the minute. */
    private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.systemDefault());

    private RemoteDialogs() {
    }

    /** What the doctor adds to a study submitted. */
    record Submission(String history, String question, boolean urgent, java.util.List<java.nio.file.Path> attachments) {
    }

    static Optional<char[]> password(I18n i18n, Node owner, String login, String center) {
        Dialog<char[]> d = new Dialog<>();
        Dialogs.style(d, owner, i18n);
        d.setHeaderText(i18n.get("remote.passwordOf") + " " + login + " @ " + center);
        PasswordField password = new PasswordField();
        password.setId("remote-password");
        d.getDialogPane().setContent(password);
        ButtonType ok = Dialogs.ok(i18n);
        d.getDialogPane().getButtonTypes().setAll(ok, Dialogs.cancel(i18n));
        d.getDialogPane().lookupButton(ok).setId("remote-password-ok");
        d.setOnShown(e -> password.requestFocus());
        d.setResultConverter(b -> b == ok ? password.getText().toCharArray() : null);
        return d.showAndWait();
    }

    static Optional<Submission> submission(I18n i18n, Node owner, StudySummary study) {
        Dialog<Submission> d = new Dialog<>();
        Dialogs.style(d, owner, i18n);
        d.setHeaderText(i18n.get("remote.submitHeader") + "\n" + PersonNameFormat.display(study.patientName()) + "  "
                + study.modalities() + "  " + study.description() + "  " + study.instanceCount() + " "
                + i18n.get("remote.images"));
        TextArea history = new TextArea();
        history.setId("remote-history");
        history.setPrefRowCount(4);
        history.setWrapText(true);
        TextField question = new TextField();
        question.setId("remote-question");
        CheckBox urgent = new CheckBox(i18n.get("remote.urgent"));
        urgent.setId("remote-urgent");
        java.util.List<java.nio.file.Path> attachments = new java.util.ArrayList<>();
        Label attached = new Label(i18n.get("remote.noAttachments"));
        attached.setId("remote-attached");
        attached.setWrapText(true);
        Button attach = new Button(i18n.get("remote.attach"));
        attach.setId("remote-attach");
        attach.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF, JPEG, PNG", "*.pdf", "*.PDF",
                    "*.jpg", "*.jpeg", "*.JPG", "*.JPEG", "*.png", "*.PNG"));
            java.util.List<java.io.File> files = chooser.showOpenMultipleDialog(d.getDialogPane().getScene().getWindow());
            if (files != null) {
                files.forEach(f -> attachments.add(f.toPath()));
                attached.setText(String.join(", ", attachments.stream().map(p -> p.getFileName().toString()).toList()));
            }
        });
        Label problem = new Label();
        problem.setStyle("-fx-text-fill: #ff8a80;");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label(i18n.get("remote.history")), history);
        g.addRow(1, new Label(i18n.get("remote.question")), question);
        g.addRow(2, new Label(), urgent);
        g.addRow(3, attach, attached);
        g.addRow(4, new Label(), problem);
        d.getDialogPane().setContent(g);
        ButtonType ok = Dialogs.okCancelValidated(d, i18n,
                () -> question.getText().isBlank() ? "remote.questionMissing" : null, problem);
        d.getDialogPane().lookupButton(ok).setId("remote-submit-ok");
        d.setResultConverter(b -> b == ok ? new Submission(history.getText().strip(), question.getText().strip(),
                urgent.isSelected(), java.util.List.copyOf(attachments)) : null);
        return d.showAndWait();
    }

    /** The returned report: who signed it, whether its signatures checked, its text; Save PDF… */
    static void report(I18n i18n, Node owner, RemoteService.Returned r, RemoteService service) {
        Dialog<Void> d = new Dialog<>();
        Dialogs.style(d, owner, i18n);
        var received = r.received();
        var study = r.report().report().study();
        d.setHeaderText(r.report().center() + "  ·  " + PersonNameFormat.display(study.patientName()) + "  "
                + study.modality() + "  " + study.examItem() + "\n" + i18n.get("remote.signedBy") + " "
                + received.signedBy() + (received.signedAt() == null ? "" : "  " + SHOWN.format(received.signedAt())));
        Label verdict = new Label(received.verified() ? i18n.get("remote.verified")
                : i18n.get("remote.notVerified") + " " + received.problem());
        verdict.setId("remote-report-verdict");
        verdict.setStyle(received.verified() ? "-fx-text-fill: #81c784;" : "-fx-text-fill: #ff8a80;");
        Label filed = new Label(received.filedAt() == null ? i18n.get("remote.notFiled") : i18n.get("remote.filed"));
        TextArea text = new TextArea(i18n.get("remote.findings") + "\n" + r.report().report().findings() + "\n\n"
                + i18n.get("remote.impression") + "\n" + r.report().report().impression());
        text.setId("remote-report-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(640, 360);
        Button pdf = new Button(i18n.get("remote.savePdf"));
        pdf.setId("remote-report-pdf");
        pdf.setDisable(!received.verified());
        pdf.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(r.report().clientRequestId() + ".pdf");
            java.io.File f = chooser.showSaveDialog(d.getDialogPane().getScene().getWindow());
            if (f != null) {
                service.writePdf(r.report(), f.toPath()).whenComplete((p, error) -> {
                    if (error != null) {
                        Alerts.error(owner, i18n, "remote.savePdf", error);
                    }
                });
            }
        });
        d.getDialogPane().setContent(new VBox(8, verdict, filed, text, pdf));
        d.getDialogPane().getButtonTypes().setAll(Dialogs.ok(i18n));
        d.show();
    }

    /**
     * A critical value relayed from the center: it stays on screen until the doctor acknowledges it
     * with a read-back (what they understood), which goes back to the expert.
     */
    static void critical(I18n i18n, Node owner, org.fovea.center.client.RemoteWatch.Critical c,
                         java.util.function.Function<String, java.util.concurrent.CompletableFuture<?>> acknowledge) {
        Dialog<Void> d = new Dialog<>();
        Dialogs.style(d, owner, i18n);
        var v = c.value();
        d.setHeaderText(i18n.get("remote.critical") + "  " + v.finding() + " (" + v.category() + ")");
        d.getDialogPane().setStyle(d.getDialogPane().getStyle() + "; -fx-border-color: #e53935; -fx-border-width: 3;");
        Label what = new Label(PersonNameFormat.display(c.patientName()) + "  ·  " + c.clientRequestId() + "\n"
                + (v.note().isEmpty() ? "" : v.note() + "\n") + i18n.get("remote.criticalFrom") + " " + v.sender()
                + "  ·  " + i18n.get("remote.criticalDue") + " " + SHOWN.format(v.dueAt()));
        what.setId("remote-critical-text");
        TextField readBack = new TextField();
        readBack.setId("remote-critical-readback");
        readBack.setPromptText(i18n.get("remote.readBack"));
        Label problem = new Label();
        problem.setStyle("-fx-text-fill: #ff8a80;");
        Button ack = new Button(i18n.get("remote.acknowledge"));
        ack.setId("remote-critical-ack");
        ack.disableProperty().bind(readBack.textProperty().isEmpty());
        boolean[] done = {false};
        ack.setOnAction(e -> {
            ack.disableProperty().unbind();
            ack.setDisable(true);
            acknowledge.apply(readBack.getText().strip()).whenComplete((r, error) -> {
                if (error != null) {
                    problem.setText(Alerts.sentence(i18n, error));
                    ack.disableProperty().bind(readBack.textProperty().isEmpty());
                } else {
                    done[0] = true;
                    d.setResult(null);
                    d.close();
                }
            });
        });
        d.getDialogPane().setContent(new VBox(8, what, new Label(i18n.get("remote.readBack")), readBack, ack, problem));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.getDialogPane().lookupButton(ButtonType.CLOSE).setVisible(false);
        // only an acknowledgement closes it
        d.setOnCloseRequest(e -> {
            if (!done[0]) {
                e.consume();
            }
        });
        d.show();
    }
}
