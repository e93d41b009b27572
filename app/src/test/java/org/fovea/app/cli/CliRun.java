package org.fovea.app.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** The command line run in-process on a FOVEA_HOME, as the CLI tests run it: exit code, what it printed, what it said wrong. */
record CliRun(int code, String out, String err) {

    static CliRun run(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = FoveaCommand.commandLine(home);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new CliRun(cl.execute(args), out.toString(), err.toString());
    }

    /** A command with standard input, as a script typing passwords would. */
    static CliRun withInput(Path home, String input, String... args) {
        java.io.InputStream before = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return run(home, args);
        } finally {
            System.setIn(before);
        }
    }
}
