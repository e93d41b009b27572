package org.fovea.dicom.net;

import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.archive.ArchiveException;
import org.fovea.dicom.archive.LocalArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves completely received files into the archive on a thread of its own, so that the network
 * thread goes on receiving while the previous file is flushed, hashed and indexed.
 */
final class Ingest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

    private final LocalArchive archive;
    private final TransferListener listener;
    private final int total;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dicom-ingest");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger imported = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    Ingest(LocalArchive archive, TransferListener listener, int total) {
        this.archive = archive;
        this.listener = listener;
        this.total = total;
    }

    /** Queues a complete file; it is moved into the archive or, if it cannot be stored, deleted. */
    void submit(Path file, String sopInstanceUid) {
        worker.execute(() -> {
            try {
                if (archive.importReceived(file).outcome() == LocalArchive.Outcome.IMPORTED) {
                    imported.incrementAndGet();
                } else {
                    duplicates.incrementAndGet();
                }
            } catch (DicomReadException | ArchiveException e) {
                LOG.warn("Received instance {} could not be stored", sopInstanceUid, e);
                failures.add("Instance " + sopInstanceUid + " could not be stored: " + e.getMessage());
                deleteQuietly(file);
            }
            listener.progress(done.incrementAndGet(), total, sopInstanceUid);
        });
    }

    /** Counts an instance that arrived through another path (the listener, for C-MOVE). */
    void arrived(LocalArchive.Outcome outcome, String sopInstanceUid) {
        (outcome == LocalArchive.Outcome.IMPORTED ? imported : duplicates).incrementAndGet();
        listener.progress(done.incrementAndGet(), total, sopInstanceUid);
    }

    void failed(String reason) {
        failures.add(reason);
        done.incrementAndGet();
    }

    /** Waits until every queued file is in the archive. */
    void finish() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.MINUTES)) {
                LOG.error("Storing received files did not finish within 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int imported() {
        return imported.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    int done() {
        return done.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not delete {}", file, e);
        }
    }

    @Override
    public void close() {
        finish();
    }
}
