package org.fovea.app.cli;

import org.fovea.registration.Registrations;
import org.fovea.registration.hl7.Hl7Listener;
import org.fovea.registration.hl7.Hl7Sender;
import org.fovea.reporting.ReportingDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code fovea hl7 listen --port N [--his HOST:PORT]}: the department's HL7 v2 listener for the
 * HIS's patients and orders and, with {@code --his}, the sender of the order updates the
 * department owes the HIS (one service to install, one to watch).
 */
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

    /** How often the outbox is looked at for order updates to send the HIS. */
    static final Duration SEND_EVERY = Duration.ofSeconds(5);

    /** Runs the MLLP listener (and the sender to the HIS) until Ctrl-C. */
    @Command(name = "listen", mixinStandardHelpOptions = true, description = "Take ADT^A04/A08, ORM^O01 and OMI^O23 "
            + "over MLLP into the department database (registered patients, orders with their accession numbers); "
            + "each message is acknowledged after it is stored. With --his, also send the HIS the order updates of "
            + "major request changes (ORM^O01 XO), oldest first, every 5 s until it acknowledges them. Ctrl-C stops.")
    static final class Listen implements Callable<Integer> {
        @ParentCommand
        private Hl7Command hl7;
        @Spec
        private CommandSpec spec;
        @Option(names = "--port", defaultValue = "2575", description = "The TCP port (default 2575).")
        private int port;
        @Option(names = "--his", paramLabel = "HOST:PORT", description = "The HIS's MLLP listener for order updates.")
        private String his;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            String hisHost = null;
            int hisPort = 0;
            if (his != null) {
                int colon = his.lastIndexOf(':');
                try {
                    hisHost = his.substring(0, Math.max(colon, 0));
                    hisPort = Integer.parseInt(his.substring(colon + 1));
                } catch (NumberFormatException e) {
                    hisPort = 0;
                }
                if (hisHost.isBlank() || hisPort <= 0 || hisPort > 65535) {
                    throw new UserError("--his is the HIS's HOST:PORT, e.g. his.hospital.local:2576, not " + his);
                }
            }
            ReportingDatabase department = ReportingDatabase.forHome(hl7.parent.home());
            Hl7Listener listener;
            Registrations registrations;
            try {
                registrations = Registrations.open(department.dataSource());
                listener = Hl7Listener.start(registrations, port);
            } catch (RuntimeException e) {
                department.close();
                throw new UserError(e.getMessage());
            }
            Hl7Sender sender = null;
            if (hisHost != null) {
                sender = new Hl7Sender(registrations, Clock.systemUTC());
                sender.start(hisHost, hisPort, SEND_EVERY);
            }
            out.printf("HL7 listener on port %d (MLLP), into %s%s; Ctrl-C stops%n", port,
                    department.postgres() ? "the department's PostgreSQL" : "the embedded department database",
                    hisHost == null ? "" : "; order updates to the HIS at " + hisHost + ":" + hisPort);
            Hl7Sender sending = sender;
            return Foreground.untilStopped(() -> {
                // the sender first: its pass under way finishes writing before the database closes
                if (sending != null) {
                    sending.close();
                }
                listener.close();
                department.close();
            }, out);
        }
    }
}
