package org.fovea.app.ui.common;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.SecondaryCapture;
import org.fovea.dicom.archive.ImportListener;
import org.fovea.dicom.archive.ImportReport;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.archive.StudyPage;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fovea.dicom.marks.MarkArchive;
import org.fovea.reporting.Report;
import org.fovea.reporting.export.PdfLayout;
import org.fovea.reporting.export.ReportDicom;
import org.fovea.reporting.export.ReportPdf;
import org.fovea.dicom.marks.PresentationStates;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The local archive as the UI sees it: every query runs on one background thread (the UI thread
 * never waits for the database) and its result arrives on the FX thread. Imports run on a thread
 * of their own, so the study list still answers during a long import.
 */
public final class ArchiveService implements AutoCloseable {

    private final LocalArchive archive;
    private final ExecutorService queries = Threads.pool("fovea-archive", 1);
    private final ExecutorService imports = Threads.pool("fovea-import", 1);

    private final MarkArchive marks;

    public ArchiveService(LocalArchive archive) {
        this.archive = archive;
        this.marks = new MarkArchive(archive, archive.archiveDirectory().toAbsolutePath().getParent().resolve("work"));
    }

    /**
     * The archive as the destination of the DICOM network's own threads, which store what they
     * receive into it as it arrives (the listener, a retrieve): the network layer's API takes the
     * archive itself. Not for the UI's queries, which are this service's methods.
     */
    public LocalArchive destination() { return archive; }

    /** A page of the studies matching the query, newest first; see {@link LocalArchive#findStudies(StudyQuery, int, int)}. */
    public CompletableFuture<StudyPage> findStudies(StudyQuery query, int offset, int limit) {
        return async(() -> archive.findStudies(query, offset, limit));
    }

    public CompletableFuture<Integer> countStudies(StudyQuery query) {
        return async(() -> archive.countStudies(query));
    }

    public CompletableFuture<List<StudySummary>> studiesOfPatient(String patientId) {
        return async(() -> archive.studiesOfPatient(patientId));
    }

    public CompletableFuture<java.util.Optional<StudySummary>> study(String studyUid) {
        return async(() -> archive.study(studyUid));
    }

    public CompletableFuture<List<SeriesSummary>> series(String studyUid) {
        return async(() -> archive.series(studyUid));
    }

    /** A study's series, each with its instances in display order. */
    public CompletableFuture<List<LoadedSeries>> seriesWithInstances(String studyUid) {
        return async(() -> archive.series(studyUid).stream()
                .filter(s -> !MarkArchive.documentSeries(s))
                .map(s -> new LoadedSeries(s, archive.instances(s.seriesUid())))
                .filter(s -> !s.instances().isEmpty())
                .toList());
    }

    /** The study's marks (ours and others'), read off the FX thread. */
    public CompletableFuture<MarkArchive.Loaded> marks(String studyUid) {
        return async(() -> marks.load(studyUid));
    }

    /** Writes a new generation of the study's marks, off the FX thread. */
    public CompletableFuture<Void> saveMarks(String studyUid, List<org.fovea.render.measure.Annotation> ours,
                                             java.util.function.Function<org.fovea.render.measure.Measured, String> valueText,
                                             Map<org.fovea.render.measure.ImageRef, String> keyImages,
                                             Map<org.fovea.render.measure.ImageRef, PresentationStates.Display> displays) {
        return async(() -> {
            marks.save(studyUid, ours, valueText, keyImages, displays);
            return null;
        });
    }

    /**
     * The files of a study, or only of {@code series} when there are any, series after series,
     * each in display order: what a send transfers.
     */
    public CompletableFuture<List<Path>> files(String studyUid, List<SeriesSummary> series) {
        return async(() -> {
            List<Path> files = new ArrayList<>();
            for (SeriesSummary s : series.isEmpty() ? archive.series(studyUid) : series) {
                for (InstanceEntry i : archive.instances(s.seriesUid())) {
                    files.add(i.file());
                }
            }
            return files;
        });
    }

    /**
     * Imports files and folders (see {@link LocalArchive#importPaths}) on the import thread;
     * {@code progress} is called on that thread, the report arrives on the FX thread.
     */
    public CompletableFuture<ImportReport> importPaths(List<Path> paths, ImportListener progress, CancelToken cancel) {
        return async(() -> archive.importPaths(paths, progress, cancel), imports);
    }

    /**
     * A report into its study as DICOM, SR and Encapsulated PDF (see {@link ReportDicom#intoArchive}),
     * its PDF laid out by {@code home}'s report-layout.json; on the import thread.
     */
    public CompletableFuture<ImportReport> fileReport(Report report, Path home) {
        return async(() -> {
            try {
                return ReportDicom.intoArchive(report, ReportPdf.bytes(report, PdfLayout.load(home)), archive, home);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, imports);
    }

    /**
     * Stores a screenshot in its study's image library (a secondary capture, numbered after the
     * ones already there) and answers how many the library now holds.
     */
    public CompletableFuture<Integer> storeScreenshot(ImageHeader source, int[] argb, int width, int height,
                                                      String libraryName, String comment) {
        return async(() -> {
            String library = SecondaryCapture.seriesUidFor(source.studyInstanceUid());
            int next = archive.instances(library).size() + 1;
            Path dir = null;
            try {
                dir = Files.createTempDirectory("fovea-screenshot");
                Path file = SecondaryCapture.write(source, argb, width, height, libraryName, comment, next, dir);
                archive.importFile(file);
                Files.deleteIfExists(file);
                return archive.instances(library).size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (DicomReadException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } finally {
                if (dir != null) {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (IOException e) {
                        // a left-over empty temp directory is harmless
                    }
                }
            }
        });
    }

    /**
     * Runs a task on the archive thread after the queries asked before it, and before those asked
     * after it (the tests hold the thread with it to look at the window while a search waits).
     */
    public CompletableFuture<Void> enqueue(Runnable task) {
        return async(() -> {
            task.run();
            return null;
        });
    }

    /** A series summary with its instances. */
    public record LoadedSeries(SeriesSummary summary, List<InstanceEntry> instances) {
    }

    /** The header of one image of a study (its first image series' first), empty when it has none. */
    public CompletableFuture<java.util.Optional<ImageHeader>> anyImageHeader(String studyUid) {
        return async(() -> MarkArchive.anyImageFile(archive, studyUid).flatMap(f -> {
            try {
                return java.util.Optional.of(org.fovea.dicom.HeaderReader.read(f));
            } catch (DicomReadException e) {
                return java.util.Optional.empty();
            }
        }));
    }

    /** The file of one image of a study (its first image series' first): what study-level DICOM is built from. */
    public CompletableFuture<java.util.Optional<Path>> anyImageFile(String studyUid) {
        return async(() -> MarkArchive.anyImageFile(archive, studyUid));
    }

    private <T> CompletableFuture<T> async(Supplier<T> query) {
        return async(query, queries);
    }

    private <T> CompletableFuture<T> async(Supplier<T> work, Executor thread) {
        return FxFutures.onFx(work, thread);
    }

    /** Abandons the queries; an import under way (cancelled by its owner) ends its current file first. */
    @Override
    public void close() {
        // what is queued finishes first (a study's marks written as the window closes), briefly
        queries.shutdown();
        try {
            if (!queries.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                queries.shutdownNow();
            }
        } catch (InterruptedException e) {
            queries.shutdownNow();
            Thread.currentThread().interrupt();
        }
        imports.shutdown();
    }
}
