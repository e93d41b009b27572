package org.fovea.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Commands that run until Ctrl-C: a listener, the center, its demo. */
final class Foreground {

    private Foreground() {
    }

    /**
     * Keeps something running until Ctrl-C (or, in-process, an interrupt), then closes it before
     * the JVM halts.
     */
    static int untilStopped(AutoCloseable running, PrintWriter out) {
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (running) {
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stop.await();
            } catch (InterruptedException e) {
                // stopped by whoever runs the command in-process: the same clean stop as Ctrl-C
            }
        } catch (Exception e) {
            throw new UserError("Stopping failed: " + e.getMessage());
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException notRegisteredOrExiting) {
                // exiting on Ctrl-C (the hook ran)
            }
        }
        out.println("stopped");
        out.flush();
        return 0;
    }

}
