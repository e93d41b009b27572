package org.fovea.app.ui.studies;

import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.UiFonts;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.ImportFailure;
import org.fovea.dicom.archive.ImportReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imports files and folders into the local archive on the archive's import thread, with a progress line
 * (n / N and the current file) and a Cancel button in the window, then a summary: how many were
 * imported, how many duplicates were skipped, and each failed file with its reason.
 */
public final class ImportController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportController.class);

    private record Progress(int done, int total, Path current) {
    }

    private final I18n i18n;
    private final ArchiveService archive;
    private final Runnable onFinished;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<ImportReport> lastReport = new SimpleObjectProperty<>();
    private final AtomicReference<Progress> pending = new AtomicReference<>();
    private final ProgressBar bar = new ProgressBar(0);
    private final Label label = new Label();
    private final Button cancel = new Button();
    private final HBox progressLine;
    private CancelToken token;

    /** {@code onFinished} runs on the FX thread after every import, e.g. to refresh the study list. */
    public ImportController(I18n i18n, ArchiveService archive, Runnable onFinished) {
        this.i18n = i18n;
        this.archive = archive;
        this.onFinished = onFinished;
        cancel.textProperty().bind(i18n.text("import.cancel"));
        cancel.setOnAction(e -> {
            if (token != null) {
                token.cancel();
                label.setText(i18n.get("import.cancelling"));
            }
        });
        bar.setPrefWidth(240);
        label.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(label, Priority.ALWAYS);
        progressLine = new HBox(8, label, bar, cancel);
        progressLine.setAlignment(Pos.CENTER_LEFT);
        progressLine.getStyleClass().add("status-line");
        progressLine.visibleProperty().bind(running.getReadOnlyProperty());
        progressLine.managedProperty().bind(running.getReadOnlyProperty());
    }

    /** The progress line, shown while an import runs. */
    public Node progressNode() { return progressLine; }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** The report of the last finished import, set on the FX thread. */
    public ObjectProperty<ImportReport> lastReportProperty() { return lastReport; }

    /** Starts importing; FX thread. One import at a time: a request during another is refused with a message. */
    public void importPaths(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        if (running.get()) {
            Alert busy = new Alert(Alert.AlertType.INFORMATION, i18n.get("import.busy"), ButtonType.OK);
            busy.setTitle(i18n.get("app.title"));
            busy.setHeaderText(null);
            styleLike(busy);
            busy.show();
            return;
        }
        CancelToken t = new CancelToken();
        token = t;
        running.set(true);
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        label.setText(i18n.get("import.scanning"));
        archive.importPaths(paths, this::progress, t).whenComplete((r, error) -> {
            if (error != null) {
                finish(null);
                Alerts.error(progressLine, i18n, "error.import", error);
                return;
            }
            LOG.info("import of {}: {} imported, {} duplicates, {} failed{}", paths, r.imported(), r.duplicates(),
                    r.failures().size(), r.cancelled() ? " (cancelled)" : "");
            finish(r);
            showSummary(r);
        });
    }

    /** Called per file on the import thread; only the latest value is handed to the FX thread. */
    private void progress(int done, int total, Path current) {
        if (pending.getAndSet(new Progress(done, total, current)) == null) {
            Platform.runLater(() -> {
                Progress p = pending.getAndSet(null);
                if (p != null && running.get()) {
                    bar.setProgress(p.total() == 0 ? 0 : (double) p.done() / p.total());
                    label.setText(p.current() == null
                            ? i18n.format("import.progressDone", String.valueOf(p.done()), String.valueOf(p.total()))
                            : i18n.format("import.progress", String.valueOf(p.done()), String.valueOf(p.total()),
                                    p.current().getFileName().toString()));
                }
            });
        }
    }

    private void finish(ImportReport report) {
        running.set(false);
        token = null;
        lastReport.set(report);
        onFinished.run();
    }

    private void showSummary(ImportReport r) {
        Alert alert = new Alert(r.failures().isEmpty() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING,
                i18n.format("import.summary", String.valueOf(r.imported()), String.valueOf(r.duplicates()),
                        String.valueOf(r.failures().size())), ButtonType.OK);
        alert.setTitle(i18n.get("app.title"));
        alert.setHeaderText(i18n.get(r.cancelled() ? "import.cancelled" : "import.finished"));
        if (!r.failures().isEmpty()) {
            ListView<String> failures = new ListView<>();
            for (ImportFailure f : r.failures()) {
                failures.getItems().add(i18n.format("import.failure", f.file().getFileName().toString(), f.reason(),
                        f.file().toString()));
            }
            // each reason wraps within the list: a sentence that names a file and byte counts is
            // longer than a row, and a horizontal scroll bar would hide the row beneath it
            failures.setCellFactory(list -> new ListCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                    setWrapText(true);
                    setPrefWidth(0);
                }
            });
            failures.setPrefHeight(Math.min(320, 48 * r.failures().size() + 10));
            alert.getDialogPane().setPrefWidth(760);
            alert.getDialogPane().setExpandableContent(failures);
            alert.getDialogPane().setExpanded(true);
        }
        styleLike(alert);
        alert.show();
    }

    private void styleLike(Alert alert) {
        if (progressLine.getScene() != null) {
            alert.initOwner(progressLine.getScene().getWindow());
            alert.getDialogPane().getStylesheets().setAll(progressLine.getScene().getStylesheets());
            alert.getDialogPane().setStyle(UiFonts.rootStyle());
        }
    }

    /** Cancels an import under way; the archive service ends its thread. */
    @Override
    public void close() {
        CancelToken t = token;
        if (t != null) {
            t.cancel();
        }
    }

    /** File > Import folder…: asks a folder and imports it. */
    public void chooseFolder(javafx.stage.Window owner) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle(i18n.get("import.chooseFolder"));
        java.io.File dir = chooser.showDialog(owner);
        if (dir != null) {
            importPaths(List.of(dir.toPath()));
        }
    }

    /** File > Import files…: asks files and imports them. */
    public void chooseFiles(javafx.stage.Window owner) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(i18n.get("import.chooseFiles"));
        List<java.io.File> files = chooser.showOpenMultipleDialog(owner);
        if (files != null) {
            importPaths(files.stream().map(java.io.File::toPath).toList());
        }
    }
}
