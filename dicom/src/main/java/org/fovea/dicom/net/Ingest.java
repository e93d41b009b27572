package org.fovea.dicom.net;

import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.archive.ArchiveException;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.ParsedInstance;
import org.fovea.dicom.archive.ReceiveBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves completely received files of a retrieve into the archive on a thread of its own, so that
 * the network thread goes on receiving while the previous file is hashed and indexed.
 *
 * <p>The node asked keeps its copies, so files are made durable in batches ({@link ReceiveBatch}):
 * the first file at once (the viewer can open the series), then every {@value #BATCH} files and
 * at {@link #flush}. A crash loses at most the unflushed files, never leaves a row without its
 * whole file, and the retrieve run again fetches what is missing. Progress counts files taken
 * in; the retrieve returns only once they are durable.
 */
final class Ingest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    static final int BATCH = 50;

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
    private final Set<String> refusedUids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failedImages = new AtomicInteger();
    private final ReceiveBatch batch;
    /** Instances added to the batch and not yet flushed. */
    private int unflushed;
    private boolean flushedOnce;

    Ingest(LocalArchive archive, TransferListener listener, int total) {
        this.listener = listener;
        this.total = total;
        this.batch = archive.receiveBatch();
    }

    /**
     * Checks a complete file on the caller's thread, the one that answers its C-STORE, and queues
     * it for the archive, telling {@code told} (may be null) once it is in the batch or that it
     * could not be stored. A file that fails the check ({@code IntakeCheck}: it could not be
     * shown) is deleted and counted as a failure, and the caller answers it with a failure status,
     * so the node counts the sub-operation as failed instead of being told it succeeded.
     *
     * @throws DicomReadException naming the object and the reason it was refused
     */
    void receive(ReceivedFile received, StoreScp.StoreListener told) throws DicomReadException {
        ParsedInstance parsed;
        try {
            parsed = received.parse();
        } catch (DicomReadException e) {
            deleteQuietly(received.path());
            String reason = "Image " + received.sopInstanceUid() + " was refused: " + e.reason();
            LOG.warn(reason, e);
            refused(reason, received.sopInstanceUid());
            if (told != null) {
                told.failed(reason);
            }
            throw e;
        }
        worker.execute(() -> {
            try {
                LocalArchive.Imported imported = store(received, parsed);
                if (told != null && imported.outcome() == LocalArchive.Outcome.IMPORTED) {
                    told.stored(imported.header());
                }
            } catch (DicomReadException | ArchiveException e) {
                deleteQuietly(received.path());
                if (told != null) {
                    told.failed("An image of the retrieve could not be stored: " + e.getMessage());
                }
            }
        });
    }

    private synchronized void refused(String reason, String sopInstanceUid) {
        failures.add(reason);
        refusedUids.add(sopInstanceUid);
        failedImages.incrementAndGet();
        listener.progress(done.incrementAndGet(), total, sopInstanceUid);
    }

    /**
     * Takes a complete, checked file into the batch, flushing when the batch is due; returns what
     * happened to it.
     */
    private synchronized LocalArchive.Imported store(ReceivedFile received, ParsedInstance parsed)
            throws DicomReadException {
        String sopInstanceUid = received.sopInstanceUid();
        try {
            LocalArchive.Imported result = batch.add(received.path(), parsed);
            if (result.outcome() == LocalArchive.Outcome.DUPLICATE) {
                duplicates.incrementAndGet();
                listener.progress(done.incrementAndGet(), total, sopInstanceUid);
            } else {
                unflushed++;
                listener.progress(done.incrementAndGet(), total, sopInstanceUid);
                if (!flushedOnce || unflushed >= BATCH) {
                    flush();
                }
            }
            return result;
        } catch (DicomReadException | ArchiveException e) {
            failed("Instance " + sopInstanceUid + " could not be stored: " + e.getMessage(), e);
            throw e;
        }
    }

    /** Flushes once the files queued so far are in the batch: a series is complete. */
    void flushQueued() {
        worker.execute(this::flush);
    }

    /** Makes everything received so far durable and indexed. */
    synchronized void flush() {
        if (unflushed == 0) {
            return;
        }
        int count = unflushed;
        unflushed = 0;
        flushedOnce = true;
        try {
            int stored = batch.flush();
            imported.addAndGet(stored);
            duplicates.addAndGet(count - stored);
        } catch (ArchiveException e) {
            LOG.warn("{} received instances could not be stored", count, e);
            failures.add(count + " received images could not be stored: " + e.getMessage());
            failedImages.addAndGet(count);
        }
    }

    private void failed(String reason, Exception e) {
        LOG.warn(reason, e);
        failures.add(reason);
        failedImages.incrementAndGet();
        done.incrementAndGet();
    }

    /** Waits until every queued file is in the archive, durable. */
    void finish() {
        if (!worker.isShutdown()) {
            worker.execute(this::flush);
            worker.shutdown();
        }
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

    /** The SOP Instance UIDs of the images refused by the check, not to be asked for again. */
    Set<String> refusedUids() {
        return Set.copyOf(refusedUids);
    }

    /** How many images arrived and were refused or could not be stored. */
    int failedImages() {
        return failedImages.get();
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
