package org.fovea.app.cli;

import org.fovea.dicom.DicomReadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The top-level command: opens the workstation when given no subcommand. */
@Command(name = "fovea", mixinStandardHelpOptions = true, version = "Fovea 0.1",
        description = "Radiology reading workstation.",
        subcommands = {GuiCommand.class, DemoCommand.class, ImportCommand.class, ListCommand.class,
                SnapshotCommand.class, DicomCommand.class, MeasurementsCommand.class, ReportCommand.class,
                UserCommand.class, AuditCommand.class, AlertCommand.class, CenterCommand.class, RemoteCommand.class,
                Hl7Command.class, OrderCommand.class, QueueCommand.Register.class, QueueCommand.Queue.class,
                QueueCommand.Label.class, DeviceCommand.Devices.class, DeviceCommand.Book.class, DeviceCommand.Day.class,
                WorklistCommand.class, UploadCommand.class})
public final class FoveaCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(FoveaCommand.class);

    private final Path home;

    @picocli.CommandLine.Option(names = "--lang", description = "UI language: zh or en (default: the system locale).")
    private String lang;

    FoveaCommand(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    @Override
    public Integer call() {
        return GuiCommand.open(home, lang);
    }

    /** The command line with the home directory and the user-facing error handling. */
    public static CommandLine commandLine(Path home) {
        CommandLine cl = new CommandLine(new FoveaCommand(home));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            LOG.error("command failed", ex);
            commandLine.getErr().println("fovea: " + userMessage(ex));
            return 1;
        });
        return cl;
    }

    /** One sentence for the user; the stack trace goes to the log. */
    static String userMessage(Throwable ex) {
        if (ex instanceof DicomReadException || ex instanceof UserError
                || ex instanceof org.fovea.reporting.identity.IdentityException) {
            return ex.getMessage();
        }
        Throwable t = ex;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m)
                + " (details in the log under FOVEA_HOME/logs)";
    }
}
