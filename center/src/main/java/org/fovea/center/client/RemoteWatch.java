package org.fovea.center.client;

import org.fovea.center.FeedEvent;
import org.fovea.center.RequestState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A hospital workstation's background link to the center: one thread sends what the outbox holds
 * ({@link Outbox#sync}: at start, when {@link #nudge}d after a submission, after each reconnection
 * and every minute, which also finds what a dropped stream missed; every hour it also runs the
 * consistency check, {@link Outbox#verify}, and sends again what the center lacks); another keeps the center's
 * event stream open, so a request's progress shows at once and a signed report is fetched,
 * checked and filed within moments of its signature (D5). A broken stream is tried again after
 * 1, 2, 4 … up to 30 seconds.
 */
public final class RemoteWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteWatch.class);
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final long SYNC_PERIOD_MS = 60_000;
    /** How often the consistency check runs by itself (D9): what the center holds against what was sent. */
    static final long CHECK_PERIOD_MS = 60 * 60_000;
    private volatile long checkPeriodMs = CHECK_PERIOD_MS;
    private long lastCheck = System.currentTimeMillis();

    private final Outbox outbox;
    private final CenterClient client;
    private final Consumer<String> say;
    private final Thread listener;
    private final Thread sender;
    private final Semaphore wake = new Semaphore(1);
    private volatile boolean running = true;
    private volatile long lastEvent;
    private volatile Consumer<Critical> onCritical = c -> { };
    /** Critical values already handed to {@link #onCritical} (it keeps them on screen until acknowledged). */
    private final java.util.Set<Long> handed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A critical value the center relayed, not yet acknowledged, on one of this outbox's requests. */
    public record Critical(String clientRequestId, java.util.UUID requestId, String patientName,
                           org.fovea.center.RemoteCritical value) {
    }

    /**
     * @param say told, in one sentence each, what happens (for a console or a status line); called
     *            on the watch's own threads
     */
    public RemoteWatch(Outbox outbox, CenterClient client, Consumer<String> say) {
        this.outbox = outbox;
        this.client = client;
        this.say = say;
        this.listener = new Thread(this::listen, "remote-watch-events");
        this.sender = new Thread(this::send, "remote-watch-outbox");
        listener.setDaemon(true);
        sender.setDaemon(true);
    }

    public RemoteWatch start() {
        sender.start();
        listener.start();
        return this;
    }

    /**
     * Who is told of each critical value not yet acknowledged (once each; on the watch's threads):
     * the workstation shows it until its doctor acknowledges it ({@link CenterClient#acknowledgeCritical}).
     */
    public RemoteWatch onCritical(Consumer<Critical> handler) {
        this.onCritical = handler;
        return this;
    }

    /** Asks the center for the critical values of the requests being read or reported, and hands on the open ones. */
    private void lookForCriticals() {
        for (Outbox.Status s : outbox.status()) {
            if (s.centerRequestId() != null && java.util.Set.of("ASSIGNED", "IN_REVIEW", "REPORTED").contains(s.state())) {
                criticals(s.clientRequestId(), java.util.UUID.fromString(s.centerRequestId()), s.patientName());
            }
        }
    }

    private void criticals(String clientRequestId, java.util.UUID requestId, String patientName) {
        try {
            for (org.fovea.center.RemoteCritical c : client.criticals(requestId)) {
                if (c.open() && handed.add(c.alertId())) {
                    say.accept(clientRequestId + ": CRITICAL VALUE " + c.finding() + " (" + c.category() + "), to "
                            + "acknowledge by " + c.dueAt());
                    onCritical.accept(new Critical(clientRequestId, requestId, patientName, c));
                }
            }
        } catch (CenterException e) {
            say.accept(clientRequestId + ": its critical values cannot be read now: " + e.getMessage());
        }
    }

    /** How often the consistency check runs by itself (an hour unless told otherwise). */
    public RemoteWatch checkEvery(java.time.Duration period) {
        this.checkPeriodMs = period.toMillis();
        return this;
    }

    /** Sends the outbox now (a request was just submitted). */
    public void nudge() {
        wake.release();
    }

    private void send() {
        while (running) {
            try {
                wake.tryAcquire(SYNC_PERIOD_MS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            try {
                Outbox.SyncReport pass = outbox.sync(client);
                if (pass.stoppedBecause().isEmpty()) {
                    lookForCriticals();
                    if (System.currentTimeMillis() - lastCheck >= checkPeriodMs) {
                        lastCheck = System.currentTimeMillis();
                        int queued = outbox.verify(client);
                        if (queued > 0) {
                            say.accept("The consistency check found " + queued + (queued == 1 ? " image" : " images")
                                    + " the center lacks or holds otherwise; sending again");
                            nudge();
                        }
                    }
                }
                if (!pass.stoppedBecause().isEmpty()) {
                    say.accept("Sending stopped, to be resumed: " + pass.stoppedBecause());
                } else if (pass.sent() + pass.resent() + pass.created() > 0) {
                    say.accept("Sent " + pass.sent() + " images (" + pass.resent() + " again) of " + pass.created()
                            + " new requests");
                }
            } catch (CenterException e) {
                say.accept("The consistency check stopped, to be resumed: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("The outbox could not be sent: {}", e.getMessage());
                say.accept("The outbox could not be sent: " + e.getMessage());
            }
        }
    }

    private void listen() {
        long backoff = 1000;
        while (running) {
            long connected = System.nanoTime();
            try {
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
            if (System.nanoTime() - connected > TimeUnit.SECONDS.toNanos(60)) {
                backoff = 1000;                 // it was connected a while: a fresh break
            }
            pause(backoff);
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            nudge();                            // what the break hid
        }
    }

    private final Object pause = new Object();

    /** Waits, or less when the watch is closed (never by interrupting: see {@link #close}). */
    private void pause(long ms) {
        synchronized (pause) {
            if (!running) {
                return;
            }
            try {
                pause.wait(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handle(FeedEvent e) {
        lastEvent = Math.max(lastEvent, e.id());
        if (!outbox.reports().knows(e.clientRequestId())) {
            return;                             // another workstation's request of this hospital
        }
        outbox.reports().centerState(e.clientRequestId(), e.state());
        say.accept(e.clientRequestId() + ": " + e.what() + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")"));
        if (java.util.Set.of("RETURNED", "IMAGES_ASKED", "MORE_IMAGES").contains(e.what())) {
            try {
                outbox.reports().follow(e.clientRequestId(), client.request(e.requestId()));
            } catch (CenterException ex) {
                say.accept(e.clientRequestId() + ": " + ex.getMessage());
            }
        }
        if ("CRITICAL".equals(e.what())) {
            String name = outbox.status().stream().filter(s -> s.clientRequestId().equals(e.clientRequestId()))
                    .map(Outbox.Status::patientName).findFirst().orElse("");
            criticals(e.clientRequestId(), e.requestId(), name);
        }
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
        // not by interrupting: a thread interrupted while the embedded database writes its file
        // closes that database (H2's file channel is interruptible), for every other user too
        running = false;
        client.stopListening();
        wake.release();
        synchronized (pause) {
            pause.notifyAll();
        }
        try {
            listener.join(5000);
            sender.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
