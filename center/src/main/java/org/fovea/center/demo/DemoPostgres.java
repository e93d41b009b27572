package org.fovea.center.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo center's own PostgreSQL 15 cluster, kept between runs in its folder: made once
 * ({@code initdb}), started on a free loopback port, stopped cleanly. Trust authentication on
 * 127.0.0.1 only; as root it runs as {@code nobody}, as PostgreSQL requires.
 */
final class DemoPostgres implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final String USER = "postgres";

    private final Path dir;
    private final int port;

    private DemoPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts the cluster in {@code dir}, making it first if it is not there. */
    static DemoPostgres start(Path dir) throws IOException {
        if (!Files.isExecutable(BIN.resolve("pg_ctl"))) {
            throw new IOException("PostgreSQL 15 is not installed (" + BIN + "): run scripts/bootstrap");
        }
        Files.createDirectories(dir);
        Processes.handOver(dir);
        if (!Files.exists(dir.resolve("data").resolve("PG_VERSION"))) {
            Processes.run(Processes.unprivileged(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                    "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C"), dir.resolve("initdb.log"), 120, true);
        }
        int port = Processes.freePort();
        // the server writes its own log, as the user it runs as (our logs are the commands' output)
        Processes.run(Processes.unprivileged(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "-l", dir.resolve("data").resolve("server.log").toString(), "-w", "-t", "30", "-o",
                "-p " + port + " -h 127.0.0.1 -k " + dir.resolve("data"), "start"), dir.resolve("pg_ctl.log"), 45, true);
        return new DemoPostgres(dir, port);
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Makes a database unless it is there. */
    void ensureDatabase(String name) throws IOException {
        Processes.run(Processes.unprivileged(BIN.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
                String.valueOf(port), "-U", USER, name), dir.resolve("createdb.log"), 60, false);
    }

    @Override
    public void close() throws IOException {
        Processes.run(Processes.unprivileged(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "-m", "fast", "-w", "stop"), dir.resolve("pg_ctl.log"), 60, false);
    }

    List<String> describe() {
        return List.of("PostgreSQL 15 on 127.0.0.1:" + port + " (" + dir + ")");
    }
}
