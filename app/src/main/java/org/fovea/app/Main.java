package org.fovea.app;

import org.fovea.app.cli.FoveaCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;

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
        int code = FoveaCommand.commandLine(home).execute(args);
        System.exit(code);
    }
}
