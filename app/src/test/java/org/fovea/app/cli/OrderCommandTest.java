package org.fovea.app.cli;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;
import org.fovea.registration.Registrations;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.Users;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fovea order change|history}: without users, a walk-in's request is changed as the
 * computer's account with a registrar's rights and the history lists the changes; with users, each
 * change needs the user's password, a technician is refused the procedure and may raise the
 * priority; the major change of an HIS order reaches the HIS (a HAPI MLLP server on 127.0.0.1)
 * through {@code hl7 listen --his}, and the history then says the HIS has it.
 */
class OrderCommandTest {

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    private CliRun runWithInput(String input, String... args) {
        return CliRun.withInput(home, input, args);
    }

    @Test
    void withoutUsersTheComputersAccountChangesAWalkInAndTheHistoryListsIt() {
        CliRun registered = run("register", "--patient-id", "W1", "--name", "周^一", "--sex", "F", "--phone", "13600000000",
                "--allergies", "无", "--diagnosis", "胸痛待查", "--exam", "胸部CT平扫", "--modality", "CT");
        Matcher m = Pattern.compile("accession (CT\\d{8}-\\d{4})").matcher(registered.out());
        assertThat(m.find()).as(registered.out() + registered.err()).isTrue();
        String acc = m.group(1);
        String me = "os:" + System.getProperty("user.name");

        assertThat(run("order", "history", acc).out()).isEqualTo("exam " + acc + " has not been changed\n");
        CliRun allergies = run("order", "change", acc, "--field", "allergies", "--value", "碘造影剂", "--reason", "患者自述");
        assertThat(allergies.code()).as(allergies.err()).isZero();
        assertThat(allergies.out()).isEqualTo("exam " + acc + ": allergies 无 → 碘造影剂, by " + me + "\n");
        CliRun procedure = run("order", "change", acc, "--field", "procedure", "--value", "CT002^胸部CT增强");
        assertThat(procedure.out()).contains("procedure 胸部CT平扫 → CT002^胸部CT增强")
                .contains("(major; not an HIS order, nothing to send)");

        CliRun bad = run("order", "change", acc, "--field", "priority", "--value", "STAT");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("EMERGENCY, URGENT or ROUTINE, not \"STAT\"");
        assertThat(run("order", "change", acc, "--field", "colour", "--value", "x").err())
                .contains("No field \"colour\"; the fields are procedure, modality, diagnosis");
        assertThat(run("order", "change", acc, "--field", "phone", "--value", "1", "--as", "zhao").err())
                .contains("no users yet, so --as zhao cannot be checked");
        assertThat(run("order", "change", "NOPE-1", "--field", "phone", "--value", "1").err())
                .contains("There is no exam NOPE-1");
        assertThat(run("order", "history", "NOPE-1").err()).contains("There is no exam NOPE-1");

        List<String> lines = run("order", "history", acc).out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  .*")
                .endsWith("  " + me + "  allergies: 无 → 碘造影剂  reason: 患者自述");
        assertThat(lines.get(1)).endsWith(me + "  procedure: 胸部CT平扫 → CT002^胸部CT增强  [major]");
    }

