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

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = FoveaCommand.commandLine(home);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
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
        Run r = run("center", "serve", "--config", config.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("fovea: ").contains(config.toString()).contains("none.p12")
                .doesNotContain("Exception");
        assertThat(r.err().strip().lines()).hasSize(1);

        Tls.selfSigned(etc.resolve("c.p12"), "pw".toCharArray(), "localhost");
        Files.writeString(config, "{\"jdbcUrl\": \"jdbc:postgresql://127.0.0.1:1/center\", \"keyStore\": \"c.p12\", "
                + "\"keyStorePassword\": \"pw\", \"orthancUrl\": \"http://127.0.0.1:1\"}");
        Run down = run("center", "serve", "--config", config.toString());
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err().strip()).startsWith("fovea: The center cannot start on jdbc:postgresql://127.0.0.1:1/center");
        assertThat(down.err().strip().lines()).hasSize(1);
    }
}
