package org.fovea.reporting.signature;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.identity.User;

import javax.sql.DataSource;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The department's CA and its users' signing keys, kept in the department database as
 * password-protected PKCS#12 keystores: the administrator creates the CA (RSA or SM2) and issues
 * each user a key and certificate protected by that user's password, or imports a key the
 * hospital's CA issued (PKCS#12); a user unlocks their key with their password to sign.
 */
public final class SigningKeys {

    private final DataSource db;
    private final Clock clock;

    public SigningKeys(ReportingDatabase database) {
        this(database.dataSource(), Clock.systemUTC());
    }

    public SigningKeys(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates the department CA; refused when there already is one. */
    public X509Certificate createCa(Algorithm a, String name, char[] caPassword, Actor by) throws GeneralSecurityException {
        if (caPassword.length < 8) {
            throw new GeneralSecurityException("The CA's password needs at least 8 characters");
        }
        Keys.KeyAndChain ca = Keys.selfSignedCa(a, name);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (caCertificate(c).isPresent()) {
                    throw new GeneralSecurityException("The department already has a CA");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO department_ca (id, algorithm, keystore,"
                        + " certificate, created_ms) VALUES (1, ?, ?, ?, ?)")) {
                    ps.setString(1, a.name());
                    ps.setBytes(2, Keys.keystore(ca, caPassword));
                    ps.setBytes(3, ca.certificate().getEncoded());
                    ps.setLong(4, clock.millis());
                    ps.executeUpdate();
                }
                new AuditLog(db, clock).append(c, by, AuditAction.SETTINGS_CHANGED, "ca", name, a.name());
                c.commit();
                return ca.certificate();
            } catch (SQLException | GeneralSecurityException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the CA: " + e.getMessage(), e);
        } finally {
            Arrays.fill(caPassword, '\0');
        }
    }

    public Optional<X509Certificate> caCertificate() {
        try (Connection c = db.getConnection()) {
            return caCertificate(c);
        } catch (SQLException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the CA: " + e.getMessage(), e);
        }
    }

    /** Issues {@code user} a key pair and certificate from the CA, their keystore under their password. */
    public X509Certificate issue(User user, Algorithm a, char[] caPassword, char[] userPassword, Actor by)
            throws GeneralSecurityException {
        Keys.KeyAndChain ca = Keys.open(caKeystore(), caPassword);
        Keys.KeyAndChain k = Keys.issue(ca, a, user.login(), user.displayName());
        store(user.login(), a, Keys.keystore(k, userPassword), k.chain(), by, "issued " + a.name());
        return k.certificate();
    }

    /** Takes a user's key and certificate issued by the hospital's CA (PKCS#12), kept under their password. */
    public X509Certificate importKey(User user, byte[] pkcs12, char[] filePassword, char[] userPassword, Actor by)
            throws GeneralSecurityException {
        Keys.KeyAndChain k = Keys.open(pkcs12, filePassword);
        Algorithm a = k.key().getAlgorithm().equals("RSA") ? Algorithm.RSA : Algorithm.SM2;
        store(user.login(), a, Keys.keystore(k, userPassword), k.chain(), by, "imported, issued by "
                + k.certificate().getIssuerX500Principal().getName());
        return k.certificate();
    }

    /**
     * The user's key, unlocked with their password.
     *
     * @throws GeneralSecurityException when they have no key yet or the password does not open it
     */
    public Keys.KeyAndChain unlock(String login, char[] password) throws GeneralSecurityException {
        byte[] ks = row("SELECT keystore FROM user_keys WHERE login = ?", login)
                .orElseThrow(() -> new GeneralSecurityException(login + " has no signing key yet: an administrator issues"
                        + " one (./fovea user --as ADMIN key issue LOGIN) or imports the hospital's"));
        try {
            return Keys.open(ks, password);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("The signing key of " + login + " does not open with that password", e);
        }
    }

    public Optional<X509Certificate> certificate(String login) throws GeneralSecurityException {
        Optional<byte[]> der = row("SELECT certificate FROM user_keys WHERE login = ?", login);
        return der.isEmpty() ? Optional.empty() : Optional.of(Keys.certificate(der.get()));
    }

    /** The CAs a signature may chain to: the department's, and the issuers of imported keys. */
    public List<X509Certificate> trustAnchors() {
        List<X509Certificate> out = new ArrayList<>();
        caCertificate().ifPresent(out::add);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT chain_pem FROM user_keys");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<X509Certificate> chain = Keys.certificates(rs.getString(1));
                if (chain.size() > 1) {
                    out.add(chain.get(chain.size() - 1));
                }
            }
        } catch (SQLException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the signing keys: " + e.getMessage(), e);
        }
        return out.stream().distinct().toList();
    }

    private byte[] caKeystore() throws GeneralSecurityException {
        return row("SELECT keystore FROM department_ca WHERE id = 1", null).orElseThrow(
                () -> new GeneralSecurityException("The department has no CA yet: an administrator creates it"));
    }

    private void store(String login, Algorithm a, byte[] keystore, X509Certificate[] chain, Actor by, String detail)
            throws GeneralSecurityException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM user_keys WHERE login = ?")) {
                    del.setString(1, login);
                    del.executeUpdate();
                }
                StringBuilder pem = new StringBuilder();
                for (X509Certificate x : chain) {
                    pem.append(Keys.pem(x));
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_keys (login, algorithm, keystore,"
                        + " certificate, chain_pem, issued_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, login);
                    ps.setString(2, a.name());
                    ps.setBytes(3, keystore);
                    ps.setBytes(4, chain[0].getEncoded());
                    ps.setString(5, pem.toString());
                    ps.setLong(6, clock.millis());
                    ps.executeUpdate();
                }
                new AuditLog(db, clock).append(c, by, AuditAction.USER_CHANGED, "user", login, "signing key " + detail);
                c.commit();
            } catch (SQLException | GeneralSecurityException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the signing key of " + login + ": " + e.getMessage(), e);
        }
    }

    private Optional<byte[]> row(String sql, String arg) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the signing keys: " + e.getMessage(), e);
        }
    }

    private static Optional<X509Certificate> caCertificate(Connection c) throws SQLException, GeneralSecurityException {
        try (PreparedStatement ps = c.prepareStatement("SELECT certificate FROM department_ca WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(Keys.certificate(rs.getBytes(1))) : Optional.empty();
        }
    }
}
