package org.fovea.registration.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import org.fovea.registration.Order;
import org.fovea.registration.OrderChanges;
import org.fovea.registration.OrderChanges.Field;
import org.fovea.registration.Patient;
import org.fovea.registration.Registrations;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox delivered to an HIS played by a real HAPI MLLP server on 127.0.0.1: in the order
 * queued, each marked SENT when the HIS answers AA; an AE makes that message FAILED with the HIS's
 * reason while the others go on; with the HIS down the messages stay PENDING with their attempts
 * and the error, and the background sender delivers them once the HIS is up.
 */
class Hl7SenderTest {

    private static final User REGISTRAR = new User(0, "zhao", "赵磊", Role.REGISTRAR, true, 0, Instant.EPOCH);

    @TempDir
    Path dir;

    /**
     * The HIS: records each message as it decoded it, answers AE (the reason in Chinese) for the
     * placer orders it does not know, AA for the others.
     */
    private static final class His implements ReceivingApplication<Message>, AutoCloseable {
        final List<Message> received = new CopyOnWriteArrayList<>();
        final List<String> unknownOrders;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final HapiContext ctx = HapiContexts.create(threads);
        private final HL7Service server;

        His(int port, List<String> unknownOrders) throws InterruptedException {
            this.unknownOrders = unknownOrders;
            ctx.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
            server = ctx.newServer(port, false);
            server.registerApplication("*", "*", this);
            server.startAndWait();
            assertThat(server.isRunning()).as("the HIS listens on " + port).isTrue();
        }

        @Override
        public Message processMessage(Message m, Map<String, Object> metadata) throws HL7Exception {
            received.add(m);
            try {
                String placer = new Terser(m).get("/.ORC-2");
                Message ack = unknownOrders.contains(placer) ? m.generateACK(AcknowledgmentCode.AE, new HL7Exception(
                        "没有医嘱 " + placer, ErrorCode.UNKNOWN_KEY_IDENTIFIER)) : m.generateACK();
                // HAPI's ACK names no character set, and MLLP would then write it in ISO-8859-1 (the Chinese
                // reason as ????); an HIS answering in Chinese says UTF-8 in its MSH-18, as this one does
                new Terser(ack).set("/MSH-18", "UNICODE UTF-8");
                return ack;
            } catch (IOException e) {
                throw new HL7Exception(e);
            }
        }

        @Override
        public boolean canProcess(Message message) {
            return true;
        }

