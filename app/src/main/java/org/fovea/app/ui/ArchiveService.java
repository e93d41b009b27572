package org.fovea.app.ui;

import javafx.application.Platform;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The local archive as the UI sees it: every query runs on one background thread (the UI thread
 * never waits for the database) and its result arrives on the FX thread.
 */
public final class ArchiveService implements AutoCloseable {

    private static final Executor FX = Platform::runLater;

    private final LocalArchive archive;
    private final ExecutorService queries = Threads.pool("fovea-archive", 1);

    public ArchiveService(LocalArchive archive) {
        this.archive = archive;
    }

    public LocalArchive archive() { return archive; }

    public CompletableFuture<List<StudySummary>> findStudies(StudyQuery query) {
        return async(() -> archive.findStudies(query));
    }

    public CompletableFuture<List<StudySummary>> studiesOfPatient(String patientId) {
        return async(() -> archive.studiesOfPatient(patientId));
    }

    public CompletableFuture<List<SeriesSummary>> series(String studyUid) {
        return async(() -> archive.series(studyUid));
    }

    /** A study's series, each with its instances in display order. */
    public CompletableFuture<List<LoadedSeries>> seriesWithInstances(String studyUid) {
        return async(() -> archive.series(studyUid).stream()
                .map(s -> new LoadedSeries(s, archive.instances(s.seriesUid())))
                .filter(s -> !s.instances().isEmpty())
                .toList());
    }

    /** A series summary with its instances. */
    public record LoadedSeries(SeriesSummary summary, List<InstanceEntry> instances) {
    }

    private <T> CompletableFuture<T> async(Supplier<T> query) {
        CompletableFuture<T> onFx = new CompletableFuture<>();
        CompletableFuture.supplyAsync(query, queries).whenComplete((value, error) -> FX.execute(() -> {
            if (error != null) {
                onFx.completeExceptionally(error instanceof java.util.concurrent.CompletionException c
                        && c.getCause() != null ? c.getCause() : error);
            } else {
                onFx.complete(value);
            }
        }));
        return onFx;
    }

    @Override
    public void close() {
        queries.shutdownNow();
    }
}
