package org.fovea.dicom.net;

import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.ArchiveException;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.ParsedInstance;
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
 * many images instead of competing, image by image, with the receiving of the next ones; a slow
 * one sees each image indexed at once. A sender releasing its association asks for its batch
 * at once ({@link #commitSoon}).
 *
 * <p>The images wait in the listener's receive folder until their batch is committed; a crash
 * before that leaves them there, and the recovery at the next start stores them.
 */
final class ListenerIngest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerIngest.class);
    /** Most images in one commit, so the list shows a long push arriving. */
    static final int MAX_BATCH = 100;
    /** A pause this long means the sender has finished or is waiting for something else. */
    static final int IDLE_MILLIS = 20;
    static final int MAX_WAIT_MILLIS = 1000;
    private static final Received END = new Received(null, null);
    /** Put in the queue to wake the thread when a commit is wanted at once. */
    private static final Received NOW = new Received(null, null);

    private record Received(Path file, ParsedInstance parsed) {
    }

    private final StoreScp.StoreListener listener;
    private final ReceiveBatch batch;
    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
    private final List<ImageHeader> pending = new ArrayList<>();
    private final Thread thread;
    private volatile boolean commitSoon;

    ListenerIngest(LocalArchive archive, StoreScp.StoreListener listener, String name) {
        this.listener = listener;
        this.batch = archive.receiveBatch();
        this.thread = new Thread(this::run, "dicom-listener-ingest " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an acknowledged image, with what its header says. */
    void submit(Path file, ParsedInstance parsed) {
        queue.add(new Received(file, parsed));
    }

    /** Commits what is queued as soon as it is taken, without waiting for the sender to pause. */
    void commitSoon() {
        commitSoon = true;
        queue.add(NOW);
    }

    private void run() {
        try {
            while (true) {
                Received next = queue.take();
                long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
                while (next != null && next != END) {
                    if (next != NOW) {
                        take(next);
                    }
                    next = pending.size() < MAX_BATCH && System.nanoTime() < due
                            ? queue.poll(commitSoon ? 0 : IDLE_MILLIS, TimeUnit.MILLISECONDS) : null;
                }
                commitSoon = false;
                commit();
                if (next == END) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void take(Received received) {
        Path file = received.file();
        try {
            LocalArchive.Imported imported = batch.add(file, received.parsed());
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
