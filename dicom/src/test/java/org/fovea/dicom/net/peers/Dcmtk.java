package org.fovea.dicom.net.peers;

import org.fovea.testsupport.Command;
import org.fovea.testsupport.Tools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DCMTK's network tools (storescu, storescp, echoscu, getscu, movescu, dump2dcm) as real
 * processes: the independent peers the network tests talk to. A missing tool fails with
 * "scripts/bootstrap" ({@link Tools#installed}).
 */
public final class Dcmtk {

    /** A whole series pushed over loopback takes a few seconds; a tool still running after this is hung. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Dcmtk() {
    }

    public static Path tool(String name) {
        return Tools.installed(name, "dcmtk");
    }

    /** Starts a tool; its output is discarded (use {@link #run} to see it). */
    public static Process start(String name, List<String> args) throws IOException {
        return new ProcessBuilder(command(name, args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Runs a tool to the end (at most two minutes); its stderr is merged into {@code stdout}. */
    public static Command.Result run(String name, List<String> args) {
        return run(name, args, Map.of());
    }

    /** Like {@link #run(String, List)}, with {@code env} added to the tool's environment. */
    public static Command.Result run(String name, List<String> args, Map<String, String> env) {
        return Command.of(command(name, args)).env(env).mergeStderr().timeout(TIMEOUT).run();
    }

    private static List<String> command(String name, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool(name).toString());
        cmd.addAll(args);
        return cmd;
    }
}
