package org.fovea.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./fovea user ...}: the department's users, managed by an administrator. Once an
 * administrator exists every change needs one ({@code --as LOGIN}, then that password); the
 * first administrator of a new department is made without. Passwords are typed at the console
 * without echo, or read one per line from standard input when there is no console (scripts).
 */
@Command(name = "user", description = "Manage the department's users (an administrator's work).",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Passwd.class,
                UserCommand.SetRole.class, UserCommand.Disable.class, UserCommand.Enable.class, UserCommand.Unlock.class,
                UserKeyCommand.class})
final class UserCommand implements Callable<Integer> {

    @ParentCommand
    FoveaCommand parent;
    @Spec
    CommandSpec spec;
    @Option(names = "--as", paramLabel = "LOGIN", description = "The administrator making the change (asks for their password).")
    String as;

    final CliLogin cli = new CliLogin();

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    char[] newPassword(String whose) {
        return cli.newPassword(whose);
    }

    /**
     * Runs a change as the administrator named by --as, checking their password; without any
     * administrator yet, only {@code firstAdministratorMayBeMade} changes run unchecked. A change
     * with an audit action goes to the audit log with its target and detail.
     */
    <T> T asAdministrator(boolean firstAdministratorMayBeMade, AuditAction action, String target, String detail,
                          java.util.function.Function<Users, T> change) {
        try (ReportingDatabase db = ReportingDatabase.forHome(parent.home())) {
            Users users = new Users(db);
            String by;
            if (!users.hasAdministrator()) {
                if (!firstAdministratorMayBeMade) {
                    throw new UserError("There is no administrator yet: make one first with "
                            + "'./fovea user add LOGIN --name NAME --role administrator'");
                }
                by = "setup";
            } else {
                by = cli.require(users, as, Permission.MANAGE_USERS).login();
            }
            T done = change.apply(users);
            if (action != null) {
                new AuditLog(db).append(Actor.here(by), action, "user", Users.normalise(target), detail);
            }
            return done;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    static Map<String, Object> json(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("login", u.login());
        m.put("name", u.displayName());
        m.put("role", u.role().typed());
        m.put("active", u.active());
        m.put("failedLogins", u.failedLogins());
        m.put("lockedUntil", u.lockedUntil().toEpochMilli() == 0 ? "" : u.lockedUntil().toString());
        return m;
    }

    @Command(name = "add", description = "Add a user (the first administrator of a department needs no --as).")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UserCommand user;
        @Parameters(paramLabel = "LOGIN")
        String login;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name shown and signed, e.g. 张伟.")
        String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "junior-radiologist, senior-radiologist, chief, technician, registrar, clinician or administrator.")
        String role;

        @Override
        public Integer call() {
            Role r = role(role);
            User u = user.asAdministrator(r == Role.ADMINISTRATOR, AuditAction.USER_ADDED, login,
                    name + ", " + r.typed(), users -> users.create(login, name, r, user.newPassword(login)));
            user.out().println("Added " + u.login() + " (" + u.displayName() + "), " + u.role().typed());
            user.out().flush();
            return 0;
        }
    }

    static Role role(String text) {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    @Command(name = "list", description = "List the users, their roles and lockouts.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        UserCommand user;
        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<User> all = user.asAdministrator(false, null, "", "", Users::list);
            if (json) {
                user.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(all.stream().map(UserCommand::json).toList()));
            } else {
                for (User u : all) {
                    user.out().printf("%-16s %-12s %-20s %s%s%n", u.login(), u.displayName(), u.role().typed(),
                            u.active() ? "active" : "disabled",
                            u.lockedUntil().toEpochMilli() == 0 ? "" : ", locked until " + u.lockedUntil());
                }
            }
            user.out().flush();
            return 0;
        }
    }

    /** A change of one user's account, audited as {@code what}: the shape of passwd, disable, enable, unlock. */
    abstract static class AccountChange implements Callable<Integer> {
        @ParentCommand
        UserCommand user;
        @Parameters(paramLabel = "LOGIN")
        String login;

        /** The detail audited and printed after the login, e.g. "disabled". */
        abstract String what();

        abstract void change(Users users);

        @Override
        public Integer call() {
            user.asAdministrator(false, AuditAction.USER_CHANGED, login, what(), users -> {
                change(users);
                return null;
            });
            user.out().println(Users.normalise(login) + ": " + what());
            user.out().flush();
            return 0;
        }
    }

    @Command(name = "passwd", description = "Set a user's password.")
    static final class Passwd extends AccountChange {
        @Override String what() { return "password set"; }

        @Override void change(Users users) { users.changePassword(login, user.newPassword(login)); }
    }

    @Command(name = "disable", description = "Disable a user's account (kept with its history and signatures).")
    static final class Disable extends AccountChange {
        @Override String what() { return "disabled"; }

        @Override void change(Users users) { users.setActive(login, false); }
    }

    @Command(name = "enable", description = "Enable a disabled account again.")
    static final class Enable extends AccountChange {
        @Override String what() { return "enabled"; }

        @Override void change(Users users) { users.setActive(login, true); }
    }

    @Command(name = "unlock", description = "Lift a lockout after wrong passwords before it runs out.")
    static final class Unlock extends AccountChange {
        @Override String what() { return "unlocked"; }

        @Override void change(Users users) { users.unlock(login); }
    }

    @Command(name = "role", description = "Give a user another role.")
    static final class SetRole implements Callable<Integer> {
        @ParentCommand
        UserCommand user;
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;
        @Parameters(index = "1", paramLabel = "ROLE")
        String role;

        @Override
        public Integer call() {
            Role r = role(role);
            user.asAdministrator(false, AuditAction.USER_CHANGED, login, "role " + r.typed(), users -> {
                users.setRole(login, r);
                return null;
            });
            user.out().println(Users.normalise(login) + " is now " + r.typed());
            user.out().flush();
            return 0;
        }
    }
}
