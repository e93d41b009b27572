package org.fovea.center.server;

import org.fovea.center.Role;
import org.fovea.reporting.identity.Passwords;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The center's hospitals and accounts, and workstations' sessions. A workstation logs in once
 * with its user's password (Argon2id, as the department's users: {@link Passwords}) and then
 * sends the session's token with every call, so a call costs one indexed lookup rather than a
 * memory-hard hash. Tokens are stored only as their SHA-256, so the database does not hold a
 * usable credential.
 */
public final class Accounts {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource db;

    public Accounts(DataSource db) {
        this.db = db;
    }

    /** Adds a hospital (or the center itself); returns its id. */
    public long addHospital(String code, String name, boolean center) {
        return Jdbc.insert(db, "INSERT INTO hospitals (code, name, is_center) VALUES (?, ?, ?)", code, name, center);
    }

    /** Adds an account of a hospital (by code); returns its id. */
    public long addAccount(String hospitalCode, String login, String name, Role role, String group, char[] password) {
        long hospital = Jdbc.queryLong(db, "SELECT id FROM hospitals WHERE code = ?", hospitalCode)
                .orElseThrow(() -> new IllegalArgumentException("no hospital " + hospitalCode));
        return Jdbc.insert(db, "INSERT INTO accounts (hospital_id, login, display_name, role, expert_group, "
                + "password_hash) VALUES (?, ?, ?, ?, ?, ?)", hospital, login, name, role.name(),
                group == null ? "" : group, Passwords.hash(password));
    }

    /** A hospital as the administrator lists it. */
    public record Hospital(String code, String name, boolean center, int accounts) {
    }

    /** An account as the administrator lists it (never its password). */
    public record Listed(String hospital, String login, String name, Role role, String group, int level,
                         boolean active) {
    }

    public java.util.List<Hospital> hospitals() {
        return Jdbc.query(db, "SELECT h.code, h.name, h.is_center, (SELECT COUNT(*) FROM accounts a WHERE a.hospital_id "
                + "= h.id) FROM hospitals h ORDER BY h.is_center DESC, h.code", rs -> new Hospital(rs.getString(1),
                rs.getString(2), rs.getBoolean(3), rs.getInt(4)));
    }

    public java.util.List<Listed> accounts() {
        return Jdbc.query(db, "SELECT h.code, a.login, a.display_name, a.role, a.expert_group, a.expert_level, a.active "
                + "FROM accounts a JOIN hospitals h ON h.id = a.hospital_id ORDER BY h.code, a.login",
                rs -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getInt(6), rs.getBoolean(7)));
    }

    /** A new session for a login and password, or empty when they do not match an active account. */
    public Optional<Session> logIn(String login, char[] password, String workstation, Duration lifetime) {
        Optional<Account> account;
        String hash;
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT_ACCOUNT + " WHERE a.login = ? AND a.active")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // as long as a wrong password, so a login's existence does not show in the time taken
                    Passwords.verify(password, DUMMY_HASH);
                    return Optional.empty();
                }
                account = Optional.of(account(rs));
                hash = rs.getString("password_hash");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database cannot be read: " + e.getMessage(), e);
        }
        if (!Passwords.verify(password, hash)) {
            return Optional.empty();
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = Instant.now();
        Instant expires = now.plus(lifetime);
        Jdbc.update(db, "INSERT INTO sessions (token_hash, account_id, workstation, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", sha256(token), account.get().id(), workstation, Timestamp.from(now),
                Timestamp.from(expires));
        return Optional.of(new Session(token, account.get(), workstation, expires));
    }

    /** The session a token opened, while it lasts. */
    public Optional<Session> session(String token) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT_ACCOUNT.replace("SELECT ", "SELECT s.workstation, "
                     + "s.expires_at, ") + " JOIN sessions s ON s.account_id = a.id WHERE s.token_hash = ? "
                     + "AND s.expires_at > ? AND a.active")) {
            ps.setString(1, sha256(token));
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Session(token, account(rs), rs.getString("workstation"),
                        rs.getTimestamp("expires_at").toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database cannot be read: " + e.getMessage(), e);
        }
    }

    /** A workstation's session: its token (shown once, to the workstation), account and expiry. */
    public record Session(String token, Account account, String workstation, Instant expiresAt) {
    }

    private static final String SELECT_ACCOUNT = "SELECT a.id, a.hospital_id, h.code, a.login, a.display_name, "
            + "a.role, a.expert_group, a.password_hash FROM accounts a JOIN hospitals h ON h.id = a.hospital_id";

    private static final String DUMMY_HASH = Passwords.hash("not a password of anyone".toCharArray());

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getLong("hospital_id"), rs.getString("code"), rs.getString("login"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getString("expert_group"));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
