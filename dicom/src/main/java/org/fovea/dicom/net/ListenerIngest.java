package org.fovea.dicom.net;

import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.ArchiveException;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.ReceiveBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Files the listener's acknowledged images into the archive on a thread of its own, in batches
 * committed when the sender pauses ({@value #IDLE_MILLIS} ms without a new image), when
 * {@value #MAX_BATCH} are pending or when the oldest has waited {@value #MAX_WAIT_MILLIS} ms. A
 * fast sender thus shares one commit (directory syncs, one transaction, one database sync) among
 * many images instead of competing, image by image, with the flushes that acknowledge the next
 * ones; a slow one sees each image indexed at once.
 *
 * <p>The images are already durable in the listener's receive folder; a crash before their batch
 * is committed leaves them there, and the recovery at the next start stores them.
 */
final class ListenerIngest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerIngest.class);
    /** Most images in one commit, so the list shows a long push arriving. */
    static final int MAX_BATCH = 100;
    /** A pause this long means the sender has finished or is waiting for something else. */
    static final int IDLE_MILLIS = 20;
    static final int MAX_WAIT_MILLIS = 1000;
    private static final Path END = Path.of("");

    private final StoreScp.StoreListener listener;
    private final ReceiveBatch batch;
    private final BlockingQueue<Path> queue = new LinkedBlockingQueue<>();
    private final List<ImageHeader> pending = new ArrayList<>();
    private final Thread thread;

    ListenerIngest(LocalArchive archive, StoreScp.StoreListener listener, String name) {
        this.listener = listener;
        this.batch = archive.receiveBatchOfDurableFiles();
        this.thread = new Thread(this::run, "dicom-listener-ingest " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an acknowledged image; the caller has made it durable. */
    void submit(Path durableFile) {
        queue.add(durableFile);
    }

    private void run() {
        try {
            while (true) {
                Path next = queue.take();
                long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
                while (next != null && next != END) {
                    take(next);
                    next = pending.size() < MAX_BATCH && System.nanoTime() < due
                            ? queue.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS) : null;
                }
                commit();
                if (next == END) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void take(Path file) {
        try {
            LocalArchive.Imported imported = batch.add(file);
            if (imported.outcome() == LocalArchive.Outcome.IMPORTED) {
                pending.add(imported.header());
            }
        } catch (DicomReadException e) {
            // checked before it was acknowledged, so the file changed or vanished since
            String reason = "A received image could not be stored: " + e.getMessage() + "; it stays in " + file.getParent()
                    + " and is looked at again when Fovea next starts.";
            LOG.error(reason, e);
            listener.failed(reason);
        }
    }

    private void commit() {
        if (pending.isEmpty() && batch.pending() == 0) {
            return;
        }
        List<ImageHeader> headers = List.copyOf(pending);
        pending.clear();
        try {
            batch.flush();
            headers.forEach(listener::stored);
        } catch (ArchiveException e) {
            String reason = headers.size() + " received images could not be stored in the archive: " + e.getMessage()
                    + "; they stay in the receive folder and are stored when Fovea next starts.";
            LOG.error(reason, e);
            listener.failed(reason);
        }
    }

    /** Stores everything queued so far, then ends the thread. */
    @Override
    public void close() {
        queue.add(END);
        try {
            thread.join(TimeUnit.MINUTES.toMillis(10));
            if (thread.isAlive()) {
                LOG.error("Storing the listener's received images did not finish within 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
