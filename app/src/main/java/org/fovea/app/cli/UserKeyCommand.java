package org.fovea.app.cli;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.Algorithm;
import org.fovea.reporting.signature.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

/**
 * {@code ./fovea user --as ADMIN key ca|issue|import ...}: the department CA and the users'
 * signing keys. Passwords are asked in order (console without echo, or one per line on standard
 * input): the administrator's, then the CA's, then the user's own (which protects their key; the
 * user types it, or sets it later by changing their password with the key re-issued).
 */
@Command(name = "key", description = "The department CA and the users' signing keys (an administrator's work).",
        subcommands = {UserKeyCommand.Ca.class, UserKeyCommand.Issue.class, UserKeyCommand.Import.class})
final class UserKeyCommand implements Callable<Integer> {

    @ParentCommand
    UserCommand user;

    @Override
    public Integer call() {
        user.spec.commandLine().getSubcommands().get("key").usage(user.out());
        return 0;
    }

    /** Runs {@code work} as the administrator named by the parent's --as, after their password. */
    <T> T asAdministrator(KeyWork<T> work) {
        try (ReportingDatabase db = ReportingDatabase.forHome(user.parent.home())) {
            User admin = user.cli.require(new Users(db), user.as, Permission.MANAGE_SETTINGS);
            return work.run(db, new Users(db), new SigningKeys(db), Actor.here(admin.login()));
        } catch (GeneralSecurityException e) {
            throw new UserError(e.getMessage());
        } catch (java.io.IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    interface KeyWork<T> {
        T run(ReportingDatabase db, Users users, SigningKeys keys, Actor admin) throws GeneralSecurityException,
                java.io.IOException;
    }

    static String describe(X509Certificate c) {
        return c.getSubjectX500Principal().getName() + ", issued by " + c.getIssuerX500Principal().getName()
                + ", valid until " + c.getNotAfter().toInstant();
    }

    @Command(name = "ca", description = "Create the department CA (asks the password that will protect it).")
    static final class Ca implements Callable<Integer> {
        @ParentCommand
        UserKeyCommand key;
        @Option(names = "--algorithm", defaultValue = "RSA", description = "RSA or SM2")
        String algorithm;
        @Option(names = "--name", required = true, description = "e.g. \"某某医院放射科 CA\"")
        String name;

        @Override
        public Integer call() {
            Algorithm a = parse(algorithm);
            X509Certificate c = key.asAdministrator((db, users, keys, admin) ->
                    keys.createCa(a, name, key.user.cli.newPassword("the CA"), admin));
            key.user.out().println("Created the department CA: " + describe(c));
            key.user.out().flush();
            return 0;
        }
    }

    @Command(name = "issue", description = "Issue a user a signing key and certificate from the department CA.")
    static final class Issue implements Callable<Integer> {
        @ParentCommand
        UserKeyCommand key;
        @Parameters(paramLabel = "LOGIN")
        String login;
        @Option(names = "--algorithm", defaultValue = "RSA", description = "RSA or SM2")
        String algorithm;

        @Override
        public Integer call() {
            Algorithm a = parse(algorithm);
            X509Certificate c = key.asAdministrator((db, users, keys, admin) -> {
                User u = users.find(login).orElseThrow(() -> new UserError("There is no user " + login));
                return keys.issue(u, a, key.user.cli.password("Password of the CA"),
                        key.user.cli.password("Password of " + u.login() + " (protects their key)"), admin);
            });
            key.user.out().println("Issued " + Users.normalise(login) + " a " + a + " key: " + describe(c));
            key.user.out().flush();
            return 0;
        }
    }

    @Command(name = "import", description = "Take a user's key from the hospital's CA (a PKCS#12 file).")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        UserKeyCommand key;
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;
        @Parameters(index = "1", paramLabel = "FILE.p12")
        Path file;

        @Override
        public Integer call() {
            X509Certificate c = key.asAdministrator((db, users, keys, admin) -> {
                User u = users.find(login).orElseThrow(() -> new UserError("There is no user " + login));
                return keys.importKey(u, Files.readAllBytes(file), key.user.cli.password("Password of " + file.getFileName()),
                        key.user.cli.password("Password of " + u.login() + " (protects their key)"), admin);
            });
            key.user.out().println("Imported the key of " + Users.normalise(login) + ": " + describe(c));
            key.user.out().flush();
            return 0;
        }
    }

    static Algorithm parse(String text) {
        try {
            return Algorithm.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
