package org.fovea.bench;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;
import org.fovea.registration.Registrations;
import org.fovea.registration.hl7.Hl7Listener;
import org.fovea.reporting.ReportingDatabase;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * HL7 v2 intake (issue 16): ORM^O01 orders sent one after another over one MLLP connection, each
 * answered only once the patient and the order (with its new accession number) are committed in
 * the embedded department database. The goal: at least five times a department's peak hour, about
 * 300 orders, per minute (1500 orders a minute). Beside it, the same messages answered by a HAPI
 * server that stores nothing (the MLLP and parsing floor), in the same run: the ratio is what
 * storing costs.
 */
public final class Hl7Benchmark {

    private static final int WARM_UP = 300;
    private static final int MESSAGES = 2000;
    private static final double GOAL_PER_MINUTE = 1500;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("fovea-hl7bench");
        int status;
        try (ReportingDatabase db = ReportingDatabase.embedded(work)) {
            Registrations registrations = Registrations.open(db.dataSource());
            int port = freePort();
            double stored;
            try (Hl7Listener listener = Hl7Listener.start(registrations, port)) {
                stored = rate(port, "S");
            }
            if (registrations.orders().size() != WARM_UP + MESSAGES) {
                throw new IllegalStateException("stored " + registrations.orders().size() + " orders of "
                        + (WARM_UP + MESSAGES));
            }
            double floor = floorRate();
            double perMinute = stored * 60;
            boolean pass = perMinute >= GOAL_PER_MINUTE;
            System.out.printf("HL7 ORM^O01 registered, ACK after commit (embedded H2): %.0f orders/min (%.1f/s), goal "
                            + ">= %.0f/min (5x a 300-order peak hour per minute): %.1fx the goal %s; an ACK-only HAPI "
                            + "server in the same run: %.1f/s, so storing costs %.2fx%n", perMinute, stored,
                    GOAL_PER_MINUTE, perMinute / GOAL_PER_MINUTE, pass ? "PASS" : "MISS", floor, floor / stored);
            status = pass ? 0 : 1;
        } finally {
            Runs.deleteTree(work);
        }
        System.exit(status);
    }

    /** Messages a second over one connection, after the warm-up. */
    private static double rate(int port, String tag) throws Exception {
        try (HapiContext his = context()) {
            Connection link = his.newClient("127.0.0.1", port, false);
            try {
                for (int i = 0; i < WARM_UP; i++) {
                    send(his, link, tag + "W" + i);
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < MESSAGES; i++) {
                    send(his, link, tag + i);
                }
                return MESSAGES / ((System.nanoTime() - t0) / 1e9);
            } finally {
                link.close();
            }
        }
    }

    private static void send(HapiContext his, Connection link, String n) throws Exception {
        String text = String.join("\r",
                "MSH|^~\\&|HIS|QSZ|FOVEA|RAD|20261204102000||ORM^O01|M" + n + "|P|2.3|||||CHN|UNICODE UTF-8",
                "PID|1||P" + n + "||王^建国||19680512|M|||||13800000000",
                "ORC|NW|O" + n,
                "OBR|1|O" + n + "||CT001^胸部CT平扫|||||||||咳嗽两周|||^张^医生||||||||CT");
        Message ack = link.getInitiator().sendAndReceive(his.getPipeParser().parse(text));
        String code = new Terser(ack).get("/MSA-1");
        if (!"AA".equals(code)) {
            throw new IllegalStateException("message " + n + " was answered " + code);
        }
    }

    /** The same exchange against a HAPI server that answers AA and stores nothing. */
    private static double floorRate() throws Exception {
        int port = freePort();
        try (HapiContext ctx = context()) {
            HL7Service server = ctx.newServer(port, false);
            server.registerApplication("*", "*", new ReceivingApplication<Message>() {
                @Override
                public Message processMessage(Message m, Map<String, Object> meta) throws ca.uhn.hl7v2.HL7Exception {
                    try {
                        return m.generateACK();
                    } catch (java.io.IOException e) {
                        throw new ca.uhn.hl7v2.HL7Exception(e);
                    }
                }

                @Override
                public boolean canProcess(Message m) {
                    return true;
                }
            });
            server.startAndWait();
            try {
                return rate(port, "F");
            } finally {
                server.stopAndWait();
            }
        }
    }

    private static HapiContext context() {
        return org.fovea.registration.hl7.HapiContexts.create(null);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
