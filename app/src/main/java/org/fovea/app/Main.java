package org.fovea.app;

import org.fovea.app.cli.FoveaCommand;
import org.fovea.dicom.LibraryOutput;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Entry point of the launcher script: the workstation (no arguments or "gui") and the command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path home = FoveaHome.resolve();
        // logback.xml writes the rolling log under ${fovea.home}/logs; set before the first logger exists
        System.setProperty("fovea.home", home.toString());
        // JavaFX and other java.util.logging users write to the rolling log, not the console
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // libraries' complaints about files go to the log with the file's name; the terminal
        // shows Fovea's own one-line reasons
        PrintStream terminal = LibraryOutput.install();
        int code = FoveaCommand.commandLine(home).setErr(new PrintWriter(terminal, true)).execute(args);
        System.exit(code);
    }
}
