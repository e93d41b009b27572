package org.fovea.app.cli;

import org.fovea.reporting.identity.LoginResult;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Who runs a command that needs a user: their password typed at the console without echo, or
 * read one per line from standard input when there is no console (scripts), checked against the
 * department's users like a login at the workstation (wrong ones count towards the lockout).
 */
final class CliLogin {

    private BufferedReader stdin;

    /** A password from the console (no echo) or the next line of standard input. */
    char[] password(String prompt) {
        Console console = System.console();
        if (console != null) {
            char[] p = console.readPassword("%s: ", prompt);
            if (p == null) {
                throw new UserError("No password given for " + prompt);
            }
            return p;
        }
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            String line = stdin.readLine();
            if (line == null) {
                throw new UserError("No password given for " + prompt + " (standard input ended)");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new password, typed twice at a console. */
    char[] newPassword(String whose) {
        char[] p = password("New password for " + whose);
        if (System.console() != null && !Arrays.equals(p, password("Again"))) {
            throw new UserError("The two passwords differ");
        }
        return p;
    }

    /**
     * The user named by {@code login} after their password, who must hold {@code needed}.
     *
     * @throws UserError naming what is wrong: no login given, a wrong password (with the attempts
     *                   left), a locked or disabled account, or a role without the permission
     */
    User require(Users users, String login, Permission needed) {
        if (login == null) {
            throw new UserError("Name the user doing this: --as LOGIN");
        }
        return require(users, login, password("Password of " + login), needed);
    }

    /** As {@link #require(Users, String, Permission)} with the password already read (it is cleared). */
    User require(Users users, String login, char[] password, Permission needed) {
        User u = authenticated(users, login, password);
        if (!u.may(needed)) {
            throw new UserError(u.login() + " is a " + u.role().typed() + " and may not do this ("
                    + needed.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        }
        return u;
    }

    /**
     * The user named by {@code login} after their password, whatever their role: for a command
     * whose rule depends on more than one permission and which says itself what is refused.
     */
    User authenticated(Users users, String login) {
        if (login == null) {
            throw new UserError("Name the user doing this: --as LOGIN");
        }
        return authenticated(users, login, password("Password of " + login));
    }

    private static User authenticated(Users users, String login, char[] password) {
        LoginResult r = users.authenticate(login, password);
        if (r instanceof LoginResult.Refused refused) {
            throw new UserError(switch (refused.reason()) {
                case LOCKED -> login + " is locked until " + refused.lockedUntil() + " after too many wrong passwords";
                case DISABLED -> login + " is disabled";
                case WRONG_LOGIN_OR_PASSWORD -> "Wrong login or password for " + login + " ("
                        + refused.attemptsLeft() + " attempts left before the account locks)";
            });
        }
        return ((LoginResult.Success) r).user();
    }
}
