package org.fovea.center.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The demo center's image store: Orthanc with its index and files in the demo PostgreSQL (Debian
 * {@code orthanc-postgresql}), its REST API on a free loopback port for the center, and a DICOM
 * listener on loopback (AE title CENTER) from which the experts' workstations retrieve a
 * request's images (C-FIND and C-GET) with their existing query/retrieve.
 */
final class DemoOrthanc implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    private static final Path PLUGINS = Path.of("/usr/share/orthanc/plugins");

    /** The AE title experts' workstations call the demo center's Orthanc by. */
    static final String AE_TITLE = "CENTER";

    private final Process process;
    private final int httpPort;
    private final int dicomPort;

    private DemoOrthanc(Process process, int httpPort, int dicomPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
    }

    static DemoOrthanc start(Path dir, int postgresPort, String database) throws IOException {
        if (!Files.isExecutable(BINARY) || !Files.exists(PLUGINS.resolve("libOrthancPostgreSQLIndex.so"))) {
            throw new IOException("Orthanc with its PostgreSQL plugin is not installed: run scripts/bootstrap");
        }
        Files.createDirectories(dir.resolve("logs"));
        int http = Processes.freePort();
        int dicom = Processes.freePort();
        Files.writeString(dir.resolve("orthanc.json"), """
                {
                  "Name" : "FoveaCenterDemo",
                  "StorageDirectory" : "%s",
                  "IndexDirectory" : "%s",
                  "HttpPort" : %d,
                  "RemoteAccessAllowed" : false,
                  "AuthenticationEnabled" : false,
                  "DicomServerEnabled" : true,
                  "DicomAet" : "%s",
                  "DicomPort" : %d,
                  "DicomCheckCalledAet" : false,
                  "DicomAlwaysAllowEcho" : true,
                  "DicomAlwaysAllowFind" : true,
                  "DicomAlwaysAllowGet" : true,
                  "DicomAlwaysAllowStore" : false,
                  "StorageCompression" : false,
                  "Plugins" : [ "%s", "%s" ],
                  "PostgreSQL" : {
                    "EnableIndex" : true, "EnableStorage" : true, "Lock" : false,
                    "Host" : "127.0.0.1", "Port" : %d, "Database" : "%s", "Username" : "%s"
                  }
                }
                """.formatted(dir.resolve("storage"), dir.resolve("storage"), http, AE_TITLE, dicom,
                PLUGINS.resolve("libOrthancPostgreSQLIndex.so"), PLUGINS.resolve("libOrthancPostgreSQLStorage.so"),
                postgresPort, database, DemoPostgres.USER), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(BINARY.toString(), "--logdir=" + dir.resolve("logs"),
                dir.resolve("orthanc.json").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs").resolve("console.txt").toFile()).start();
        DemoOrthanc o = new DemoOrthanc(p, http, dicom);
        o.awaitReady(dir);
        return o;
    }

    private void awaitReady(Path dir) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited at start; see " + dir.resolve("logs"));
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(url() + "/system")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while Orthanc started", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while Orthanc started", e);
            }
        }
        close();
        throw new IOException("Orthanc did not answer within 60 s; see " + dir.resolve("logs"));
    }

    /** Where experts' workstations retrieve from: AE@host:port. */
    String dicomAddress() {
        return AE_TITLE + "@127.0.0.1:" + dicomPort;
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
