package org.fovea.registration.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.llp.ExtendedMinLowerLayerProtocol;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
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
    private final HL7Service server;

    private Hl7Listener(HapiContext context, HL7Service server) {
        this.context = context;
        this.server = server;
    }

    /** Starts listening on {@code port} (all interfaces), registering into {@code registrations}. */
    public static Hl7Listener start(Registrations registrations, int port) throws InterruptedException {
        HapiContext ctx = new DefaultHapiContext();
        ctx.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        // what the HIS sends is taken as it is: what registration needs is checked by the intake
        ctx.setValidationContext(ValidationContextFactory.noValidation());
        ctx.setLowerLayerProtocol(new ExtendedMinLowerLayerProtocol());
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
        return new Hl7Listener(ctx, server);
    }

    @Override
    public void close() {
        server.stopAndWait();
        try {
            context.close();
        } catch (java.io.IOException e) {
            // stopped either way
        }
        context.getExecutorService().shutdown();       // not interrupting a message being stored in H2
        try {
            context.getExecutorService().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
