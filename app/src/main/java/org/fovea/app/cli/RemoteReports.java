package org.fovea.app.cli;

import org.fovea.center.ReturnedReport;
import org.fovea.center.client.Outbox;
import org.fovea.center.client.RemoteWatch;
import org.fovea.center.client.ReturnedReports;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.export.ReportPdf;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fovea remote watch} and {@code fovea remote report}: the reports the center returns (D5). */
final class RemoteReports {

    private RemoteReports() {
    }

    /** Keeps the link to the center open: sends the outbox, follows the requests, receives reports as they are signed. */
    @Command(name = "watch", mixinStandardHelpOptions = true, description = "Stay connected to the center: send what "
            + "the outbox holds, show each request's progress as the center pushes it, and receive, check and file "
            + "each report within moments of its signature. Ctrl-C stops.")
    static final class Watch extends RemoteCommand.AtCenter {

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path home = home();
            var client = client();
            try (ReportingDatabase department = ReportingDatabase.forHome(home);
                 LocalArchive archive = LocalArchive.open(home)) {
                Outbox box = outbox(department, archive);
                if (center.reportCa(home).isEmpty()) {
                    out.println("No report CA is configured (--report-ca or \"reportCa\" in remote.json): reports will "
                            + "be kept but not verified nor filed.");
                }
                out.println("watching the center; Ctrl-C stops");
                out.flush();
                RemoteWatch watch = new RemoteWatch(box, client, line -> {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }).start();
                return Foreground.untilStopped(watch, out);
            }
        }
    }

    /** A returned report as received: whether it checked, and its text; optionally its PDF. */
    @Command(name = "report", mixinStandardHelpOptions = true, description = "The report the center returned for a "
            + "request: who signed it, whether its signatures checked, its text; --pdf writes it for printing.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        private RemoteCommand remote;
        @Spec
        private CommandSpec spec;
        @CommandLine.Parameters(index = "0", paramLabel = "ID", description = "The outbox's request id (R-…).")
        private String id;
        @Option(names = "--pdf", paramLabel = "FILE", description = "Write the report as PDF (only a verified one).")
        private Path pdf;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path home = remote.parent.home();
            try (ReportingDatabase department = ReportingDatabase.forHome(home)) {
                ReturnedReports reports = RemoteCommand.outbox(department).reports();
                ReturnedReports.Received r = reports.of(id).stream().findFirst().orElseThrow(() -> new UserError(
                        "No report has come back for " + id + " yet (./fovea remote status shows where it is)."));
                ReturnedReport returned = reports.latest(id).orElseThrow();
                out.printf("%s  report %d version %d from %s%n", id, r.reportId(), r.version(), returned.center());
                out.printf("signed by %s%s%n", r.signedBy(), r.signedAt() == null ? "" : " at " + r.signedAt());
                out.println(r.verified() ? "signatures: valid (checked against the center's CA)"
                        : "signatures: NOT VERIFIED — " + r.problem());
                out.println(r.filedAt() == null ? "not filed into the local study"
                        : "filed into the local study at " + r.filedAt());
                out.println();
                out.println("影像所见 / Findings:");
                out.println(returned.report().findings());
                out.println();
                out.println("诊断意见 / Impression:");
                out.println(returned.report().impression());
                out.flush();
                if (pdf != null) {
                    if (!r.verified()) {
                        throw new UserError("The report of " + id + " did not check (" + r.problem()
                                + "); it is not printed.");
                    }
                    Files.write(pdf, ReportPdf.bytes(returned.report(),
                            org.fovea.center.client.ReportFiler.paper(returned, home)));
                    out.println("wrote " + pdf);
                    out.flush();
                }
                return r.verified() ? 0 : 1;
            }
        }
    }
}
