package org.fovea.app.cli;

import org.fovea.registration.Registrations;
import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fovea hl7 listen}: the HIS's ADT^A04 over MLLP is acknowledged AA and the patient is in
 * the workstation's department database; Ctrl-C (here an interrupt) stops it.
 */
class Hl7CommandTest {

    @TempDir
    Path home;

    @Test
    void aPatientSentByTheHisIsRegistered() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringWriter out = new StringWriter();
        CommandLine cl = FoveaCommand.commandLine(home);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        Thread running = new Thread(() -> cl.execute("hl7", "listen", "--port", String.valueOf(port)));
        running.start();
        try {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!out.toString().contains("Ctrl-C stops")) {
                assertThat(System.nanoTime()).as(out.toString()).isLessThan(end);
                Thread.sleep(50);
            }
            String adt = String.join("\r",
                    "MSH|^~\\&|HIS|QSZ|FOVEA|RAD|20261204101500||ADT^A04^ADT_A01|CLI0001|P|2.5.1|||||CHN|UNICODE UTF-8",
                    "EVN|A04|20261204101500",
                    "PID|1||P9001^^^QSZ^MR||孙^小美||19900303|F|||||13700000000");
            assertThat(send(port, adt.getBytes(StandardCharsets.UTF_8))).contains("MSA|AA|CLI0001");
        } finally {
            running.interrupt();
            running.join(30_000);
        }
        assertThat(running.isAlive()).isFalse();
        try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
            assertThat(Registrations.open(db.dataSource()).patient("P9001").orElseThrow().name()).isEqualTo("孙^小美");
        }
    }

    private static String send(int port, byte[] message) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(0x0B);
            out.write(message);
            out.write(new byte[] {0x1C, 0x0D});
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != 0x1C) {
                answer.write(b);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
