package org.fovea.dicom.net.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * DCMTK's network tools (storescu, storescp, echoscu, getscu, movescu, dump2dcm) as real
 * processes: the independent peers the network tests talk to. A missing tool fails with
 * "run scripts/bootstrap".
 */
public final class Dcmtk {

    /** Exit code and the merged output of a finished tool. */
    public record Result(int exit, String output) {
    }

    private Dcmtk() {
    }

    public static Path tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("DCMTK tool '" + name + "' is not installed: run scripts/bootstrap");
    }

    /** Starts a tool; its output is discarded (use {@link #run} to see it). */
    public static Process start(String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool(name).toString());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Runs a tool to the end (at most two minutes). */
    public static Result run(String name, List<String> args) throws IOException, InterruptedException {
        return run(name, args, Map.of());
    }

    /** Like {@link #run(String, List)}, with {@code env} added to the tool's environment. */
    public static Result run(String name, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool(name).toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
