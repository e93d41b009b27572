package org.fovea.app.cli;

import org.fovea.registration.Registrations;
import org.fovea.registration.hl7.Hl7Listener;
import org.fovea.reporting.ReportingDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code fovea hl7 listen --port N}: the department's HL7 v2 listener for the HIS's patients and orders. */
@Command(name = "hl7", mixinStandardHelpOptions = true, description = "HL7 v2 from the hospital information system.",
        subcommands = {Hl7Command.Listen.class})
final class Hl7Command implements Callable<Integer> {

    @ParentCommand
    FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: listen.");
    }

    /** Runs the MLLP listener until Ctrl-C. */
    @Command(name = "listen", mixinStandardHelpOptions = true, description = "Take ADT^A04/A08, ORM^O01 and OMI^O23 "
            + "over MLLP into the department database (registered patients, orders with their accession numbers); "
            + "each message is acknowledged after it is stored. Ctrl-C stops.")
    static final class Listen implements Callable<Integer> {
        @ParentCommand
        private Hl7Command hl7;
        @Spec
        private CommandSpec spec;
        @Option(names = "--port", defaultValue = "2575", description = "The TCP port (default 2575).")
        private int port;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ReportingDatabase department = ReportingDatabase.forHome(hl7.parent.home());
            Hl7Listener listener;
            try {
                listener = Hl7Listener.start(Registrations.open(department.dataSource()), port);
            } catch (RuntimeException e) {
                department.close();
                throw new UserError(e.getMessage());
            }
            out.printf("HL7 listener on port %d (MLLP), into %s; Ctrl-C stops%n", port,
                    department.postgres() ? "the department's PostgreSQL" : "the embedded department database");
            return Foreground.untilStopped(() -> {
                listener.close();
                department.close();
            }, out);
        }
    }
}
