package org.fovea.app.ui.registration;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.control.Label;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.upload.ExamUpload;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.registration.HandUpload;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A technician's hand upload into an exam (T4), on a thread of its own so the queue keeps
 * refreshing: progress in the desk's status line, Cancel between files, then what was stored and
 * every refused file with its reason. Files go through the archive's own import
 * ({@link ExamUpload}); the study list is told when images arrived.
 */
public final class Uploads {

    final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final I18n i18n;
    private final RegistrationService service;
    private final Label status;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fovea-exam-upload");
        t.setDaemon(true);
        return t;
    });
    private LocalArchive archive;
    private Consumer<ExamUpload.Report> arrived = r -> { };
    private CancelToken cancel = CancelToken.none();

    Uploads(I18n i18n, RegistrationService service, Label status) {
        this.i18n = i18n;
        this.service = service;
        this.status = status;
    }

    /** The archive images go into and who is told when they did (the study list); unset, uploads are refused. */
    public void setArchive(LocalArchive archive, Consumer<ExamUpload.Report> arrived) {
        this.archive = archive;
        this.arrived = arrived;
    }

    /** Uploads the files and folders into the exam; the future completes on the FX thread with the report. */
    public CompletableFuture<ExamUpload.Report> start(String accession, List<Path> paths) {
        CompletableFuture<ExamUpload.Report> done = new CompletableFuture<>();
        if (archive == null) {
            done.completeExceptionally(new IllegalStateException("no archive to upload into"));
            return done;
        }
        CancelToken token = new CancelToken();
        cancel = token;
        running.set(true);
        status.setText(i18n.format("exam.upload.checking", accession));
        // the registration tables are read on the desk's thread only for the check's connection; the
        // import itself runs here, so Next and the queue's refresh are not held up
        service.run(d -> d.registrations()).thenAcceptAsync(registrations -> {
            ExamUpload.Report report;
            try {
                report = ExamUpload.run(registrations, archive, accession, paths, (n, total, current) ->
                        Platform.runLater(() -> status.setText(i18n.format("exam.upload.progress", accession, n, total))),
                        token);
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    running.set(false);
                    status.setText(RegistrationService.sentence(e));
                    done.completeExceptionally(e);
                });
                return;
            }
            Platform.runLater(() -> {
                running.set(false);
                status.setText(summary(accession, report));
                if (report.imported() > 0) {
                    arrived.accept(report);
                }
                done.complete(report);
            });
        }, thread).exceptionally(e -> {
            Platform.runLater(() -> {
                running.set(false);
                status.setText(RegistrationService.sentence(e));
                done.completeExceptionally(e);
            });
            return null;
        });
        return done;
    }

    /** Stops the upload under way between two files; what was stored stays. */
    public void cancel() {
        cancel.cancel();
    }

    private String summary(String accession, ExamUpload.Report r) {
        String head = i18n.format(r.cancelled() ? "exam.upload.cancelled" : "exam.upload.done", r.imported(), accession,
                r.duplicates(), r.refused().size());
        return r.refused().isEmpty() ? head : head + "  " + String.join("；", r.refused().stream()
                .map(HandUpload.Refused::message).limit(5).toList()) + (r.refused().size() > 5 ? " …" : "");
    }

    void close() {
        cancel.cancel();
        thread.shutdown();
    }
}