        List<String> controlIds() throws HL7Exception {
            List<String> out = new java.util.ArrayList<>();
            for (Message m : received) {
                out.add(new Terser(m).get("/MSH-10"));
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            server.stopAndWait();
            ctx.close();
            threads.shutdown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Three major changes of two HIS orders: three order updates queued, ORD3001, ORD3002, ORD3001. */
    private static List<Hl7Outbox.Entry> queueThree(Registrations r) throws Exception {
        String[] acc = new String[2];
        try (Connection c = r.dataSource().getConnection()) {
            long now = System.currentTimeMillis();
            r.savePatient(c, new Patient("P3001", "王^建国", "M", "19680512", "13800000000", "无", ""), now);
            for (int i = 0; i < 2; i++) {
                acc[i] = r.placeOrder(c, new Order(0, "ORD300" + (i + 1), "", "P3001", "CT001", "胸部CT平扫", "CT", "咳嗽",
                        "", "ROUTINE", "ORDERED", "HL7"), now).accessionNumber();
            }
        }
        OrderChanges changes = new OrderChanges(r, Clock.systemUTC());
        changes.change(acc[0], Field.PROCEDURE, "CT002^胸部CT增强", "", REGISTRAR);
        changes.change(acc[1], Field.PRIORITY, "EMERGENCY", "", REGISTRAR);
        changes.change(acc[0], Field.MODALITY, "MR", "", REGISTRAR);
        List<Hl7Outbox.Entry> queued = new Hl7Outbox(r.dataSource()).entries();
        assertThat(queued).hasSize(3);
        return queued;
    }

    @Test
    void theOutboxIsDeliveredInOrderAndAnErrorIsKeptForAHuman() throws Exception {
        try (ReportingDatabase db = ReportingDatabase.embedded(dir)) {
            Registrations r = Registrations.open(db.dataSource());
            List<Hl7Outbox.Entry> queued = queueThree(r);
            int port = freePort();
            try (His his = new His(port, List.of("ORD3002")); Hl7Sender sender = new Hl7Sender(r, Clock.systemUTC())) {
                Hl7Sender.Pass pass = sender.sendPending("127.0.0.1", port);
                assertThat(pass).isEqualTo(new Hl7Sender.Pass(2, 1, 0, ""));
                assertThat(his.controlIds()).containsExactly(queued.get(0).controlId(), queued.get(1).controlId(),
                        queued.get(2).controlId());
                // the HIS decoded what it got as UTF-8, as MSH-18 says
                Terser first = new Terser(his.received.get(0));
                assertThat(first.get("/.PID-5-1") + first.get("/.PID-5-2")).isEqualTo("王建国");
                assertThat(first.get("/.OBR-4-2")).isEqualTo("胸部CT增强");
                assertThat(new Terser(his.received.get(2)).get("/.OBR-24")).isEqualTo("MR");

                List<Hl7Outbox.Entry> after = new Hl7Outbox(r.dataSource()).entries();
                assertThat(after).extracting(Hl7Outbox.Entry::state).containsExactly("SENT", "FAILED", "SENT");
                assertThat(after.get(0).sentMs()).isPositive();
                assertThat(after.get(0).attempts()).isEqualTo(1);
                assertThat(after.get(1).lastError()).isEqualTo("the HIS answered AE: 没有医嘱 ORD3002");
                assertThat(after.get(1).sentMs()).isZero();

                // nothing is sent twice: the refused one waits for a human
                assertThat(sender.sendPending("127.0.0.1", port)).isEqualTo(new Hl7Sender.Pass(0, 0, 0, ""));
                assertThat(his.received).hasSize(3);
                OrderChanges.Change refused = new OrderChanges(r, Clock.systemUTC())
                        .history(queued.get(1).accessionNumber()).get(0);
                assertThat(refused.hisState()).isEqualTo("FAILED");
                assertThat(refused.hisError()).contains("没有医嘱 ORD3002");
            }
        }
    }

    @Test
    void withTheHisDownTheOutboxWaitsAndIsDeliveredWhenItComesUp() throws Exception {
        try (ReportingDatabase db = ReportingDatabase.embedded(dir)) {
            Registrations r = Registrations.open(db.dataSource());
            List<Hl7Outbox.Entry> queued = queueThree(r);
            int port = freePort();
            Hl7Outbox outbox = new Hl7Outbox(r.dataSource());
            try (Hl7Sender sender = new Hl7Sender(r, Clock.systemUTC())) {
                Hl7Sender.Pass down = sender.sendPending("127.0.0.1", port);
                assertThat(down.sent()).isZero();
                assertThat(down.pending()).isEqualTo(3);
                assertThat(down.error()).startsWith("the HIS at 127.0.0.1:" + port + " cannot be reached")
                        .contains("Connection refused");
                sender.sendPending("127.0.0.1", port);
                List<Hl7Outbox.Entry> waiting = outbox.entries();
                assertThat(waiting).extracting(Hl7Outbox.Entry::state).containsOnly("PENDING");
                assertThat(waiting.get(0).attempts()).isEqualTo(2);
                assertThat(waiting.get(0).lastError()).contains("Connection refused");

                sender.start("127.0.0.1", port, Duration.ofMillis(200));
                try (His his = new His(port, List.of())) {
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                    while (!outbox.pending().isEmpty()) {
                        assertThat(System.nanoTime()).as("delivered once the HIS is up").isLessThan(end);
                        Thread.sleep(100);
                    }
                    assertThat(his.controlIds()).containsExactly(queued.get(0).controlId(), queued.get(1).controlId(),
                            queued.get(2).controlId());
                    assertThat(outbox.entries()).extracting(Hl7Outbox.Entry::state).containsOnly("SENT");
                    assertThat(outbox.entries().get(0).attempts()).isGreaterThanOrEqualTo(3);
                    long closing = System.nanoTime();
                    sender.close();
                    assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("stopped by its signal, not a timeout")
                            .isLessThan(Duration.ofSeconds(5));
                }
            }
            // the database is still open and writable after the sender stopped (nothing was interrupted)
            assertThat(outbox.entries()).hasSize(3);
        }
    }
}
