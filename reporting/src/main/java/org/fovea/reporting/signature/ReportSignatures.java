package org.fovea.reporting.signature;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportVersion;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.store.JdbcReports;
import org.fovea.reporting.store.JdbcSignOffs;
import org.fovea.reporting.store.Versions;
import org.fovea.reporting.workflow.Transition;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The signatures of reports (P3): made at each signed sign-off step with the signer's unlocked
 * key, over {@link Canonical} of the version the step produced; checked when a report opens and by
 * {@code ./fovea report verify}; written out with their content and certificates so OpenSSL can
 * check them without Fovea.
 */
public final class ReportSignatures {

    /** One stored signature and what checking it found. */
    public record Checked(int version, int level, String action, String login, Algorithm algorithm, Cms.Check check,
                          String problem) {

        public boolean valid() {
            return problem == null;
        }
    }

    /** A report's signatures checked, and whether its current text is the text last signed. */
    public record Verification(long reportId, List<Checked> signatures, List<String> problems) {

        public boolean valid() {
            return problems.isEmpty() && signatures.stream().allMatch(Checked::valid);
        }
    }

    private final DataSource db;
    private final SigningKeys keys;

    public ReportSignatures(ReportingDatabase database) {
        this.db = database.dataSource();
        this.keys = new SigningKeys(database);
    }

    /** What signs at each signed sign-off step: the user's key, already unlocked with their password. */
    public static JdbcSignOffs.Signer signer(Keys.KeyAndChain key) {
        return (Connection c, Report version, User user, Transition step) -> {
            ReportVersion v = Versions.of(version, user.login(), step.workstation());
            byte[] content = Canonical.of(version.id(), version.study(), v, step.action().name(), step.level(), user.login());
            byte[] cms;
            try {
                cms = Cms.sign(content, key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot sign report " + version.id() + ": " + e.getMessage(), e);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_signatures (report_id, version, level,"
                    + " action, login, algorithm, cms, signed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, version.id());
                ps.setInt(2, version.version());
                ps.setInt(3, step.level());
                ps.setString(4, step.action().name());
                ps.setString(5, user.login());
                ps.setString(6, key.key().getAlgorithm().equals("RSA") ? Algorithm.RSA.name() : Algorithm.SM2.name());
                ps.setBytes(7, cms);
                ps.setLong(8, step.at().toEpochMilli());
                ps.executeUpdate();
            }
        };
    }

    /** What signs an addendum: the user's unlocked key over {@link Canonical#addendum}. */
    public static JdbcSignOffs.AddendumSigner addendumSigner(Keys.KeyAndChain key) {
        return new JdbcSignOffs.AddendumSigner() {
            @Override
            public byte[] sign(long reportId, org.fovea.reporting.StudyRef study, int version, int seq, String text,
                               String login) {
                try {
                    return Cms.sign(Canonical.addendum(reportId, study, version, seq, text, login), key);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("Cannot sign the addendum: " + e.getMessage(), e);
                }
            }

            @Override
            public String algorithm() {
                return key.key().getAlgorithm().equals("RSA") ? Algorithm.RSA.name() : Algorithm.SM2.name();
            }
        };
    }

    private record Stored(int version, int level, String action, String login, Algorithm algorithm, byte[] cms) {
    }

    private List<Stored> stored(long reportId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT version, level, action,"
                + " login, algorithm, cms FROM report_signatures WHERE report_id = ? ORDER BY id")) {
            ps.setLong(1, reportId);
            List<Stored> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            Algorithm.valueOf(rs.getString(5)), rs.getBytes(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the signatures of report " + reportId + ": " + e.getMessage(), e);
        }
    }

    /**
     * One sign-off signature as it travels (the center returns it to the requesting hospital):
     * the exact bytes signed ({@link Canonical#of}) and the detached CMS over them.
     */
    public record Signed(int version, int level, String action, String login, byte[] content, byte[] cms) {
    }

    /**
     * Every sign-off signature of a report, oldest first, each with the content it covers rebuilt
     * from the stored version.
     *
     * @throws IllegalStateException when the report or a version a signature covers is gone
     */
    public List<Signed> signed(long reportId) {
        JdbcReports reports = new JdbcReports(db);
        Report r = reports.find(reportId).orElseThrow(() -> new IllegalStateException("there is no report " + reportId));
        List<ReportVersion> versions = reports.versions(reportId);
        List<Signed> out = new ArrayList<>();
        for (Stored s : stored(reportId)) {
            ReportVersion v = versions.stream().filter(x -> x.version() == s.version()).findFirst().orElseThrow(
                    () -> new IllegalStateException("version " + s.version() + " of report " + reportId + " is gone"));
            out.add(new Signed(s.version(), s.level(), s.action(), s.login(),
                    Canonical.of(reportId, r.study(), v, s.action(), s.level(), s.login()), s.cms()));
        }
        return out;
    }

