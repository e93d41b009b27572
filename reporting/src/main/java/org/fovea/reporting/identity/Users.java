package org.fovea.reporting.identity;

import org.fovea.reporting.ReportingDatabase;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The department's users in its database (H2 or PostgreSQL): created and changed by an
 * administrator, and logged in with their password. Five wrong passwords in a row lock an account
 * for fifteen minutes; the count is kept in the database, so trying on another workstation of the
 * department does not start it again, and it is raised in one statement, so two workstations
 * guessing at once still count every guess.
 */
public final class Users {

    public static final int MAX_FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** Verified when the login is unknown, so an unknown login takes as long as a wrong password. */
    private static final String DUMMY_HASH = Passwords.hash("not-a-password-1".toCharArray());

    private final DataSource db;
    private final Clock clock;

    public Users(ReportingDatabase database) {
        this(database.dataSource(), Clock.systemUTC());
    }

    public Users(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Logins are case-insensitive and kept in lower case: "Zhang" and "zhang" are one user. */
    public static String normalise(String login) {
        return login.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A new user.
     *
     * @throws IdentityException when the login is taken or malformed, or the password too weak
     */
    public User create(String login, String displayName, Role role, char[] password) {
        String l = normalise(login);
        if (!l.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new IdentityException("A login is 2 to 64 letters, digits, '.', '_' or '-': \"" + login + "\"");
        }
        if (displayName.isBlank()) {
            throw new IdentityException("User " + l + " needs a name, as it will be shown and signed");
        }
        requireStrong(password);
        long now = clock.millis();
        try (Connection c = db.getConnection()) {
            if (find(c, l).isPresent()) {
                throw new IdentityException("There is already a user " + l);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (login, display_name, role, password_hash,"
                    + " active, failed_logins, locked_until_ms, created_ms, updated_ms) VALUES (?, ?, ?, ?, TRUE, 0, 0, ?, ?)")) {
                ps.setString(1, l);
                ps.setString(2, displayName.strip());
                ps.setString(3, role.name());
                ps.setString(4, Passwords.hash(password));
                ps.setLong(5, now);
                ps.setLong(6, now);
                ps.executeUpdate();
            }
            return find(c, l).orElseThrow();
        } catch (SQLException e) {
            // a second workstation creating the same login between the check and the insert
            throw new IdentityException("Cannot create user " + l + ": " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    public Optional<User> find(String login) {
        try (Connection c = db.getConnection()) {
            return find(c, normalise(login));
        } catch (SQLException e) {
            throw failed("find user " + login, e);
        }
    }

    /** Every user, by login. */
    public List<User> list() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY login");
             ResultSet rs = ps.executeQuery()) {
            List<User> out = new ArrayList<>();
            while (rs.next()) {
                out.add(user(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failed("list the users", e);
        }
    }

    /** Whether any active administrator exists (until one does, the first may be created freely). */
    public boolean hasAdministrator() {
        return list().stream().anyMatch(u -> u.active() && u.role() == Role.ADMINISTRATOR);
    }

    /**
     * A login attempt. A right password clears the count of wrong ones; a wrong one raises it, and
     * the fifth in a row locks the account for {@link #LOCKOUT}. A locked or disabled account is
     * refused without looking at the password.
     */
    public LoginResult authenticate(String login, char[] password) {
        String l = normalise(login);
        try (Connection c = db.getConnection()) {
            Optional<User> found = find(c, l);
            if (found.isEmpty()) {
                Passwords.verify(password, DUMMY_HASH);
                return new LoginResult.Refused(LoginResult.Reason.WRONG_LOGIN_OR_PASSWORD, MAX_FAILURES, Instant.EPOCH);
            }
            User u = found.get();
            Instant now = clock.instant();
            if (!u.active()) {
                return new LoginResult.Refused(LoginResult.Reason.DISABLED, 0, Instant.EPOCH);
            }
            if (u.lockedAt(now)) {
                return new LoginResult.Refused(LoginResult.Reason.LOCKED, 0, u.lockedUntil());
            }
            String hash = hashOf(c, u.id());
            if (Passwords.verify(password, hash)) {
                update(c, "UPDATE users SET failed_logins = 0, locked_until_ms = 0 WHERE id = ?", u.id());
                return new LoginResult.Success(find(c, l).orElseThrow());
            }
            // a lock that has run out starts the count again
            boolean expired = u.failedLogins() >= MAX_FAILURES;
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET failed_logins = "
                    + (expired ? "1" : "failed_logins + 1") + ", locked_until_ms = CASE WHEN "
                    + (expired ? "1" : "failed_logins + 1") + " >= ? THEN ? ELSE locked_until_ms END WHERE id = ?")) {
                ps.setInt(1, MAX_FAILURES);
                ps.setLong(2, now.plus(LOCKOUT).toEpochMilli());
                ps.setLong(3, u.id());
                ps.executeUpdate();
            }
            User after = find(c, l).orElseThrow();
            if (after.lockedAt(now)) {
                return new LoginResult.Refused(LoginResult.Reason.LOCKED, 0, after.lockedUntil());
            }
            return new LoginResult.Refused(LoginResult.Reason.WRONG_LOGIN_OR_PASSWORD,
                    MAX_FAILURES - after.failedLogins(), Instant.EPOCH);
        } catch (SQLException e) {
            throw failed("log in " + l, e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Sets a new password (the administrator, or the user after logging in). */
    public void changePassword(String login, char[] password) {
        try {
            requireStrong(password);
            set(login, "password_hash = ?", Passwords.hash(password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    public void setRole(String login, Role role) {
        if (role != Role.ADMINISTRATOR) {
            requireAnotherAdministrator(login);
        }
        set(login, "role = ?", role.name());
    }

    public void setDisplayName(String login, String name) {
        if (name.isBlank()) {
            throw new IdentityException("A name cannot be empty");
        }
        set(login, "display_name = ?", name.strip());
    }

    /** Disables an account (it stays, with its history and signatures) or enables it again. */
    public void setActive(String login, boolean active) {
        if (!active) {
            requireAnotherAdministrator(login);
        }
        set(login, "active = ?", active);
    }

    /** Lifts a lockout before it runs out. */
    public void unlock(String login) {
        set(login, "failed_logins = 0, locked_until_ms = ?", 0L);
    }

    /** The department never loses its last administrator: nobody could manage users again. */
    private void requireAnotherAdministrator(String login) {
        String l = normalise(login);
        boolean other = list().stream().anyMatch(u -> u.active() && u.role() == Role.ADMINISTRATOR
                && !u.login().equals(l));
        Optional<User> self = find(l);
        if (self.isPresent() && self.get().role() == Role.ADMINISTRATOR && !other) {
            throw new IdentityException(l + " is the last administrator; make another one first");
        }
    }

    private void set(String login, String assignment, Object value) {
        String l = normalise(login);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE users SET " + assignment + ", updated_ms = ? WHERE login = ?")) {
            ps.setObject(1, value);
            ps.setLong(2, clock.millis());
            ps.setString(3, l);
            if (ps.executeUpdate() == 0) {
                throw new IdentityException("There is no user " + l);
            }
        } catch (SQLException e) {
            throw failed("change user " + l, e);
        }
    }

    private static void requireStrong(char[] password) {
        String weakness = Passwords.weakness(password);
        if (weakness != null) {
            throw new IdentityException("Password refused: " + weakness);
        }
    }

    private static final String SELECT = "SELECT id, login, display_name, role, active, failed_logins, locked_until_ms FROM users";

    private static Optional<User> find(Connection c, String login) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE login = ?")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    private static String hashOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)), rs.getBoolean(5),
                rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)));
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("Cannot " + what + " in the department database: " + e.getMessage(), e);
    }
}