    @Test
    void usersSignTheirChangesAndTheHisGetsTheOrderUpdate() throws Exception {
        String acc;
        try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
            Users users = new Users(db);
            users.create("zhao", "赵磊", Role.REGISTRAR, "Zhao-2026-reg".toCharArray());
            users.create("wang", "王芳", Role.TECHNICIAN, "Wang-2026-tech".toCharArray());
            Registrations r = Registrations.open(db.dataSource());
            try (Connection c = r.dataSource().getConnection()) {
                long now = System.currentTimeMillis();
                r.savePatient(c, new Patient("P0001", "王^建国", "M", "19680512", "13800000000", "青霉素", ""), now);
                acc = r.placeOrder(c, new Order(0, "ORD1001", "", "P0001", "CT001", "胸部CT平扫", "CT", "咳嗽两周", "张医生",
                        "ROUTINE", "ORDERED", "HL7"), now).accessionNumber();
            }
        }
        assertThat(run("order", "change", acc, "--field", "phone", "--value", "1").err())
                .contains("Name the user doing this: --as LOGIN");
        assertThat(runWithInput("wrong-password\n", "order", "change", acc, "--field", "phone", "--value", "1", "--as",
                "zhao").err()).contains("Wrong login or password for zhao");
        CliRun refused = runWithInput("Wang-2026-tech\n", "order", "change", acc, "--field", "procedure", "--value",
                "CT002^胸部CT增强", "--as", "wang");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("wang (technician) may not change the procedure of exam " + acc);
        assertThat(runWithInput("Wang-2026-tech\n", "order", "change", acc, "--field", "priority", "--value", "urgent",
                "--as", "wang").out()).isEqualTo("exam " + acc + ": priority ROUTINE → URGENT, by wang\n");
        assertThat(runWithInput("Zhao-2026-reg\n", "order", "change", acc, "--field", "procedure", "--value",
                "CT002^胸部CT增强", "--reason", "临床要求增强", "--as", "zhao").out())
                .contains("(major: an order update is queued for the HIS)");
        assertThat(run("order", "history", acc).out()).contains("zhao  procedure: CT001^胸部CT平扫 → CT002^胸部CT增强  "
                + "[major, HIS: waiting to be sent]  reason: 临床要求增强");

        int listenPort = freePort();
        int hisPort = freePort();
        try (His his = new His(hisPort)) {
            StringWriter out = new StringWriter();
            CommandLine cl = FoveaCommand.commandLine(home);
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(new StringWriter()));
            Thread running = new Thread(() -> cl.execute("hl7", "listen", "--port", String.valueOf(listenPort), "--his",
                    "127.0.0.1:" + hisPort));
            running.start();
            try {
                long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (!run("order", "history", acc).out().contains("HIS: updated")) {
                    assertThat(System.nanoTime()).as(out.toString()).isLessThan(end);
                    Thread.sleep(200);
                }
                assertThat(out.toString()).contains("order updates to the HIS at 127.0.0.1:" + hisPort);
            } finally {
                running.interrupt();
                running.join(30_000);
            }
            assertThat(running.isAlive()).isFalse();
            assertThat(his.received).hasSize(1);
            Terser xo = new Terser(his.received.get(0));
            assertThat(xo.get("/.ORC-1")).isEqualTo("XO");
            assertThat(xo.get("/.ORC-2")).isEqualTo("ORD1001");
            assertThat(xo.get("/.ORC-3")).isEqualTo(acc);
            assertThat(xo.get("/.OBR-4-2")).isEqualTo("胸部CT增强");
            assertThat(xo.get("/.OBR-27-6")).as("urgent").isEqualTo("A");
            assertThat(xo.get("/.PID-5-1")).isEqualTo("王");
        }
        assertThat(run("hl7", "listen", "--port", "0", "--his", "nowhere").err())
                .contains("--his is the HIS's HOST:PORT");
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The HIS: a HAPI MLLP server that records what it gets and answers AA. */
    private static final class His implements ReceivingApplication<Message>, AutoCloseable {
        final List<Message> received = new CopyOnWriteArrayList<>();
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final HapiContext ctx = org.fovea.registration.hl7.HapiContexts.create(threads);
        private final HL7Service server;

        His(int port) throws InterruptedException {
            server = ctx.newServer(port, false);
            server.registerApplication("*", "*", this);
            server.startAndWait();
            assertThat(server.isRunning()).isTrue();
        }

        @Override
        public Message processMessage(Message m, Map<String, Object> metadata) throws HL7Exception {
            received.add(m);
            try {
                return m.generateACK();
            } catch (java.io.IOException e) {
                throw new HL7Exception(e);
            }
        }

        @Override
        public boolean canProcess(Message message) {
            return true;
        }

        @Override
        public void close() throws java.io.IOException {
            server.stopAndWait();
            ctx.close();
            threads.shutdown();
        }
    }
}
