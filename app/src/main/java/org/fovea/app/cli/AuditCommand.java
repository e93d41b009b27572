package org.fovea.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditCheck;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.audit.AuditRecord;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./fovea audit ...}: the department's audit log. Anyone may check the chain
 * ({@code verify}, exit 1 when it is broken); reading and exporting it is an administrator's
 * ({@code --as LOGIN}), and an export is itself audited.
 */
@Command(name = "audit", description = "Check, search and export the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListRecords.class, AuditCommand.Export.class})
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    FoveaCommand parent;
    @Spec
    CommandSpec spec;
    @Option(names = "--as", paramLabel = "LOGIN", description = "The administrator reading the log (asks for their password).")
    String as;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Which records: by user, action and days (from and to inclusive, the workstation's time zone). */
    static final class Filter {
        @Option(names = "--user", paramLabel = "LOGIN")
        String user;
        @Option(names = "--action", paramLabel = "ACTION", description = "e.g. SIGN_REPORT, LOGIN, EXPORT_REPORT")
        String action;
        @Option(names = "--from", paramLabel = "YYYY-MM-DD")
        String from;
        @Option(names = "--to", paramLabel = "YYYY-MM-DD")
        String to;
        @Option(names = "--limit", defaultValue = "10000")
        int limit;

        List<AuditRecord> apply(AuditLog log) {
            AuditAction a = null;
            if (action != null) {
                try {
                    a = AuditAction.valueOf(action.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    throw new UserError("No audit action \"" + action + "\"; they are " + List.of(AuditAction.values()));
                }
            }
            return log.search(day(from, 0), day(to, 1), user, a, limit);
        }

        private static Instant day(String text, int plusDays) {
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text.strip()).plusDays(plusDays).atStartOfDay(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e) {
                throw new UserError("Not a date (YYYY-MM-DD): " + text);
            }
        }
    }

    /** The administrator named by --as, after their password. */
    User reader(ReportingDatabase db) {
        return new CliLogin().require(new Users(db), as, Permission.READ_AUDIT);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "verify", description = "Walk the hash chain; exit 1 naming each edited or deleted record.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        AuditCommand audit;

        @Override
        public Integer call() {
            AuditCheck check;
            try (ReportingDatabase db = ReportingDatabase.forHome(audit.parent.home())) {
                check = new AuditLog(db).verify();
            }
            PrintWriter out = audit.out();
            if (check.intact()) {
                out.println("Audit log intact: " + check.checked() + " records; head " + check.headHash());
                out.flush();
                return 0;
            }
            out.println("Audit log BROKEN (" + check.checked() + " records read):");
            check.problems().forEach(p -> out.println("  " + p));
            out.flush();
            return 1;
        }
    }

    @Command(name = "list", description = "Search the audit log (an administrator: --as LOGIN).")
    static final class ListRecords implements Callable<Integer> {
        @ParentCommand
        AuditCommand audit;
        @ArgGroup(exclusive = false)
        Filter filter = new Filter();
        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<AuditRecord> found;
            try (ReportingDatabase db = ReportingDatabase.forHome(audit.parent.home())) {
                audit.reader(db);
                found = filter.apply(new AuditLog(db));
            }
            PrintWriter out = audit.out();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).findAndRegisterModules()
                        .writeValueAsString(found.stream().map(r -> java.util.Map.of("seq", r.seq(), "time",
                                r.at().toString(), "user", r.user(), "workstation", r.workstation(), "action", r.action(),
                                "object", r.objectType() + " " + r.objectId(), "detail", r.detail())).toList()));
            } else {
                for (AuditRecord r : found) {
                    out.printf("%6d  %s  %-12s %-16s %-16s %s %s %s%n", r.seq(), r.at(), r.user(), r.workstation(),
                            r.action(), r.objectType(), r.objectId(), r.detail());
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "export", description = "Export audit records as CSV (an administrator: --as LOGIN).")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        AuditCommand audit;
        @ArgGroup(exclusive = false)
        Filter filter = new Filter();
        @Option(names = "--csv", required = true, paramLabel = "FILE.csv")
        Path csv;

        @Override
        public Integer call() throws Exception {
            try (ReportingDatabase db = ReportingDatabase.forHome(audit.parent.home())) {
                User admin = audit.reader(db);
                AuditLog log = new AuditLog(db);
                List<AuditRecord> found = filter.apply(log);
                try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    // a byte order mark: spreadsheets on Windows then read the Chinese text as UTF-8
                    w.write('\uFEFF');
                    AuditLog.writeCsv(found, w);
                }
                log.append(Actor.here(admin.login()), AuditAction.AUDIT_EXPORTED, "audit", csv.getFileName().toString(),
                        found.size() + " records");
                audit.out().println("Wrote " + found.size() + " records to " + csv);
            }
            audit.out().flush();
            return 0;
        }
    }
}
