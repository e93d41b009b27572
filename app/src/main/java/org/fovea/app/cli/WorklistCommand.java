package org.fovea.app.cli;

import org.fovea.registration.Registrations;
import org.fovea.registration.worklist.WorklistScp;
import org.fovea.reporting.ReportingDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code fovea worklist serve --port N}: the department's modality worklist for the modalities' consoles. */
@Command(name = "worklist", mixinStandardHelpOptions = true, description = "The department's DICOM modality worklist "
        + "(MWL C-FIND SCP) of the booked exams.", subcommands = {WorklistCommand.Serve.class})
final class WorklistCommand implements Callable<Integer> {

    @ParentCommand
    FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: serve.");
    }

    /** Serves the worklist until Ctrl-C. */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Answer the modalities' worklist queries "
            + "(C-FIND, Modality Worklist) and C-ECHO from the department database: the exams booked or checked in, "
            + "by station AE title, date, modality, patient and accession, names in UTF-8. Ctrl-C stops.")
    static final class Serve implements Callable<Integer> {
        @ParentCommand
        private WorklistCommand worklist;
        @Spec
        private CommandSpec spec;
        @Option(names = "--port", required = true, description = "The TCP port the modalities call (0: a free one).")
        private int port;
        @Option(names = "--ae", defaultValue = "FOVEA_MWL", description = "The worklist's AE title, which the "
                + "modalities call (default FOVEA_MWL).")
        private String aeTitle;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ReportingDatabase department = ReportingDatabase.forHome(worklist.parent.home());
            WorklistScp scp;
            try {
                scp = WorklistScp.start(Registrations.open(department.dataSource()), aeTitle, port);
            } catch (IOException | RuntimeException e) {
                department.close();
                throw new UserError(e.getMessage());
            }
            out.printf("Modality worklist %s on port %d, from %s; Ctrl-C stops%n", scp.aeTitle(), scp.port(),
                    department.postgres() ? "the department's PostgreSQL" : "the embedded department database");
            return Foreground.untilStopped(() -> {
                scp.close();
                department.close();
            }, out);
        }
    }
}
