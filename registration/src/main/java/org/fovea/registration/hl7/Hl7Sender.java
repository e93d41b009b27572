package org.fovea.registration.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.app.Initiator;
import ca.uhn.hl7v2.llp.ExtendedMinLowerLayerProtocol;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.StandardSocketFactory;
import ca.uhn.hl7v2.util.Terser;
import org.fovea.registration.Registrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends the HL7 outbox ({@link Hl7Outbox}) to the HIS over MLLP, with HAPI's client connection and
 * the listener's lower layer ({@link ExtendedMinLowerLayerProtocol}: each message written in the
 * character set its MSH-18 names), oldest first. A message is SENT only when the HIS answers AA
 * or CA; AE or AR make it FAILED with the HIS's reason, kept for a human, and the next one goes
 * on. When the HIS cannot be reached, or does not answer in {@link #ANSWER_WITHIN}, the message stays
 * PENDING with one more attempt and the error, and the pass stops there, so nothing overtakes it;
 * the next pass sends it again with the same control ID (an HIS that stored it before the ACK was
 * lost can tell).
 *
 * <p>{@link #start} runs passes in the background; {@link #close} stops them by a signal and waits
 * for the pass under way to finish. No thread is ever interrupted: the sender writes each outcome
 * to the department database, and an interrupt while H2 writes its file closes the whole database.
 * HAPI's own threads run on this sender's executor, not HAPI's process-wide default, which
 * {@link DefaultHapiContext#close()} ends with {@code shutdownNow} (an interrupt of every HAPI
 * thread in the process, the HL7 listener's included).
 */
public final class Hl7Sender implements AutoCloseable {

    /** How long the HIS has to answer one message before the attempt counts as not delivered. */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    /** How long connecting may take: an HIS host that drops packets would otherwise hold a pass for minutes. */
    static final Duration CONNECT_WITHIN = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(Hl7Sender.class);

    /** What one pass did: messages acknowledged, refused, still pending, and why delivery stopped (or empty). */
    public record Pass(int sent, int failed, int pending, String error) {
    }

    private final Hl7Outbox outbox;
    private final Clock clock;
    private final ExecutorService io;
    private final HapiContext context;
    private final Object passLock = new Object();
    private final CountDownLatch stop = new CountDownLatch(1);
    private Thread loop;

    public Hl7Sender(Registrations registrations, Clock clock) {
        this.outbox = new Hl7Outbox(registrations.dataSource());
        this.clock = clock;
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hl7-sender-io");
            t.setDaemon(true);
            return t;
        });
        HapiContext ctx = HapiContexts.create(io);
        ctx.setSocketFactory(new StandardSocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    @Override
                    public void connect(SocketAddress endpoint) throws IOException {
                        connect(endpoint, (int) CONNECT_WITHIN.toMillis());
                    }
                };
            }
        });
        this.context = ctx;
    }

    /**
     * One pass: sends the pending messages to the HIS at {@code host:port}, oldest first, and
     * records each outcome. Opens a connection only when something is pending.
     */
    public Pass sendPending(String host, int port) {
        synchronized (passLock) {
            List<Hl7Outbox.Entry> pending = outbox.pending();
            if (pending.isEmpty()) {
                return new Pass(0, 0, 0, "");
            }
            Connection link;
            try {
                link = context.newClient(host, port, false);
            } catch (HL7Exception e) {
                String why = "the HIS at " + host + ":" + port + " cannot be reached: " + cause(e);
                outbox.notDelivered(pending.get(0).id(), why);
                LOG.warn("HL7 outbox: {} ({} messages wait)", why, pending.size());
                return new Pass(0, 0, pending.size(), why);
            }
            int sent = 0;
            int failed = 0;
            try {
                Initiator initiator = link.getInitiator();
                initiator.setTimeout(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
                for (Hl7Outbox.Entry e : pending) {
                    if (stop.getCount() == 0) {
                        break;
                    }
                    String error = deliver(initiator, e, host, port);
                    if (error == null) {
                        sent++;
                    } else if (error.isEmpty()) {
                        failed++;
                    } else {
                        return new Pass(sent, failed, pending.size() - sent - failed, error);
                    }
                }
                return new Pass(sent, failed, pending.size() - sent - failed, "");
            } finally {
                context.getConnectionHub().discard(link);
            }
        }
    }

    /**
     * Sends one message and records the answer: null when acknowledged, empty when refused (FAILED),
     * else why it was not delivered (it stays PENDING).
     */
    private String deliver(Initiator initiator, Hl7Outbox.Entry e, String host, int port) {
        Message message;
        try {
            message = context.getPipeParser().parse(e.message());
        } catch (HL7Exception ex) {
            outbox.failed(e.id(), "the queued message cannot be read: " + ex.getMessage());
            return "";
        }
        Message answer;
        try {
            answer = initiator.sendAndReceive(message);
        } catch (HL7Exception | LLPException | IOException ex) {
            String why = "the HIS at " + host + ":" + port + " did not answer " + e.controlId() + ": " + cause(ex);
            outbox.notDelivered(e.id(), why);
            LOG.warn("HL7 outbox: {}", why);
            return why;
        }
        String code = field(answer, "/MSA-1");
        if (code.equals("AA") || code.equals("CA")) {
            outbox.sent(e.id(), clock.millis());
            LOG.info("HL7 {} for exam {} delivered to the HIS ({})", e.controlId(), e.accessionNumber(), code);
            return null;
        }
        String reason = first(field(answer, "/ERR-8"), field(answer, "/ERR-3-9"), field(answer, "/MSA-3"),
                field(answer, "/ERR-1-4-2"), field(answer, "/ERR-3-2"));
        String why = "the HIS answered " + (code.isEmpty() ? "without an acknowledgment code" : code)
                + (reason.isEmpty() ? "" : ": " + reason);
        outbox.failed(e.id(), why);
        LOG.warn("HL7 {} for exam {} refused: {}", e.controlId(), e.accessionNumber(), why);
        return "";
    }

    /**
     * Runs a pass now and then every {@code interval} until {@link #close}. A pass that fails (the
     * database unreachable) is logged and the next one tries again.
     */
    public synchronized void start(String host, int port, Duration interval) {
        if (loop != null) {
            throw new IllegalStateException("The HL7 sender is running already");
        }
        loop = new Thread(() -> {
            do {
                try {
                    sendPending(host, port);
                } catch (RuntimeException e) {
                    LOG.warn("HL7 outbox pass failed: {}", e.getMessage(), e);
                }
            } while (!stopped(interval));
        }, "hl7-sender");
        loop.setDaemon(true);
        loop.start();
    }

    /** Waits for the stop signal up to {@code interval}; true when it came. */
    private boolean stopped(Duration interval) {
        try {
            return stop.await(interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // only our own thread waits here, and nobody interrupts it; if someone did, stop
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Stops the background passes by a signal, waits for the one under way (at most one message's
     * answer time after the current message: a pass stops between messages), then closes HAPI.
     */
    @Override
    public void close() {
        stop.countDown();
        Thread running;
        synchronized (this) {
            running = loop;
        }
        if (running != null) {
            try {
                running.join(ANSWER_WITHIN.plus(CONNECT_WITHIN).plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            context.close();
        } catch (IOException e) {
            // closing connections that are gone
        }
        io.shutdown();                  // no shutdownNow: no interrupts, see the class comment
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String field(Message m, String path) {
        try {
            String v = new Terser(m).get(path);
            return v == null ? "" : v.strip();
        } catch (HL7Exception | RuntimeException e) {
            return "";
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** The innermost cause's message: "Connection refused", not HAPI's wrapper around it. */
    private static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
