package org.fovea.app.ui.network;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.I18n;
import org.fovea.dicom.CancelToken;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The window's lines for network transfers under way (retrieve, send): one line each with what
 * it is, n / N, a progress bar and Cancel; a line goes away when its transfer ends.
 */
public final class TransferPanel {

    /** What a line last showed; kept after the line closes, so a test or a summary can read it. */
    record Shown(String title, int done, int total) {
    }

    private final I18n i18n;
    private final VBox box = new VBox();
    private final ReadOnlyObjectWrapper<Shown> lastClosed = new ReadOnlyObjectWrapper<>();

    public TransferPanel(I18n i18n) {
        this.i18n = i18n;
        box.managedProperty().bind(box.visibleProperty());
        box.setVisible(false);
    }

    public Node node() { return box; }

    ReadOnlyObjectProperty<Shown> lastClosedProperty() { return lastClosed.getReadOnlyProperty(); }

    /** A new line; FX thread. */
    Line start(String title, CancelToken cancel) {
        Line line = new Line(title, cancel);
        box.getChildren().add(line.row);
        box.setVisible(true);
        return line;
    }

    final class Line {
        private record Progress(int done, int total, String current) {
        }

        private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        private final Label label = new Label();
        private final HBox row;
        private final AtomicReference<Progress> pending = new AtomicReference<>();
        private volatile String title;
        private Progress shown = new Progress(0, 0, null);
        private boolean closed;

        private Line(String title, CancelToken cancel) {
            this.title = title;
            label.setText(title);
            label.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(label, Priority.ALWAYS);
            bar.setPrefWidth(240);
            Button stop = new Button();
            stop.textProperty().bind(i18n.text("transfer.cancel"));
            stop.setOnAction(e -> {
                cancel.cancel();
                stop.setDisable(true);
                label.setText(this.title + " — " + i18n.get("transfer.cancelling"));
            });
            row = new HBox(8, label, bar, stop);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().addAll("status-line", "transfer-line");
        }

        /** Any thread; only the newest value reaches the FX thread. */
        void progress(int done, int total, String current) {
            if (pending.getAndSet(new Progress(done, total, current)) == null) {
                Platform.runLater(() -> {
                    Progress p = pending.getAndSet(null);
                    if (p != null && !closed) {
                        shown = p;
                        bar.setProgress(p.total() <= 0 ? ProgressBar.INDETERMINATE_PROGRESS : (double) p.done() / p.total());
                        label.setText(i18n.format("transfer.progress", title, String.valueOf(p.done()),
                                String.valueOf(p.total())));
                    }
                });
            }
        }

        /** Any thread: a new first part of the label, e.g. the next study of several. */
        void retitle(String newTitle) {
            title = newTitle;
            Platform.runLater(() -> {
                if (!closed) {
                    label.setText(newTitle);
                    bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
                }
            });
        }

        /** FX thread. Takes the newest progress first, so what the bar reached is what is recorded. */
        void close() {
            Progress p = pending.getAndSet(null);
            if (p != null) {
                shown = p;
            }
            closed = true;
            box.getChildren().remove(row);
            box.setVisible(!box.getChildren().isEmpty());
            lastClosed.set(new Shown(title, shown.done(), shown.total()));
        }
    }
}
