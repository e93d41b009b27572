package org.fovea.reporting.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "signoff";

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
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT json FROM department_settings WHERE name = ?")) {
            ps.setString(1, POLICY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? JSON.readValue(rs.getString(1), SignOffPolicy.class) : SignOffPolicy.DEFAULT;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the sign-off settings: " + e.getMessage(), e);
        }
    }

    /** Sets the department's sign-off levels (an administrator's change, audited). */
    public void setPolicy(SignOffPolicy policy, Actor by) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                String json = JSON.writeValueAsString(policy);
                try (PreparedStatement del = c.prepareStatement("DELETE FROM department_settings WHERE name = ?")) {
                    del.setString(1, POLICY);
                    del.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO department_settings (name, json, updated_ms) VALUES (?, ?, ?)")) {
                    ps.setString(1, POLICY);
                    ps.setString(2, json);
                    ps.setLong(3, clock.millis());
                    ps.executeUpdate();
                }
                new AuditLog(db, clock).append(c, by, AuditAction.SETTINGS_CHANGED, "settings", POLICY, json);
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the sign-off settings: " + e.getMessage(), e);
        }
    }

    public SignOffState state(long reportId) {
        try (Connection c = db.getConnection()) {
            return state(c, reportId);
        } catch (SQLException e) {
            throw JdbcReports.failed("read the sign-off of report " + reportId, e);
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
                Report before = JdbcReports.load(c, reportId).orElseThrow(
                        () -> new IllegalArgumentException("There is no report " + reportId));
                if (before.version() != seenVersion) {
                    throw changedMeanwhile(c, before, seenVersion);
                }
                SignOffState from = state(c, reportId);
                int levels = policy().levelsFor(before.study().modality(), before.study().examItem());
                SignOffState to = SignOff.apply(from, user, action, levels, reason);
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
