package org.fovea.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An external program a test runs to its end: a DCMTK tool, dciodvfy, a child JVM.
 *
 * <p>Why not {@link ProcessBuilder} with {@code waitFor(timeout)}: a test that reads the child's
 * output to its end before it waits never reaches its timeout, so one hung tool hangs the whole
 * suite; and a child that fills the pipe of a stream nobody reads (64 KB on Linux) blocks for
 * ever. Here stdout and stderr go to temporary files: nothing needs draining while the child
 * runs, and a grandchild that keeps the output open cannot keep us reading. The timeout is real:
 * when it passes, the process and every descendant are killed (SIGKILL) and the test fails with
 * the command and what it had printed. Standard input is closed at the start, so a tool that
 * asks a question reads end-of-file instead of waiting for an answer.
 *
 * <pre>{@code
 * Command.Result r = Command.of("dcmdump", "+P", "0020,0037", file.toString()).run().requireSuccess();
 * }</pre>
 */
public final class Command {

    /** Long enough for the slowest tool a test runs here (a child JVM importing 128 files: ~10 s). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** How long a killed process gets to be reaped before we stop waiting for it. */
    private static final Duration REAP = Duration.ofSeconds(10);
    /** At most this much of the output goes into a failure message; the rest is cut from its front. */
    private static final int MESSAGE_OUTPUT = 20_000;

    private final List<String> command;
    private final Map<String, String> addedEnv = new LinkedHashMap<>();
    private final Set<String> removedEnv = new LinkedHashSet<>();
    private Path directory;
    private boolean mergeStderr;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Command(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        this.command = List.copyOf(command);
    }

    /** The program (a name looked up on the PATH, or a path) and its arguments. */
    public static Command of(String... command) {
        return new Command(List.of(command));
    }

    /** The program (a name looked up on the PATH, or a path) and its arguments. */
    public static Command of(List<String> command) {
        return new Command(command);
    }

    /**
     * A child JVM: this JVM's {@code java}, the JVM options, this JVM's class path, the main
     * class and its arguments.
     */
    public static Command java(List<String> jvmOptions, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new Command(cmd);
    }

    /** Runs in {@code dir} instead of this JVM's working directory. */
    public Command directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** Adds (or replaces) a variable in the environment the program inherits from this JVM. */
    public Command env(String name, String value) {
        removedEnv.remove(name);
        addedEnv.put(name, value);
        return this;
    }

    /** Adds (or replaces) variables in the environment the program inherits from this JVM. */
    public Command env(Map<String, String> variables) {
        variables.forEach(this::env);
        return this;
    }

    /** Leaves a variable of this JVM's environment out of the program's. */
    public Command withoutEnv(String name) {
        addedEnv.remove(name);
        removedEnv.add(name);
        return this;
    }

    /**
     * Writes stderr into stdout, interleaved as a terminal shows them: {@link Result#stdout()}
     * holds both, {@link Result#stderr()} is empty.
     */
    public Command mergeStderr() {
        this.mergeStderr = true;
        return this;
    }

    /** How long the program may run before it is killed and the test fails; {@link #DEFAULT_TIMEOUT} unless set. */
    public Command timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /**
     * Runs the program to its end and answers its exit code and output, whatever the exit code.
     *
     * @throws AssertionError when it cannot be started, does not finish within the timeout (it
     *         and its descendants are killed first), or the waiting thread is interrupted (the
     *         same; the interrupt flag is set again)
     */
    public Result run() {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("fovea-command-", ".out");
            err = mergeStderr ? null : Files.createTempFile("fovea-command-", ".err");
            return run(out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("temporary files for " + describe(), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private Result run(Path out, Path err) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile());
        if (err == null) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(err.toFile());
        }
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        pb.environment().keySet().removeAll(removedEnv);
        pb.environment().putAll(addedEnv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + describe() + ": " + e.getMessage(), e);
        }
        try {
            closeInput(p);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(p);
                throw new AssertionError(describe() + " did not finish within " + seconds(timeout)
                        + "; it and its child processes were killed. Its output so far:\n" + tail(out, err));
            }
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + describe()
                    + "; it and its child processes were killed. Its output so far:\n" + tail(out, err), e);
        }
        return new Result(describe(), p.exitValue(), read(out), err == null ? "" : read(err));
    }

    private static void closeInput(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // a program that exited at once has no input to close
        }
    }

    /**
     * Ends a program a test started in the background (a listener, a peer): asks it to stop
     * (SIGTERM), and kills it and its descendants when it has not ended within {@code grace}.
     * Never waits longer than {@code grace} plus a few seconds.
     */
    public static void stop(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process, descendants);
            }
        } catch (InterruptedException e) {
            killTree(process, descendants);
            Thread.currentThread().interrupt();
        }
    }

    private static void killTree(Process p) {
        killTree(p, p.descendants().toList());
    }

    /**
     * SIGKILL to the process and the descendants listed before: once the process is dead its
     * children are re-parented and no longer reachable through it.
     */
    private static void killTree(Process p, List<ProcessHandle> descendants) {
        p.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(REAP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command line as a person would type it, with very long arguments (a class path) shortened. */
    private String describe() {
        List<String> shown = new ArrayList<>();
        for (String arg : command) {
            shown.add(arg.length() <= 200 ? arg : arg.substring(0, 60) + "…(" + arg.length() + " characters)");
        }
        return String.join(" ", shown);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static String tail(Path out, Path err) {
        String text = read(out) + (err == null ? "" : read(err));
        return text.length() <= MESSAGE_OUTPUT ? text
                : "…(" + (text.length() - MESSAGE_OUTPUT) + " characters left out)" + text.substring(text.length() - MESSAGE_OUTPUT);
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless; the result or failure matters more
        }
    }

    /**
     * A finished program.
     *
     * @param command the command line, as shown in messages
     * @param exit    its exit code
     * @param stdout  what it wrote to stdout (and stderr, interleaved, after {@link #mergeStderr()})
     * @param stderr  what it wrote to stderr; empty after {@link #mergeStderr()}
     */
    public record Result(String command, int exit, String stdout, String stderr) {

        /** stdout followed by stderr. */
        public String output() {
            return stdout + stderr;
        }

        /** This result, or a failure naming the command, its exit code and output when it did not exit 0. */
        public Result requireSuccess() {
            if (exit != 0) {
                throw new AssertionError(command + " exited with " + exit + ":\n" + output());
            }
            return this;
        }
    }
}
