package org.fovea.registration.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.llp.ExtendedMinLowerLayerProtocol;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import java.util.concurrent.ExecutorService;

/**
 * How Fovea talks HL7 v2 with HAPI, in one place: every message read as v2.5.1 whatever version it
 * says, without HAPI's validation (registration checks what it needs), MLLP frames in the
 * character set MSH-18 names, and control IDs for ACKs from the clock rather than HAPI's default
 * {@code id_file}, which it writes into whatever the working directory is.
 */
public final class HapiContexts {

    private static final java.util.concurrent.atomic.AtomicLong NEXT_ID =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis() * 1000);

    private HapiContexts() {
    }

    /**
     * A context; with {@code threads} (null: HAPI's own) when its owner must stop them gently,
     * since {@link DefaultHapiContext#close()} stops its pool with an interrupt, and an interrupt
     * during a write closes the embedded H2 for everyone.
     */
    public static HapiContext create(ExecutorService threads) {
        HapiContext ctx = threads == null ? new DefaultHapiContext() : new DefaultHapiContext(threads);
        ctx.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        ctx.setValidationContext(ValidationContextFactory.noValidation());
        ctx.setLowerLayerProtocol(new ExtendedMinLowerLayerProtocol());
        // counted up from the start time: unique across restarts, and free (HAPI's NanoTimeGenerator
        // sleeps a millisecond per ID, which capped the listener at a few hundred ACKs a second)
        ctx.getParserConfiguration().setIdGenerator(() -> Long.toString(NEXT_ID.incrementAndGet()));
        return ctx;
    }
}
