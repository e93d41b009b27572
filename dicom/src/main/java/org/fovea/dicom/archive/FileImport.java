package org.fovea.dicom.archive;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomReadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Imports files and folders a user names, as a pipeline: two threads check each file
 * ({@link ParsedInstance#read}) and copy it into the archive's staging folder; the importing
 * thread takes the copies into a {@link ReceiveBatch}, which hashes and flushes each to disk on
 * its flush threads as it comes; every {@value #BATCH} files, and at the end, a committing thread
 * moves the batch's files to their archive names and commits their rows in one transaction,
 * synced with their folders and the database, while the next batch fills. Each file is on disk
 * before its row is committed, and a crash leaves at worst files without rows, which the next
 * import replaces. One file at a time, with a flush of the file, its folder and the database
 * each, imported 536 small files a second here; the pipeline about 1,500-2,200 (bench/run's
 * import figure), and what is left is work, not waiting: without any flush at all it was less
 * than 10 % faster.
 */
final class FileImport {

    private static final Logger LOG = LoggerFactory.getLogger(FileImport.class);
    /** Files committed together: one database sync and one folder sync per series for each. */
    static final int BATCH = 100;
    /** Files being checked and copied at once: a batch's worth ahead, so a commit never starves them. */
    private static final int WINDOW = BATCH;
    private static final ExecutorService CHECKERS = Executors.newFixedThreadPool(2, daemon("archive-import"));
    private static final ExecutorService COMMITTER = Executors.newSingleThreadExecutor(daemon("archive-import-commit"));

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private final LocalArchive archive;

    FileImport(LocalArchive archive) {
        this.archive = archive;
    }

    /** A file checked and copied to the staging folder, or why not. */
    private record Checked(Path file, Path copy, ParsedInstance parsed, DicomReadException refused) {
    }

    ImportReport importPaths(List<Path> paths, ImportListener listener, CancelToken cancel) {
        List<ImportFailure> failures = new ArrayList<>();
        List<Path> files = collectFiles(paths, failures);
        Run run = new Run(failures);
        CompletionService<Checked> checking = new ExecutorCompletionService<>(CHECKERS);
        int submitted = 0;
        int finished = 0;
        int done = 0;
        boolean cancelled = false;
        listener.progress(0, files.size(), files.isEmpty() ? null : files.get(0));
        try {
            while (finished < submitted || (submitted < files.size() && !cancelled)) {
                cancelled |= cancel.isCancelled();
                while (!cancelled && submitted < files.size() && submitted - finished < WINDOW) {
                    Path file = files.get(submitted++);
                    checking.submit(() -> check(file));
                }
                if (finished == submitted) {
                    break;
                }
                Checked checked = await(checking);
                finished++;
                if (cancelled) {
                    // checked after the user cancelled: not taken, as if never started
                    if (checked.copy() != null) {
                        LocalArchive.deleteQuietly(checked.copy());
                    }
                    continue;
                }
                run.take(checked);
                done++;
                listener.progress(done, files.size(), checked.file());
            }
        } finally {
            run.finish();
        }
        listener.progress(done, files.size(), null);
        LOG.info("Import: {} imported, {} duplicates, {} failed{}", run.imported, run.duplicates, failures.size(),
                cancelled ? ", cancelled" : "");
        return new ImportReport(run.imported.get(), run.duplicates.get(), failures, cancelled);
    }

    LocalArchive.Outcome importFile(Path file) throws DicomReadException {
        List<ImportFailure> failures = new ArrayList<>();
        Run run = new Run(failures);
        try {
            run.take(check(file));
        } finally {
            run.finish();
        }
        if (!failures.isEmpty()) {
            throw new DicomReadException(file, failures.get(0).reason());
        }
        return run.imported.get() == 1 ? LocalArchive.Outcome.IMPORTED : LocalArchive.Outcome.DUPLICATE;
    }

    /** Checks a file and copies it into the staging folder, on a checking thread. */
    private Checked check(Path file) {
        try {
            ParsedInstance parsed = ParsedInstance.read(file);
            Path copy = archive.stagingDirectory().resolve(parsed.header().sopInstanceUid() + "." + UUID.randomUUID()
                    + LocalArchive.TEMP_SUFFIX);
            try {
                Files.copy(file, copy);
            } catch (IOException e) {
                LocalArchive.deleteQuietly(copy);
                throw new DicomReadException(file, "could not be copied into the archive (" + e.getMessage() + ")", e);
            }
            return new Checked(file, copy, parsed, null);
        } catch (DicomReadException e) {
            return new Checked(file, null, null, e);
        }
    }

    private static Checked await(CompletionService<Checked> checking) {
        try {
            return checking.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveException("The import was interrupted", e);
        } catch (ExecutionException e) {
            throw new ArchiveException("A file could not be checked: " + e.getCause(), e.getCause());
        }
    }

    /**
     * One import's batches and counts. A full batch is committed on the committing thread while
     * the next fills (the checking threads keep going meanwhile); at most one commit runs at a
     * time, and one waits for the one before.
     */
    private final class Run {
        final List<ImportFailure> failures;
        private ReceiveBatch batch = archive.importBatch();
        /** The user's file of each staged copy in the batch, to name it if the batch fails. */
        private Map<Path, Path> originals = new LinkedHashMap<>();
        private Future<?> committing = CompletableFuture.completedFuture(null);
        private final AtomicInteger imported = new AtomicInteger();
        private final AtomicInteger duplicates = new AtomicInteger();

        Run(List<ImportFailure> failures) {
            this.failures = Collections.synchronizedList(failures);
        }

        void take(Checked checked) {
            if (checked.refused() != null) {
                failures.add(new ImportFailure(checked.file(), checked.refused().reason()));
                return;
            }
            try {
                if (batch.add(checked.copy(), checked.parsed()).outcome() == LocalArchive.Outcome.DUPLICATE) {
                    duplicates.incrementAndGet();
                } else {
                    originals.put(checked.copy(), checked.file());
                }
            } catch (DicomReadException e) {
                LocalArchive.deleteQuietly(checked.copy());
                failures.add(new ImportFailure(checked.file(), e.reason()));
            }
            if (batch.pending() >= BATCH) {
                commitInBackground();
            }
        }

        /** Commits what is pending and waits until every batch is committed. */
        void finish() {
            commitInBackground();
            await(committing);
        }

        private void commitInBackground() {
            if (batch.pending() == 0) {
                return;
            }
            await(committing);
            ReceiveBatch full = batch;
            Map<Path, Path> names = originals;
            batch = archive.importBatch();
            originals = new LinkedHashMap<>();
            committing = COMMITTER.submit(() -> commit(full, names));
        }

        /** Commits a batch; when the disk or the database fails, its files are reported, not stored. */
        private void commit(ReceiveBatch full, Map<Path, Path> names) {
            int pending = full.pending();
            try {
                int stored = full.flush();
                imported.addAndGet(stored);
                duplicates.addAndGet(pending - stored);
            } catch (ArchiveException e) {
                LOG.warn("{} files could not be stored", pending, e);
                for (Map.Entry<Path, Path> f : names.entrySet()) {
                    LocalArchive.deleteQuietly(f.getKey());
                    failures.add(new ImportFailure(f.getValue(), "could not be stored in the archive ("
                            + e.getMessage() + ")"));
                }
            }
        }

        private void await(Future<?> f) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArchiveException("The import was interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r
                        : new ArchiveException("A batch could not be committed: " + e.getCause(), e.getCause());
            }
        }
    }

    private static List<Path> collectFiles(List<Path> paths, List<ImportFailure> failures) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                try {
                    Files.walkFileTree(p, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            // DICOMDIR indexes a medium; its instances are the other files.
                            if (attrs.isRegularFile() && !f.getFileName().toString().equals("DICOMDIR")) {
                                found.add(f);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            failures.add(new ImportFailure(f, "cannot be read (" + e.getMessage() + ")"));
                            return FileVisitResult.CONTINUE;
                        }
                    });
                } catch (IOException e) {
                    failures.add(new ImportFailure(p, "the folder cannot be read (" + e.getMessage() + ")"));
                }
                found.sort(Comparator.naturalOrder());
                files.addAll(found);
            } else {
                failures.add(new ImportFailure(p, "no such file or folder"));
            }
        }
        return files;
    }
}
