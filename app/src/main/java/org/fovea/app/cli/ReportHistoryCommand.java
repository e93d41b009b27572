package org.fovea.app.cli;

import org.fovea.reporting.ReportVersion;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.history.VersionDiff;
import org.fovea.reporting.store.JdbcReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./fovea report history ID} and {@code report diff ID A B}: a report's versions (P10). */
final class ReportHistoryCommand {

    private ReportHistoryCommand() {
    }

    static List<ReportVersion> versions(ReportCommand report, long id) {
        try (ReportingDatabase db = ReportingDatabase.forHome(report.parent.home())) {
            List<ReportVersion> v = new JdbcReports(db).versions(id);
            if (v.isEmpty()) {
                throw new UserError("No report " + id + " in the department database of " + report.parent.home());
            }
            return v;
        }
    }

    @Command(name = "history", description = "A report's versions: who saved each, from where, when, in which status.")
    static final class History implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (ReportVersion v : versions(report, id)) {
                out.printf("version %d  %s  %-12s %-16s %-12s %d chars%n", v.version(), v.saved(), v.savedBy(),
                        v.workstation().isEmpty() ? "-" : v.workstation(), v.status(),
                        v.findings().length() + v.impression().length());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "diff", description = "What changed between two versions of a report ([-removed-] {+added+}).")
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID")
        long id;
        @Parameters(index = "1", paramLabel = "FROM")
        int from;
        @Parameters(index = "2", paramLabel = "TO")
        int to;

        @Override
        public Integer call() {
            List<ReportVersion> all = versions(report, id);
            ReportVersion a = pick(all, from);
            ReportVersion b = pick(all, to);
            PrintWriter out = spec.commandLine().getOut();
            for (VersionDiff.Row r : VersionDiff.changes(a, b)) {
                out.printf("%-12s %s%n", r.section(), switch (r.kind()) {
                    case ADDED -> "{+" + r.afterText() + "+}";
                    case REMOVED -> "[-" + r.beforeText() + "-]";
                    default -> marked(r);
                });
            }
            out.flush();
            return 0;
        }

        private ReportVersion pick(List<ReportVersion> all, int version) {
            return all.stream().filter(v -> v.version() == version).findFirst().orElseThrow(() -> new UserError(
                    "Report " + id + " has no version " + version + " (it has 1 to " + all.get(all.size() - 1).version() + ")"));
        }

        /** A changed line as one line: unchanged text once, the old run [-so-] and the new run {+so+}. */
        private static String marked(VersionDiff.Row r) {
            StringBuilder b = new StringBuilder();
            for (VersionDiff.Span s : r.before()) {
                b.append(s.changed() ? "[-" + s.text() + "-]" : s.text());
            }
            b.append("  →  ");
            for (VersionDiff.Span s : r.after()) {
                b.append(s.changed() ? "{+" + s.text() + "+}" : s.text());
            }
            return b.toString();
        }
    }
}
