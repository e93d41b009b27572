package org.fovea.dicom.net;

import com.pixelmed.network.Association;
import org.fovea.dicom.CancelToken;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches one open association for a cancel request and for silence: PixelMed blocks inside its
 * SCU classes without a way to stop them, so when the user cancels, or nothing has arrived or
 * left for longer than the response timeout, the guard closes the transport and the blocked
 * call fails. {@link #touch()} marks progress (a response, a stored object, a sent file).
 */
final class AssociationGuard implements AutoCloseable {

    enum Stop { NONE, CANCELLED, TIMED_OUT }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dicom-association-guard");
        t.setDaemon(true);
        return t;
    });

    private final Association association;
    private final CancelToken cancel;
    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastActivity = System.nanoTime();
    private volatile Stop stop = Stop.NONE;

    AssociationGuard(Association association, int responseTimeoutSeconds, CancelToken cancel) {
        this.association = association;
        this.cancel = cancel;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(responseTimeoutSeconds);
        Associations.setReadTimeout(association, responseTimeoutSeconds);
        this.check = TIMER.scheduleWithFixedDelay(this::check, 100, 100, TimeUnit.MILLISECONDS);
    }

    void touch() {
        lastActivity = System.nanoTime();
    }

    private void check() {
        if (stop != Stop.NONE) {
            return;
        }
        if (cancel.isCancelled()) {
            stop = Stop.CANCELLED;
        } else if (System.nanoTime() - lastActivity > timeoutNanos) {
            stop = Stop.TIMED_OUT;
        } else {
            return;
        }
        Associations.closeTransport(association);
    }

    /** Why the guard ended the association, if it did. */
    Stop stop() {
        return stop;
    }

    boolean cancelled() {
        return stop == Stop.CANCELLED || cancel.isCancelled();
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
