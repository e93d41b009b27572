package org.fovea.app.cli;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportConflictException;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.ReportSignatures;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcReports;
import org.fovea.reporting.store.JdbcSignOffs;
import org.fovea.reporting.workflow.SignOffAction;
import org.fovea.reporting.workflow.SignOffRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./fovea report submit|approve|return|recall ID --as LOGIN}: sign-off steps from the
 * command line, each checked against the user's role and signed with their key (unlocked by the
 * password they log in with); {@code report verify ID|--all}: every signature checked.
 */
final class ReportSignOffCommand {

    private ReportSignOffCommand() {
    }

    /** One step: the user after their password, their key unlocked with it, the step taken. */
    abstract static class Step implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--as", required = true, paramLabel = "LOGIN", description = "Who signs (asks for their password).")
        String as;

        abstract SignOffAction action();

        String reason() {
            return null;
        }

        @Override
        public Integer call() throws Exception {
            CliLogin cli = new CliLogin();
            char[] password = cli.password("Password of " + as);
            try (ReportingDatabase db = ReportingDatabase.forHome(report.parent.home())) {
                Users users = new Users(db);
                User user = cli.require(users, as, password.clone(), Permission.READ_REPORTS);
                Report r = new JdbcReports(db).find(id).orElseThrow(() -> new UserError("No report " + id));
                new JdbcSignOffs(db, null).check(id, user, action(), reason());
                boolean signs = action() != SignOffAction.RETURN && action() != SignOffAction.RECALL;
                org.fovea.reporting.signature.Keys.KeyAndChain key = null;
                if (signs) {
                    try {
                        key = new SigningKeys(db).unlock(user.login(), password);
                    } catch (GeneralSecurityException e) {
                        throw new UserError(e.getMessage());
                    }
                }
                if (action() == SignOffAction.ADDENDUM) {
                    org.fovea.reporting.workflow.Addendum a = new JdbcSignOffs(db, null).addendum(id, user, reason(),
                            Actor.thisWorkstation(), ReportSignatures.addendumSigner(key));
                    spec.commandLine().getOut().println("Addendum " + a.seq() + " to report " + id + " signed by "
                            + user.displayName());
                    spec.commandLine().getOut().flush();
                    return 0;
                }
                JdbcSignOffs signOffs = new JdbcSignOffs(db, signs ? ReportSignatures.signer(key) : null);
                Report after = signOffs.act(id, r.version(), user, action(), reason(), Actor.thisWorkstation());
                PrintWriter out = spec.commandLine().getOut();
                out.println("Report " + id + " is now " + after.status().name().toLowerCase(java.util.Locale.ROOT)
                        + " (version " + after.version() + (signs ? ", signed by " + user.displayName() : "") + ")");
                out.flush();
                return 0;
            } catch (SignOffRefused | ReportConflictException e) {
                throw new UserError(e.getMessage());
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "submit", description = "The author signs and submits a report for review (final at once with one level).")
    static final class Submit extends Step {
        @Override
        SignOffAction action() {
            return SignOffAction.SUBMIT;
        }
    }

    @Command(name = "approve", description = "Sign the next level of a submitted report (the last level signs it final).")
    static final class Approve extends Step {
        @Override
        SignOffAction action() {
            return SignOffAction.APPROVE;
        }
    }

    /** A step that needs its reason: return and recall. */
    abstract static class StepWithReason extends Step {
        @Option(names = "--reason", required = true)
        String reason;

        @Override
        String reason() {
            return reason;
        }
    }

    @Command(name = "return", description = "Return a submitted report to its author, with the reason.")
    static final class Return extends StepWithReason {
        @Override
        SignOffAction action() {
            return SignOffAction.RETURN;
        }
    }

    @Command(name = "recall", description = "Recall a final report, with the reason (then it is corrected and signed again).")
    static final class Recall extends StepWithReason {
        @Override
        SignOffAction action() {
            return SignOffAction.RECALL;
        }
    }

    @Command(name = "addendum", description = "Append a signed addendum to a final report.")
    static final class AddendumStep extends Step {
        @Option(names = "--text", required = true)
        String text;

        @Override
        SignOffAction action() {
            return SignOffAction.ADDENDUM;
        }

        @Override
        String reason() {
            return text;
        }
    }

    @Command(name = "verify", description = "Check every signature of a report (or of all signed reports); exit 1 on any failure.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID", arity = "0..1")
        Long id;
        @Option(names = "--all")
        boolean all;

        @Override
        public Integer call() {
            if ((id == null) == !all) {
                throw new UserError("Give a report's number or --all");
            }
            PrintWriter out = spec.commandLine().getOut();
            int bad = 0;
            int checked = 0;
            long started = System.nanoTime();
            try (ReportingDatabase db = ReportingDatabase.forHome(report.parent.home())) {
                ReportSignatures signatures = new ReportSignatures(db);
                List<Long> ids = all ? signatures.signedReports() : List.of(id);
                for (long reportId : ids) {
                    ReportSignatures.Verification v = signatures.verify(reportId);
                    checked++;
                    if (!v.valid()) {
                        bad++;
                    }
                    if (!v.valid() || !all) {
                        out.println("Report " + reportId + ": " + (v.valid() ? "all signatures valid" : "FAILED"));
                        for (ReportSignatures.Checked c : v.signatures()) {
                            out.printf("  level %d %-8s %-10s %-4s v%d %s%n", c.level(), c.action().toLowerCase(java.util.Locale.ROOT),
                                    c.login(), c.algorithm(), c.version(), c.valid() ? "valid, signed "
                                            + ReportSignatures.signingTime(c) + " by " + c.check().signerName() : "INVALID: " + c.problem());
                        }
                        v.problems().forEach(p -> out.println("  " + p));
                    }
                }
            }
            if (all) {
                double ms = (System.nanoTime() - started) / 1e6;
                out.printf("%d signed reports checked, %d failed (%.1f ms per report)%n", checked, bad,
                        checked == 0 ? 0 : ms / checked);
            }
            out.flush();
            return bad == 0 ? 0 : 1;
        }
    }
}
