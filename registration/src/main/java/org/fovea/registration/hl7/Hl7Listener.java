package org.fovea.registration.hl7;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import org.fovea.registration.Registrations;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The department's HL7 v2 listener ({@code ./fovea hl7 listen --port N}): MLLP over TCP with HAPI,
 * each message decoded in the character set its MSH-18 names (UTF-8, GB18030, …), read as v2.5.1
 * whatever version it says, and handed to {@link Hl7Intake}, whose ACK goes back after the commit.
 */
public final class Hl7Listener implements AutoCloseable {

    private final HapiContext context;
    private final java.util.concurrent.ExecutorService threads;
    private final HL7Service server;

    private Hl7Listener(HapiContext context, java.util.concurrent.ExecutorService threads, HL7Service server) {
        this.context = context;
        this.threads = threads;
        this.server = server;
    }

    /** Starts listening on {@code port} (all interfaces), registering into {@code registrations}. */
    public static Hl7Listener start(Registrations registrations, int port) throws InterruptedException {
        // our own threads: HAPI's close() would interrupt a message being stored (see close())
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fovea-hl7-listener");
            t.setDaemon(true);
            return t;
        });
        // what the HIS sends is taken as it is: what registration needs is checked by the intake
        HapiContext ctx = HapiContexts.create(threads);
        HL7Service server = ctx.newServer(port, false);
        server.registerApplication("*", "*", new Hl7Intake(registrations, Clock.systemUTC()));
        server.startAndWait();
        if (!server.isRunning()) {
            try {
                ctx.close();
            } catch (java.io.IOException e) {
                // closing what did not start
            }
            throw new IllegalStateException("The HL7 listener cannot listen on port " + port
                    + (server.getServiceExitedWithException() == null ? ""
                    : ": " + server.getServiceExitedWithException().getMessage()));
        }
        return new Hl7Listener(ctx, threads, server);
    }

    /**
     * Stops taking connections, lets a message being stored finish (its ACK still goes out), then
     * closes HAPI's context. The order matters: the context's close ends its thread pool with an
     * interrupt, and an interrupt during a write closes the embedded H2 for every user.
     */
    @Override
    public void close() {
        server.stopAndWait();
        threads.shutdown();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            context.close();
        } catch (java.io.IOException e) {
            // stopped either way
        }
    }
}