    /** The ids of every report with at least one signature. */
    public List<Long> signedReports() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT report_id FROM report_signatures ORDER BY report_id");
             ResultSet rs = ps.executeQuery()) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the signed reports: " + e.getMessage(), e);
        }
    }

    /**
     * Checks every signature of a report against the versions it covers, rebuilt from the
     * database, and that a final report's current text is the version last signed: a report
     * edited in the database outside Fovea fails here.
     */
    public Verification verify(long reportId) {
        JdbcReports reports = new JdbcReports(db);
        Optional<Report> current = reports.find(reportId);
        List<String> problems = new ArrayList<>();
        if (current.isEmpty()) {
            return new Verification(reportId, List.of(), List.of("there is no report " + reportId));
        }
        Report r = current.get();
        List<ReportVersion> versions = reports.versions(reportId);
        List<X509Certificate> trusted = keys.trustAnchors();
        List<Checked> out = new ArrayList<>();
        int lastSigned = 0;
        for (Stored s : stored(reportId)) {
            Optional<ReportVersion> v = versions.stream().filter(x -> x.version() == s.version()).findFirst();
            if (v.isEmpty()) {
                out.add(new Checked(s.version(), s.level(), s.action(), s.login(), s.algorithm(), null,
                        "version " + s.version() + " it signed is gone"));
                continue;
            }
            byte[] content = Canonical.of(reportId, r.study(), v.get(), s.action(), s.level(), s.login());
            Cms.Check check = Cms.verify(content, s.cms(), trusted);
            String problem = !check.valid() ? check.problem()
                    : !check.signerLogin().equals(s.login()) ? "signed with the certificate of " + check.signerLogin()
                    + ", recorded as " + s.login() : null;
            out.add(new Checked(s.version(), s.level(), s.action(), s.login(), s.algorithm(), check, problem));
            lastSigned = Math.max(lastSigned, s.version());
        }
        for (JdbcSignOffs.SignedAddendum a : new JdbcSignOffs(db, java.time.Clock.systemUTC(), null).addenda(reportId)) {
            byte[] content = Canonical.addendum(reportId, r.study(), a.addendum().version(), a.addendum().seq(),
                    a.addendum().text(), a.addendum().login());
            Cms.Check check = Cms.verify(content, a.cms(), trusted);
            String problem = !check.valid() ? check.problem()
                    : !check.signerLogin().equals(a.addendum().login()) ? "signed with the certificate of "
                    + check.signerLogin() + ", recorded as " + a.addendum().login() : null;
            out.add(new Checked(a.addendum().version(), 0, "ADDENDUM " + a.addendum().seq(), a.addendum().login(),
                    Algorithm.valueOf(a.algorithm()), check, problem));
        }
        if (r.status() == ReportStatus.FINAL) {
            Optional<ReportVersion> signedVersion = versions.stream().filter(x -> x.version() == r.version()).findFirst();
            ReportVersion now = Versions.of(r, "", "");
            if (out.isEmpty()) {
                problems.add("the report is final but carries no signature");
            } else if (r.version() != lastSigned || signedVersion.isEmpty() || !sameContent(now, signedVersion.get())) {
                problems.add("the report's text is not the text that was signed (version " + lastSigned + ")");
            }
        }
        return new Verification(reportId, out, problems);
    }

    private static boolean sameContent(ReportVersion a, ReportVersion b) {
        return a.status() == b.status() && a.findings().equals(b.findings()) && a.impression().equals(b.impression())
                && a.fields().equals(b.fields()) && a.measurements().equals(b.measurements())
                && a.imageHashes().equals(b.imageHashes());
    }

    /**
     * Writes what a third party needs to check a report's signatures without Fovea: for each
     * signature its content ({@code .json}, the exact signed bytes) and its CMS ({@code .p7s},
     * DER), each signer's certificate chain ({@code <login>.pem}) and the trusted CAs
     * ({@code ca.pem}).
     *
     * @return the files written
     */
    public List<Path> export(long reportId, Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Report r = new JdbcReports(db).find(reportId).orElseThrow(() -> new IOException("There is no report " + reportId));
        List<Signed> signed;
        try {
            signed = signed(reportId);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<Path> out = new ArrayList<>();
        for (Signed s : signed) {
            String base = "report-" + reportId + "-v" + s.version() + "-level" + s.level() + "-" + s.login();
            Path json = dir.resolve(base + ".json");
            Files.write(json, s.content());
            Path p7s = dir.resolve(base + ".p7s");
            Files.write(p7s, s.cms());
            out.add(json);
            out.add(p7s);
            Cms.Check check = Cms.verify(Files.readAllBytes(json), s.cms(), keys.trustAnchors());
            Path pem = dir.resolve(s.login() + ".pem");
            StringBuilder chain = new StringBuilder();
            for (X509Certificate c : check.chain()) {
                chain.append(Keys.pem(c));
            }
            Files.writeString(pem, chain.toString(), StandardCharsets.US_ASCII);
            if (!out.contains(pem)) {
                out.add(pem);
            }
        }
        for (JdbcSignOffs.SignedAddendum a : new JdbcSignOffs(db, java.time.Clock.systemUTC(), null).addenda(reportId)) {
            String base = "report-" + reportId + "-addendum" + a.addendum().seq() + "-" + a.addendum().login();
            Path json = dir.resolve(base + ".json");
            Files.write(json, Canonical.addendum(reportId, r.study(), a.addendum().version(), a.addendum().seq(),
                    a.addendum().text(), a.addendum().login()));
            Path p7s = dir.resolve(base + ".p7s");
            Files.write(p7s, a.cms());
            out.add(json);
            out.add(p7s);
        }
        StringBuilder ca = new StringBuilder();
        for (X509Certificate c : keys.trustAnchors()) {
            ca.append(Keys.pem(c));
        }
        Path caPem = dir.resolve("ca.pem");
        Files.writeString(caPem, ca.toString(), StandardCharsets.US_ASCII);
        out.add(caPem);
        return out;
    }

    /** When a signature was made, as its CMS says. */
    public static Instant signingTime(Checked c) {
        return c.check() == null ? null : c.check().signingTime();
    }
}
