package org.fovea.reporting.store;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportConflictException;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.workflow.SignOff;
import org.fovea.reporting.workflow.SignOffAction;
import org.fovea.reporting.workflow.SignOffPolicy;
import org.fovea.reporting.workflow.SignOffRefused;
import org.fovea.reporting.workflow.SignOffState;
import org.fovea.reporting.workflow.Transition;
import org.fovea.reporting.workflow.Turnaround;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Sign-off steps taken in the department database. Each step is one transaction: the report's
 * status and signers move on only if nobody else moved them since the caller read the report
 * (its version), so of two reviewers approving at the same moment exactly one succeeds and the
 * other is told who was first; the new version, the step, its audit record and (when a signer is
 * given) the signature are committed with it or not at all.
 */
public final class JdbcSignOffs {

    /** What signs a version at a sign-off step, inside the step's transaction. */
    public interface Signer {
        void sign(Connection c, Report version, User user, Transition step) throws SQLException;
    }

    /** What signs an addendum: its canonical form, made and signed by the signature package. */
    public interface AddendumSigner {
        byte[] sign(long reportId, org.fovea.reporting.StudyRef study, int version, int seq, String text, String login);

        String algorithm();
    }

    private static final String POLICY = "signoff";
    private static final String TURNAROUND = "turnaround";

    private final DataSource db;
    private final Clock clock;
    private final Signer signer;

    public JdbcSignOffs(ReportingDatabase database, Signer signer) {
        this(database.dataSource(), Clock.systemUTC(), signer);
    }

    public JdbcSignOffs(DataSource db, Clock clock, Signer signer) {
        this.db = db;
        this.clock = clock;
        this.signer = signer;
    }

    public SignOffPolicy policy() {
        return new DepartmentSettings(db, clock).get(POLICY, SignOffPolicy.class, SignOffPolicy.DEFAULT);
    }

    /** Sets the department's sign-off levels (an administrator's change, audited). */
    public void setPolicy(SignOffPolicy policy, Actor by) {
        new DepartmentSettings(db, clock).put(POLICY, policy, by);
    }

    /** The department's turnaround deadlines by priority (P12). */
    public Turnaround turnaround() {
        return new DepartmentSettings(db, clock).get(TURNAROUND, Turnaround.class, Turnaround.DEFAULT);
    }

    public void setTurnaround(Turnaround t, Actor by) {
        new DepartmentSettings(db, clock).put(TURNAROUND, t, by);
    }

    public SignOffState state(long reportId) {
        try (Connection c = db.getConnection()) {
            return state(c, reportId);
        } catch (SQLException e) {
            throw JdbcReports.failed("read the sign-off of report " + reportId, e);
        }
    }

    /**
     * Whether {@code user} may take the step now, or why not, without taking it (so a signature's
     * key is opened only for a step the rules allow).
     */
    public void check(long reportId, User user, SignOffAction action, String reason) throws SignOffRefused {
        SignOffState s = state(reportId);
        Report r = new JdbcReports(db).find(reportId).orElseThrow(
                () -> new IllegalArgumentException("There is no report " + reportId));
        int levels = s.levels() > 0 ? s.levels() : policy().levelsFor(r.study().modality(), r.study().examItem());
        SignOff.apply(s, user, action, levels, action == SignOffAction.ADDENDUM ? null : reason);
        if (action == SignOffAction.SUBMIT || action == SignOffAction.APPROVE) {
            requireFields(r);
        }
    }

    /** Whether {@code user} may change the report's text now, or why not. */
    public void checkEdit(long reportId, User user) throws SignOffRefused {
        SignOffState s = state(reportId);
        SignOff.apply(s, user, SignOffAction.EDIT, Math.max(1, s.levels()), null);
    }

