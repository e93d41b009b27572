package org.fovea.center.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Running the demo's servers: as an unprivileged user when we are root, output to a log file, with a time limit. */
final class Processes {

    private Processes() {
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command as {@code nobody} when we are root (PostgreSQL refuses to run as root). */
    static List<String> unprivileged(String... command) {
        List<String> cmd = new ArrayList<>();
        if (root()) {
            cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        cmd.addAll(List.of(command));
        return cmd;
    }

    /**
     * Runs a command to its end, its output appended to {@code log}; throws with the log's path
     * when it fails or takes longer than {@code seconds}.
     */
    static int run(List<String> command, Path log, int seconds, boolean mustSucceed) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(command.size() > 3 && root() ? 4 : 0) + " did not finish within "
                        + seconds + " s; see " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        if (mustSucceed && p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "); see " + log);
        }
        return p.exitValue();
    }

    /** Hands a folder and what is in it to {@code nobody} when we are root. */
    static void handOver(Path dir) throws IOException {
        if (!root()) {
            return;
        }
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setOwner(p, users.lookupPrincipalByName("nobody"));
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
