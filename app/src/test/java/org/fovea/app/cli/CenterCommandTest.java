package org.fovea.app.cli;

import org.fovea.center.server.Tls;
import org.fovea.testsupport.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fovea center serve --config FILE}: a center on a real PostgreSQL answers over HTTPS until
 * it is stopped; a configuration that cannot work is one sentence naming the file and the reason.
 */
class CenterCommandTest {

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    @Test
    void serveAnswersOverHttpsUntilStopped(@TempDir Path etc) throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = pg.createDatabase("center");
            Path pem = Tls.selfSigned(etc.resolve("center.p12"), "pw".toCharArray(), "localhost", "127.0.0.1");
            Path config = etc.resolve("center.json");
            Files.writeString(config, "{\"jdbcUrl\": \"" + url + "\", \"user\": \"" + pg.user() + "\", "
                    + "\"host\": \"127.0.0.1\", \"port\": 0, \"keyStore\": \"center.p12\", \"keyStorePassword\": \"pw\", "
                    + "\"orthancUrl\": \"http://127.0.0.1:1\"}");
            StringWriter out = new StringWriter();
            CommandLine cl = FoveaCommand.commandLine(home);
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(new StringWriter()));
            Thread serving = new Thread(() -> cl.execute("center", "serve", "--config", config.toString()));
            serving.start();
            try {
                Pattern listening = Pattern.compile("center listening on https://127\\.0\\.0\\.1:(\\d+)");
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                Matcher m = listening.matcher("");
                while (System.nanoTime() < deadline && !(m = listening.matcher(out.toString())).find()) {
                    Thread.sleep(50);
                }
                assertThat(m.find(0)).as(out.toString()).isTrue();
                HttpClient client = HttpClient.newBuilder().sslContext(Tls.trusting(pem)).build();
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + m.group(1) + "/api/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"ok\"");
            } finally {
                serving.interrupt();
                serving.join(10_000);
            }
            assertThat(serving.isAlive()).isFalse();
            assertThat(out.toString()).contains("stopped");
        }
    }

    @Test
    void aConfigurationThatCannotWorkIsOneSentence(@TempDir Path etc) throws Exception {
        Path config = etc.resolve("center.json");
        Files.writeString(config, "{\"jdbcUrl\": \"jdbc:postgresql://127.0.0.1:1/center\", \"keyStore\": \"none.p12\"}");
        CliRun r = run("center", "serve", "--config", config.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("fovea: ").contains(config.toString()).contains("none.p12")
                .doesNotContain("Exception");
        assertThat(r.err().strip().lines()).hasSize(1);

        Tls.selfSigned(etc.resolve("c.p12"), "pw".toCharArray(), "localhost");
        Files.writeString(config, "{\"jdbcUrl\": \"jdbc:postgresql://127.0.0.1:1/center\", \"keyStore\": \"c.p12\", "
                + "\"keyStorePassword\": \"pw\", \"orthancUrl\": \"http://127.0.0.1:1\"}");
        CliRun down = run("center", "serve", "--config", config.toString());
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err().strip()).startsWith("fovea: The center cannot start on jdbc:postgresql://127.0.0.1:1/center");
        assertThat(down.err().strip().lines()).hasSize(1);
    }

    private CliRun runWithStdin(String input, String... args) {
        return CliRun.withInput(home, input, args);
    }

    @Test
    void theAdministratorAddsHospitalsAccountsAndRulesAndListsThem(@TempDir Path etc) throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = pg.createDatabase("center");
            Tls.selfSigned(etc.resolve("center.p12"), "pw".toCharArray(), "localhost");
            Path config = etc.resolve("center.json");
            Files.writeString(config, "{\"jdbcUrl\": \"" + url + "\", \"user\": \"" + pg.user() + "\", "
                    + "\"keyStore\": \"center.p12\", \"keyStorePassword\": \"pw\", \"orthancUrl\": \"http://127.0.0.1:1\"}");
            String c = config.toString();
            assertThat(run("center", "add-hospital", "--config", c, "--code", "CENTER", "--name", "远程影像诊断中心",
                    "--center").code()).isZero();
            assertThat(run("center", "add-hospital", "--config", c, "--code", "TOWN-A", "--name", "青山镇卫生院").out())
                    .contains("added TOWN-A 青山镇卫生院");
            CliRun again = run("center", "add-hospital", "--config", c, "--code", "TOWN-A", "--name", "x");
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err().strip()).startsWith("fovea: Hospital TOWN-A cannot be added").doesNotContain("\tat ");
            CliRun expert = runWithStdin("expert-pass-1\n", "center", "add-account", "--config", c, "--hospital", "CENTER",
                    "--login", "chen", "--name", "陈专家", "--role", "EXPERT", "--group", "chest", "--level", "3");
            assertThat(expert.code()).as(expert.err()).isZero();
            CliRun weak = runWithStdin("123\n", "center", "add-account", "--config", c, "--hospital", "TOWN-A",
                    "--login", "li", "--name", "李医生", "--role", "DOCTOR");
            assertThat(weak.code()).isEqualTo(1);
            assertThat(run("center", "add-rule", "--config", c, "--priority", "10", "--modality", "CT", "--body-part",
                    "CHEST", "--group", "chest", "--urgent-level", "2").code()).isZero();
            CliRun list = run("center", "list", "--config", c);
            assertThat(list.out()).contains("CENTER  远程影像诊断中心 (the center)  1 accounts")
                    .contains("TOWN-A  青山镇卫生院  0 accounts").contains("chen  陈专家  expert  group chest  level 3")
                    .contains("10  CT CHEST -> chest  least_loaded  urgent: level 2+");
            assertThat(run("center", "requests", "--config", c).out()).contains("no requests");
        }
    }
}
