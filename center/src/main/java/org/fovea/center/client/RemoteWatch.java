package org.fovea.center.client;

import org.fovea.center.FeedEvent;
import org.fovea.center.RequestState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * A hospital workstation's background link to the center: it sends what the outbox holds, then
 * keeps the center's event stream open, so a request's progress shows at once and a signed report
 * is fetched, checked and filed within moments of its signature (D5). Each time it (re)connects it
 * first runs a pass of the outbox ({@link Outbox#sync}), which also finds what a dropped stream
 * missed; a broken link is tried again after 1, 2, 4 … up to 30 seconds.
 */
public final class RemoteWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteWatch.class);
    private static final long MAX_BACKOFF_MS = 30_000;

    private final Outbox outbox;
    private final CenterClient client;
    private final Consumer<String> say;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastEvent;

    /**
     * @param say told, in one sentence each, what happens (for a console or a status line); called
     *            on the watch's own thread
     */
    public RemoteWatch(Outbox outbox, CenterClient client, Consumer<String> say) {
        this.outbox = outbox;
        this.client = client;
        this.say = say;
        this.thread = new Thread(this::run, "remote-watch");
        thread.setDaemon(true);
    }

    public RemoteWatch start() {
        thread.start();
        return this;
    }

    private void run() {
        long backoff = 1000;
        while (running) {
            try {
                Outbox.SyncReport pass = outbox.sync(client);
                if (!pass.stoppedBecause().isEmpty()) {
                    throw new CenterException(0, pass.stoppedBecause(), null);
                }
                backoff = 1000;
                client.listen(lastEvent, this::handle);
            } catch (CenterException | RuntimeException e) {
                if (!running) {
                    return;
                }
                say.accept("The center cannot be reached; trying again in " + backoff / 1000 + " s: " + e.getMessage());
                LOG.info("Remote watch: {}", e.getMessage());
            }
            if (!running) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    private void handle(FeedEvent e) {
        lastEvent = Math.max(lastEvent, e.id());
        if (!outbox.reports().knows(e.clientRequestId())) {
            return;                             // another workstation's request of this hospital
        }
        outbox.reports().centerState(e.clientRequestId(), e.state());
        say.accept(e.clientRequestId() + ": " + e.what() + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")"));
        if ("REPORTED".equals(e.what()) && e.state() == RequestState.REPORTED) {
            try {
                ReturnedReports.Received r = outbox.reports().receive(client, e.clientRequestId(), e.requestId());
                say.accept(e.clientRequestId() + ": report " + r.reportId() + " version " + r.version() + (r.verified()
                        ? " received, signatures valid (" + r.signedBy() + ")" + (r.filedAt() != null
                        ? ", filed into the local study" : "") : " received but NOT verified: " + r.problem()));
            } catch (CenterException | RuntimeException ex) {
                say.accept(e.clientRequestId() + ": the report cannot be received yet: " + ex.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        client.stopListening();
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