    /**
     * Takes a step on the report as {@code user} saw it ({@code seenVersion}).
     *
     * @return the report after the step (a new version)
     * @throws SignOffRefused          when the rules do not allow it, with the reason
     * @throws ReportConflictException when the report changed since it was read, naming who changed it
     */
    public Report act(long reportId, int seenVersion, User user, SignOffAction action, String reason,
                      String workstation) throws SignOffRefused, ReportConflictException {
        if (action == SignOffAction.EDIT || action == SignOffAction.ADDENDUM) {
            throw new IllegalArgumentException(action + " is not a step of its own: edits are saves");
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                // the report row locked first: a step racing this one waits, then reads what this one did
                try (PreparedStatement lock = c.prepareStatement("SELECT id FROM reports WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, reportId);
                    lock.executeQuery().close();
                }
                Report before = JdbcReports.load(c, reportId).orElseThrow(
                        () -> new IllegalArgumentException("There is no report " + reportId));
                if (before.version() != seenVersion) {
                    throw changedMeanwhile(c, before, seenVersion);
                }
                SignOffState from = state(c, reportId);
                int levels = policy().levelsFor(before.study().modality(), before.study().examItem());
                SignOffState to = SignOff.apply(from, user, action, levels, reason);
                if (action == SignOffAction.SUBMIT || action == SignOffAction.APPROVE) {
                    requireFields(before);
                }
                Instant now = Instant.ofEpochMilli(clock.millis());
                try (PreparedStatement ps = c.prepareStatement("UPDATE reports SET version = version + 1, status = ?,"
                        + " signoff_levels = ?, signers = ?, corrected = ?, updated_ms = ? WHERE id = ? AND version = ?")) {
                    ps.setString(1, to.status().name());
                    ps.setInt(2, to.levels());
                    ps.setString(3, String.join(",", to.signers()));
                    ps.setBoolean(4, to.corrected());
                    ps.setLong(5, now.toEpochMilli());
                    ps.setLong(6, reportId);
                    ps.setInt(7, seenVersion);
                    if (ps.executeUpdate() != 1) {
                        throw changedMeanwhile(c, before, seenVersion);
                    }
                }
                Report after = JdbcReports.load(c, reportId).orElseThrow();
                Versions.write(c, after, user.login(), workstation);
                int level = action == SignOffAction.SUBMIT || action == SignOffAction.APPROVE ? to.signers().size()
                        : from.nextLevel();
                Transition t = new Transition(reportId, after.version(), action, from.status(), to.status(), level,
                        to.levels(), user.login(), user.displayName(), user.role().name(), workstation,
                        reason == null ? "" : reason.strip(), now);
                insert(c, t);
                new AuditLog(db, clock).append(c, new Actor(user.login(), workstation), audited(action, to),
                        "report", Long.toString(reportId), t.from() + " -> " + t.to()
                                + (t.reason().isEmpty() ? "" : ": " + t.reason()));
                if (signer != null && (action == SignOffAction.SUBMIT || action == SignOffAction.APPROVE)) {
                    signer.sign(c, after, user, t);
                }
                c.commit();
                return after;
            } catch (SQLException | RuntimeException | SignOffRefused | ReportConflictException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcReports.failed(action.name().toLowerCase(java.util.Locale.ROOT) + " report " + reportId, e);
        }
    }

    /**
     * Appends a signed addendum to a final report (its text is never changed after): the rules
     * checked, the addendum, its signature, the step and its audit record in one transaction.
     */
    public org.fovea.reporting.workflow.Addendum addendum(long reportId, User user, String text, String workstation,
                                                          AddendumSigner signer) throws SignOffRefused {
        if (text == null || text.isBlank()) {
            throw new SignOffRefused("An addendum needs its text");
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Report r = JdbcReports.load(c, reportId).orElseThrow(
                        () -> new IllegalArgumentException("There is no report " + reportId));
                SignOffState s = state(c, reportId);
                SignOff.apply(s, user, SignOffAction.ADDENDUM, Math.max(1, s.levels()), null);
                // the report row is the lock: two addenda at once get consecutive numbers
                try (PreparedStatement lock = c.prepareStatement("SELECT id FROM reports WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, reportId);
                    lock.executeQuery().close();
                }
                int seq;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COALESCE(MAX(seq), 0) + 1 FROM report_addenda WHERE report_id = ?")) {
                    ps.setLong(1, reportId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        seq = rs.getInt(1);
                    }
                }
                Instant now = Instant.ofEpochMilli(clock.millis());
                String t = text.strip();
                byte[] cms = signer.sign(reportId, r.study(), r.version(), seq, t, user.login());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_addenda (report_id, seq, version, text,"
                        + " login, user_name, algorithm, cms, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, reportId);
                    ps.setInt(2, seq);
                    ps.setInt(3, r.version());
                    ps.setString(4, t);
                    ps.setString(5, user.login());
                    ps.setString(6, user.displayName());
                    ps.setString(7, signer.algorithm());
                    ps.setBytes(8, cms);
                    ps.setLong(9, now.toEpochMilli());
                    ps.executeUpdate();
                }
                insert(c, new Transition(reportId, r.version(), SignOffAction.ADDENDUM, s.status(), s.status(), 0,
                        s.levels(), user.login(), user.displayName(), user.role().name(), workstation, "addendum " + seq,
                        now));
                new AuditLog(db, clock).append(c, new Actor(user.login(), workstation), AuditAction.ADDENDUM, "report",
                        Long.toString(reportId), "addendum " + seq + ": " + t);
                c.commit();
                return new org.fovea.reporting.workflow.Addendum(reportId, seq, r.version(), t, user.login(),
                        user.displayName(), now);
            } catch (SQLException | RuntimeException | SignOffRefused e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcReports.failed("add an addendum to report " + reportId, e);
        }
    }

    /** A report's addenda, in order, with their signatures (CMS, DER) and algorithms. */
    public List<SignedAddendum> addenda(long reportId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT seq, version, text, login,"
                + " user_name, at_ms, algorithm, cms FROM report_addenda WHERE report_id = ? ORDER BY seq")) {
            ps.setLong(1, reportId);
            List<SignedAddendum> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SignedAddendum(new org.fovea.reporting.workflow.Addendum(reportId, rs.getInt(1),
                            rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Instant.ofEpochMilli(rs.getLong(6))), rs.getString(7), rs.getBytes(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw JdbcReports.failed("read the addenda of report " + reportId, e);
        }
    }

    /** An addendum with its signature. */
    public record SignedAddendum(org.fovea.reporting.workflow.Addendum addendum, String algorithm, byte[] cms) {
    }

    /**
     * The template's rules that apply at signing: a field the template marks required may not be
     * empty; the refusal names it.
     */
    private void requireFields(Report r) throws SignOffRefused {
        if (r.templateId().isEmpty()) {
            return;
        }
        Optional<org.fovea.reporting.template.ReportTemplate> t =
                new org.fovea.reporting.template.TemplateLibrary(db).find(r.templateId());
        if (t.isEmpty()) {
            return;
        }
        for (org.fovea.reporting.template.TemplateField f : t.get().fields()) {
            if (f.required() && r.fields().getOrDefault(f.id(), "").isBlank()) {
                throw new SignOffRefused("\"" + f.label() + "\" is required by the template \"" + t.get().title()
                        + "\": fill it before signing");
            }
        }
    }

    /** The steps of a report, oldest first. */
    public List<Transition> transitions(long reportId) {
        return query(" WHERE report_id = ? ORDER BY id", reportId);
    }

    /** Returns and recalls, newest first, whose reason contains {@code words} (empty: all): P7's search. */
    public List<Transition> returnsAndRecalls(String words) {
        return query(" WHERE action IN ('RETURN', 'RECALL') AND reason LIKE ? ORDER BY at_ms DESC, id DESC",
                "%" + (words == null ? "" : words.strip()) + "%");
    }

    private List<Transition> query(String where, Object arg) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT report_id, version,"
                + " action, from_status, to_status, level, levels, user_login, user_name, user_role, workstation,"
                + " reason, at_ms FROM report_transitions" + where)) {
            ps.setObject(1, arg);
            List<Transition> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Transition(rs.getLong(1), rs.getInt(2), SignOffAction.valueOf(rs.getString(3)),
                            ReportStatus.valueOf(rs.getString(4)), ReportStatus.valueOf(rs.getString(5)), rs.getInt(6),
                            rs.getInt(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getString(12), Instant.ofEpochMilli(rs.getLong(13))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw JdbcReports.failed("read the sign-off steps", e);
        }
    }

    private static AuditAction audited(SignOffAction action, SignOffState to) {
        return switch (action) {
            case ISSUE_PRELIMINARY -> AuditAction.PRELIMINARY_REPORT;
            case SUBMIT -> to.status() == ReportStatus.FINAL ? AuditAction.SIGN_REPORT : AuditAction.SUBMIT_REPORT;
            case APPROVE -> to.status() == ReportStatus.FINAL ? AuditAction.SIGN_REPORT : AuditAction.APPROVE_REPORT;
            case RETURN -> AuditAction.RETURN_REPORT;
            case RECALL -> AuditAction.RECALL_REPORT;
            case EDIT -> AuditAction.SAVE_REPORT;
            case ADDENDUM -> AuditAction.ADDENDUM;
        };
    }

    private static void insert(Connection c, Transition t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_transitions (report_id, version, action,"
                + " from_status, to_status, level, levels, user_login, user_name, user_role, workstation, reason, at_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, t.reportId());
            ps.setInt(2, t.version());
            ps.setString(3, t.action().name());
            ps.setString(4, t.from().name());
            ps.setString(5, t.to().name());
            ps.setInt(6, t.level());
            ps.setInt(7, t.levels());
            ps.setString(8, t.login());
            ps.setString(9, t.name());
            ps.setString(10, t.role());
            ps.setString(11, t.workstation() == null ? "" : t.workstation());
            ps.setString(12, t.reason());
            ps.setLong(13, t.at().toEpochMilli());
            ps.executeUpdate();
        }
    }

    private static SignOffState state(Connection c, long reportId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, signoff_levels, signers, author, corrected FROM reports WHERE id = ?")) {
            ps.setLong(1, reportId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("There is no report " + reportId);
                }
                String signers = rs.getString(3);
                return new SignOffState(ReportStatus.valueOf(rs.getString(1)), rs.getInt(2),
                        signers.isEmpty() ? List.of() : Arrays.asList(signers.split(",")), rs.getString(4),
                        rs.getBoolean(5));
            }
        }
    }

    /** The report moved on since it was read: who moved it, as the loser of a race is told. */
    private static ReportConflictException changedMeanwhile(Connection c, Report before, int seen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_name, action, at_ms FROM report_transitions"
                + " WHERE report_id = ? ORDER BY id DESC")) {
            ps.setLong(1, before.id());
            try (ResultSet rs = ps.executeQuery()) {
                String last = rs.next() ? " (last: " + rs.getString(2).toLowerCase(java.util.Locale.ROOT) + " by "
                        + rs.getString(1) + " at " + Instant.ofEpochMilli(rs.getLong(3)) + ")" : "";
                return new ReportConflictException("Report " + before.id() + " changed since you opened it (version "
                        + seen + ", now " + Math.max(before.version(), seen + 1) + ")" + last
                        + "; reopen it to see what was done");
            }
        }
    }
}
