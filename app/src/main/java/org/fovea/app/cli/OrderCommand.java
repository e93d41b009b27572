package org.fovea.app.cli;

import org.fovea.registration.OrderChanges;
import org.fovea.registration.OrderChanges.Change;
import org.fovea.registration.OrderChanges.Field;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fovea order change|history}: an exam's electronic request changed by a user, by the rules
 * of {@link OrderChanges} (a registrar every field, a technician the allergies and the priority),
 * and its change log. Who changes is the user named by {@code --as}, after their password, like
 * every command that signs or acknowledges; a department without users yet (a workstation standing
 * alone) records the computer's account as {@code os:NAME} with a registrar's rights, the same
 * account a report export from a shell is audited as.
 */
@Command(name = "order", mixinStandardHelpOptions = true, description = "Change an exam's electronic request "
        + "(by role, logged; a major change of an HIS order is sent back to the HIS) and show its changes.",
        subcommands = {OrderCommand.ChangeOrder.class, OrderCommand.History.class})
final class OrderCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @ParentCommand
    FoveaCommand parent;
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: change or history.");
    }

    @Command(name = "change", mixinStandardHelpOptions = true, description = "Change one field of an exam's request. "
            + "A registrar may change every field, a technician the allergies and the priority; an examined or "
            + "cancelled exam only a registrar, with --reason. A change of procedure or modality, or of priority to "
            + "EMERGENCY, is major: for an order from the HIS an order update (ORM^O01 XO) is queued for it "
            + "(sent by ./fovea hl7 listen --his HOST:PORT).")
    static final class ChangeOrder implements Callable<Integer> {
        @ParentCommand
        private OrderCommand order;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ACCESSION")
        private String accession;
        @Option(names = "--field", required = true, paramLabel = "FIELD", description = "procedure, modality, diagnosis, "
                + "physician, priority, phone, allergies or address.")
        private String field;
        @Option(names = "--value", required = true, paramLabel = "V", description = "The new value: a procedure as "
                + "CODE^TEXT (or TEXT), a priority as ROUTINE, URGENT or EMERGENCY.")
        private String value;
        @Option(names = "--reason", defaultValue = "", paramLabel = "R", description = "Why (required on an examined "
                + "or cancelled exam); sent to the HIS with a major change.")
        private String reason;
        @Option(names = "--as", paramLabel = "LOGIN", description = "Who changes it (asks for their password); not "
                + "used while the department has no users.")
        private String as;

        @Override
        public Integer call() {
            Field f;
            try {
                f = Field.parse(field);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            Change c = QueueCommand.withRegistrations(order.parent.home(), r -> new OrderChanges(r, Clock.systemUTC())
                    .change(accession, f, value, reason, who(new Users(r.dataSource(), Clock.systemUTC()))));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("exam %s: %s %s → %s, by %s%s%n", accession, c.field().typed(), shown(c.oldValue()),
                    c.newValue(), c.changedBy(), !c.major() ? "" : c.toHis()
                            ? " (major: an order update is queued for the HIS)"
                            : " (major; not an HIS order, nothing to send)");
            out.flush();
            return 0;
        }

        /** The user named by --as after their password; without users, this computer's account as a registrar. */
        private User who(Users users) {
            if (users.list().isEmpty()) {
                if (as != null) {
                    throw new UserError("This department has no users yet, so --as " + as + " cannot be checked: "
                            + "leave it out (the change is recorded as " + OrderChanges.computerAccount().login() + ") or add the users first");
                }
                return OrderChanges.computerAccount();
            }
            return new CliLogin().authenticated(users, as);
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "The changes of an exam's request, "
            + "oldest first: when, who, field, old → new, major, whether the HIS has the update, and why.")
    static final class History implements Callable<Integer> {
        @ParentCommand
        private OrderCommand order;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ACCESSION")
        private String accession;

        @Override
        public Integer call() {
            List<Change> changes = QueueCommand.withRegistrations(order.parent.home(), r -> {
                if (r.order(accession).isEmpty()) {
                    throw new UserError("There is no exam " + accession);
                }
                return new OrderChanges(r, Clock.systemUTC()).history(accession);
            });
            PrintWriter out = spec.commandLine().getOut();
            if (changes.isEmpty()) {
                out.println("exam " + accession + " has not been changed");
            }
            for (Change c : changes) {
                out.printf("%s  %s  %s: %s → %s%s%s%n", TIME.format(Instant.ofEpochMilli(c.changedMs())
                                .atZone(ZoneId.systemDefault())), c.changedBy(), c.field().typed(), shown(c.oldValue()),
                        c.newValue(), c.major() ? "  [major" + his(c) + "]" : "",
                        c.reason().isEmpty() ? "" : "  reason: " + c.reason());
            }
            out.flush();
            return 0;
        }

        private static String his(Change c) {
            return switch (c.hisState()) {
                case "" -> "";
                case "SENT" -> ", HIS: updated";
                case "FAILED" -> ", HIS: refused (" + c.hisError() + ")";
                default -> ", HIS: waiting to be sent" + (c.hisError().isEmpty() ? "" : " (" + c.hisError() + ")");
            };
        }
    }

    private static String shown(String value) {
        return value.isEmpty() ? "(empty)" : value;
    }
}
