package org.fovea.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 cluster for a test: its own folder under /tmp, a free loopback port,
 * trust authentication on 127.0.0.1 only, user {@code postgres}. {@link #close} stops it
 * ({@code pg_ctl stop -m immediate}: nothing in it is worth a clean shutdown) and deletes it.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then every server command runs as
 * {@code nobody} through {@code runuser}, in a folder handed to {@code nobody}. Both exist on any
 * Debian (util-linux and base-passwd), so nothing is created on the machine. The folder lives in
 * /tmp because {@code nobody} must be able to reach it: a temporary folder inside a root-only
 * directory would not do. fsync is off: a test database need not survive a power cut, and it
 * makes the cluster start and the tests run several times faster.
 */
public final class Postgres implements AutoCloseable {

    /** Debian's PostgreSQL 15 binaries ({@code postgresql-15}, pulled in by {@code postgresql}). */
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String USER = "postgres";
    /** initdb and start take 1-3 s here; a busy CI machine gets ten times that. */
    private static final Duration START = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final boolean asNobody;

    private Postgres(Path dir, int port, boolean asNobody) {
        this.dir = dir;
        this.port = port;
        this.asNobody = asNobody;
    }

    /**
     * Initialises and starts a cluster. Without PostgreSQL 15 the test fails on CI and is skipped
     * elsewhere ({@link Tools#require}).
     */
    public static Postgres start() {
        if (!Files.isExecutable(BIN.resolve("pg_ctl"))) {
            Tools.require("pg_ctl", "postgresql (PostgreSQL 15 in " + BIN + ")");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "fovea-pg-");
            if (root) {
                handToNobody(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for PostgreSQL under /tmp", e);
        }
        Postgres pg = new Postgres(dir, freePort(), root);
        try {
            pg.server(BIN.resolve("initdb").toString(), "-D", pg.data().toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync");
            pg.server(BIN.resolve("pg_ctl").toString(), "-D", pg.data().toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "50", "-o",
                    "-p " + pg.port + " -h 127.0.0.1 -k " + dir + " -F", "start");
        } catch (RuntimeException | AssertionError e) {
            pg.delete();
            throw e;
        }
        return pg;
    }

    /** The cluster's default database {@code postgres}. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    /** Trust authentication: any password, or none, is accepted. */
    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    /** The cluster's folder (data and server.log), deleted by {@link #close}. */
    public Path folder() {
        return dir;
    }

    private static Postgres shared;
    private static int sharedDatabases;

    /**
     * One cluster for every test class of this JVM that asks (started on the first call, stopped
     * when the JVM exits): initdb and start cost seconds, a database in it a few hundred ms.
     */
    public static synchronized Postgres shared() {
        if (shared == null) {
            Postgres pg = start();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "postgres-stop"));
            shared = pg;
        }
        return shared;
    }

    /** A new empty database in the shared cluster, named after its user with a number; its JDBC URL. */
    public static synchronized String sharedDatabase(String prefix) {
        return shared().createDatabase(prefix + "_" + ++sharedDatabases);
    }

    /** A new empty database, for a test that wants one of its own; returns its JDBC URL. */
    public String createDatabase(String name) {
        Command.of(BIN.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER,
                name).mergeStderr().timeout(START).run().requireSuccess();
        return jdbcUrl(name);
    }

    @Override
    public void close() {
        try {
            server(BIN.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop");
        } finally {
            delete();
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void server(String... command) {
        List<String> cmd = new ArrayList<>();
        if (asNobody) {
            cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        cmd.addAll(List.of(command));
        // the server inherits the command's output files: pg_ctl -l sends it to server.log instead
        Command.of(cmd).directory(dir).mergeStderr().timeout(START).run().requireSuccess();
    }

    private static void handToNobody(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("nobody"));
        GroupPrincipal group = users.lookupPrincipalByGroupName("nogroup");
        view.setGroup(group);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for PostgreSQL", e);
        }
    }

    private void delete() {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the PostgreSQL folder " + dir, e);
        }
    }
}
