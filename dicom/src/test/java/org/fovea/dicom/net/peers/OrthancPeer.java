package org.fovea.dicom.net.peers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Orthanc PACS for tests: Debian's {@code /usr/sbin/Orthanc} started on loopback with
 * its own temporary configuration, storage and free ports, the Modality Worklists plugin on,
 * and the modalities the test names known to it (for C-MOVE destinations). Files are loaded
 * through its REST API, as a hospital would load a PACS; {@link #kill()} ends it abruptly for
 * fault tests.
 */
public final class OrthancPeer implements AutoCloseable {

    public static final String AE_TITLE = "ORTHANC";
    private static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    private static final Path WORKLIST_PLUGIN = Path.of("/usr/share/orthanc/plugins/libModalityWorklists.so");
    private static final Path POSTGRESQL_INDEX = Path.of("/usr/share/orthanc/plugins/libOrthancPostgreSQLIndex.so");
    private static final Path POSTGRESQL_STORAGE = Path.of("/usr/share/orthanc/plugins/libOrthancPostgreSQLStorage.so");

    private final Path dir;
    private final int dicomPort;
    private final int httpPort;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder()
            // Orthanc's embedded web server does not take the h2c upgrade HttpClient tries by default
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** A modality Orthanc may send to (C-MOVE destination) and accept from. */
    public record Modality(String aeTitle, String host, int port) {
    }

    private OrthancPeer(Path dir, int dicomPort, int httpPort, Process process) {
        this.dir = dir;
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
        this.process = process;
    }

    /**
     * Starts Orthanc in {@code dir} and waits until it answers. Fails with a message naming
     * scripts/bootstrap when Orthanc is not installed.
     */
    public static OrthancPeer start(Path dir, List<Modality> modalities) throws IOException, InterruptedException {
        return start(dir, modalities, null);
    }

    /** Where an Orthanc keeps its index and files when on PostgreSQL (Debian's orthanc-postgresql). */
    public record PostgreSql(String host, int port, String database, String user, String password) {
    }

    /**
     * Starts Orthanc with its index and its files in PostgreSQL ({@code orthanc-postgresql}), as
     * the remote diagnosis center runs it; several may share one database.
     */
    public static OrthancPeer startOnPostgreSql(Path dir, PostgreSql db) throws IOException, InterruptedException {
        if (!Files.exists(POSTGRESQL_INDEX)) {
            throw new IllegalStateException("Orthanc's PostgreSQL plugin is not installed (" + POSTGRESQL_INDEX
                    + "): run scripts/bootstrap");
        }
        return start(dir, List.of(), db);
    }

    private static OrthancPeer start(Path dir, List<Modality> modalities, PostgreSql db)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("Orthanc is not installed (" + BINARY + "): run scripts/bootstrap");
        }
        Files.createDirectories(dir.resolve("storage"));
        Files.createDirectories(dir.resolve("worklists"));
        Files.createDirectories(dir.resolve("logs"));
        int dicomPort = freePort();
        int httpPort = freePort();
        Files.writeString(dir.resolve("orthanc.json"), config(dir, dicomPort, httpPort, modalities, db),
                StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "--logdir=" + dir.resolve("logs"),
                dir.resolve("orthanc.json").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs").resolve("console.txt").toFile());
        // Orthanc's DICOM layer is DCMTK, which leaves Nagle's algorithm on unless told: every
        // small PDU then waits for a delayed ACK (tens of ms per image on loopback)
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        OrthancPeer peer = new OrthancPeer(dir, dicomPort, httpPort, p);
        peer.awaitReady();
        return peer;
    }

    private static String config(Path dir, int dicomPort, int httpPort, List<Modality> modalities, PostgreSql db) {
        StringBuilder mods = new StringBuilder();
        for (int i = 0; i < modalities.size(); i++) {
            Modality m = modalities.get(i);
            if (i > 0) {
                mods.append(",\n");
            }
            mods.append("    \"").append(m.aeTitle().toLowerCase()).append("\" : [ \"").append(m.aeTitle())
                    .append("\", \"").append(m.host()).append("\", ").append(m.port()).append(" ]");
        }
        return """
                {
                  "Name" : "FoveaTestPACS",
                  "StorageDirectory" : "%s",
                  "IndexDirectory" : "%s",
                  "HttpPort" : %d,
                  "HttpServerEnabled" : true,
                  "RemoteAccessAllowed" : false,
                  "AuthenticationEnabled" : false,
                  "DicomAet" : "%s",
                  "DicomPort" : %d,
                  "DicomServerEnabled" : true,
                  "DicomCheckCalledAet" : false,
                  "DicomAlwaysAllowEcho" : true,
                  "DicomAlwaysAllowStore" : true,
                  "DicomAlwaysAllowFind" : true,
                  "DicomAlwaysAllowGet" : true,
                  "DicomAlwaysAllowFindWorklist" : true,
                  "DicomCheckModalityHost" : false,
                  "DefaultEncoding" : "Utf8",
                  "UnknownSopClassAccepted" : true,
                  "StorageCompression" : false,
                  "DicomScpTimeout" : 30,
                  "DicomModalities" : {
                %s
                  },
                  "Plugins" : [ %s ],
                  "Worklists" : { "Enable" : true, "Database" : "%s" }%s
                }
                """.formatted(dir.resolve("storage"), dir.resolve("storage"), httpPort, AE_TITLE, dicomPort,
                mods, db == null ? "\"" + WORKLIST_PLUGIN + "\""
                        : "\"" + WORKLIST_PLUGIN + "\", \"" + POSTGRESQL_INDEX + "\", \"" + POSTGRESQL_STORAGE + "\"",
                dir.resolve("worklists"), db == null ? "" : """
                        ,
                          "PostgreSQL" : {
                            "EnableIndex" : true, "EnableStorage" : true, "Lock" : false,
                            "Host" : "%s", "Port" : %d, "Database" : "%s", "Username" : "%s", "Password" : "%s"
                          }""".formatted(db.host(), db.port(), db.database(), db.user(), db.password()));
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited at start (exit " + process.exitValue() + "); see "
                        + dir.resolve("logs"));
            }
            try {
                if (get("/system").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("Orthanc did not answer within 30 s; see " + dir.resolve("logs"));
    }

    public int dicomPort() { return dicomPort; }

    public int httpPort() { return httpPort; }

    /** "ORTHANC@127.0.0.1:port", the form the command line takes. */
    public String address() { return AE_TITLE + "@127.0.0.1:" + dicomPort; }

    /** The folder of worklist files (.wl) the plugin answers MWL C-FIND from. */
    public Path worklistDirectory() { return dir.resolve("worklists"); }

    /** Uploads DICOM files through the REST API; returns how many Orthanc accepted. */
    public int upload(List<Path> files) throws IOException, InterruptedException {
        int ok = 0;
        for (Path f : files) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/instances"))
                            .POST(HttpRequest.BodyPublishers.ofFile(f)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                ok++;
            }
        }
        return ok;
    }

    /** Number of instances stored. */
    public int instanceCount() throws IOException, InterruptedException {
        return ids("/instances").size();
    }

    /** SOP Instance UIDs of everything stored. */
    public List<String> sopInstanceUids() throws IOException, InterruptedException {
        List<String> uids = new ArrayList<>();
        for (String id : ids("/instances")) {
            uids.add(get("/instances/" + id + "/content/0008-0018").body().trim().replace("\0", ""));
        }
        return uids;
    }

    /** Sends a REST GET; for checks the tests need beyond the helpers here. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a REST POST with a JSON body. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a REST DELETE (a study, a series, an instance). */
    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> ids(String path) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"([0-9a-f-]{20,})\"").matcher(get(path).body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Ends Orthanc abruptly (SIGKILL), as a crashed or unplugged PACS. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean isAlive() { return process.isAlive(); }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A port free on loopback at the time of asking. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Orthanc's own view of what it has: for debugging a failing test. */
    public Map<String, String> describe() throws IOException, InterruptedException {
        return Map.of("statistics", get("/statistics").body(), "logs", dir.resolve("logs").toString());
    }
}
