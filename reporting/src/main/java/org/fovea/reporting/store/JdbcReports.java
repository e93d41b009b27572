package org.fovea.reporting.store;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportVersion;
import org.fovea.reporting.ReportConflictException;
import org.fovea.reporting.ReportQuery;
import org.fovea.reporting.ReportSummary;
import org.fovea.reporting.Reports;
import org.fovea.reporting.ReportingDatabase;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reports in the department database, H2 or PostgreSQL through the same SQL. A save is one
 * transaction (row, measurements, images, autosave cleared), so a workstation killed mid-save
 * leaves the previous version whole. Two workstations editing one report: the save whose version
 * is no longer the stored one is refused ({@link ReportConflictException}), never merged.
 * Times are kept to the millisecond, as stored.
 */
public final class JdbcReports implements Reports {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final String SELECT_REPORT = "SELECT id, version, " + ReportRows.REPORT_COLUMNS + " FROM reports";

    private final DataSource db;
    private final Autosaves autosaves;

    public JdbcReports(ReportingDatabase database) {
        this(database.dataSource());
    }

    public JdbcReports(DataSource dataSource) {
        this.db = dataSource;
        this.autosaves = new Autosaves(dataSource, this::find);
    }

    @Override
    public Report save(Report report, String savedBy, String workstation) throws ReportConflictException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id = report.id() == 0 ? insert(c, report, now) : update(c, report, now);
                ReportRows.writeChildren(c, report, id);
                Autosaves.delete(c, id);
                Report stored = load(c, id).orElseThrow();
                Versions.write(c, stored, savedBy, workstation);
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException | ReportConflictException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("save report " + report.id() + " of study " + report.study().studyUid(), e);
        }
    }

    private static long insert(Connection c, Report r, Instant now) throws SQLException {
        Report stamped = new Report(0, 1, r.study(), r.templateId(), r.findings(), r.impression(), r.fields(),
                r.measurements(), r.images(), r.status(), r.author(), now, now);
        String marks = "?" + ", ?".repeat(ReportRows.REPORT_COLUMN_COUNT);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reports (version, " + ReportRows.REPORT_COLUMNS
                + ") VALUES (" + marks + ")", Statement.RETURN_GENERATED_KEYS)) {
            ps.setInt(1, 1);
            ReportRows.bindReport(ps, 2, stamped);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static long update(Connection c, Report r, Instant now) throws SQLException, ReportConflictException {
        Report stamped = new Report(r.id(), r.version(), r.study(), r.templateId(), r.findings(), r.impression(),
                r.fields(), r.measurements(), r.images(), r.status(), r.author(),
                r.created() == null ? now : r.created().truncatedTo(ChronoUnit.MILLIS), now);
        String sets = String.join(" = ?, ", ReportRows.REPORT_COLUMNS.split(", ")) + " = ?";
        // a final report is signed: it changes only by recall or addendum, never by a save
        try (PreparedStatement ps = c.prepareStatement("UPDATE reports SET version = version + 1, " + sets
                + " WHERE id = ? AND version = ? AND status <> 'FINAL'")) {
            ReportRows.bindReport(ps, 1, stamped);
            ps.setLong(ReportRows.REPORT_COLUMN_COUNT + 1, r.id());
            ps.setInt(ReportRows.REPORT_COLUMN_COUNT + 2, r.version());
            if (ps.executeUpdate() == 1) {
                return r.id();
            }
        }
        throw conflict(c, r);
    }

    private static ReportConflictException conflict(Connection c, Report r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, author, updated_ms, status FROM reports WHERE id = ?")) {
            ps.setLong(1, r.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("There is no report " + r.id() + " to save over (study "
                            + r.study().studyUid() + "); a new report is saved with id 0");
                }
                if ("FINAL".equals(rs.getString(4))) {
                    return new ReportConflictException("Report " + r.id() + " is final and signed: recall it, or add an"
                            + " addendum, to change it");
                }
                return new ReportConflictException("Report " + r.id() + " was saved by " + rs.getString(2) + " at "
                        + SHOWN.format(Instant.ofEpochMilli(rs.getLong(3))) + " (version " + rs.getInt(1)
                        + ") after this copy (version " + r.version() + ") was opened; reopen it to see their text");
            }
        }
    }

    @Override
    public void setPriority(long id, org.fovea.reporting.Priority priority) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE reports SET priority = ? WHERE id = ?")) {
            ps.setString(1, priority.name());
            ps.setLong(2, id);
            if (ps.executeUpdate() != 1) {
                throw new IllegalArgumentException("There is no report " + id);
            }
        } catch (SQLException e) {
            throw failed("set the priority of report " + id, e);
        }
    }

    @Override
    public org.fovea.reporting.Priority priority(long id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT priority FROM reports WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("There is no report " + id);
                }
                return org.fovea.reporting.Priority.valueOf(rs.getString(1));
            }
        } catch (SQLException e) {
            throw failed("read the priority of report " + id, e);
        }
    }

    @Override
    public List<ReportSummary> openEmergencies() {
        return summaries(" WHERE priority = 'EMERGENCY' AND status <> 'FINAL' ORDER BY created_ms", List.of());
    }

    @Override
    public List<ReportSummary> overdue(org.fovea.reporting.workflow.Turnaround t, Instant now) {
        long ms = now.toEpochMilli();
        return summaries(" WHERE status <> 'FINAL' AND ((priority = 'EMERGENCY' AND created_ms < ?)"
                + " OR (priority = 'INPATIENT' AND created_ms < ?) OR (priority = 'OUTPATIENT' AND created_ms < ?))"
                + " ORDER BY created_ms", List.of(
                        ms - t.allowed(org.fovea.reporting.Priority.EMERGENCY).toMillis(),
                        ms - t.allowed(org.fovea.reporting.Priority.INPATIENT).toMillis(),
                        ms - t.allowed(org.fovea.reporting.Priority.OUTPATIENT).toMillis()));
    }

    private List<ReportSummary> summaries(String where, List<Object> args) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + ReportRows.SUMMARY_COLUMNS + " FROM reports" + where)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<ReportSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ReportRows.summary(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("list the reports", e);
        }
    }

    @Override
    public List<ReportVersion> versions(long id) {
        try (Connection c = db.getConnection()) {
            return Versions.of(c, id);
        } catch (SQLException e) {
            throw failed("read the versions of report " + id, e);
        }
    }

    @Override
    public Optional<Report> find(long id) {
        try (Connection c = db.getConnection()) {
            return load(c, id);
        } catch (SQLException e) {
            throw failed("read report " + id, e);
        }
    }

    static Optional<Report> load(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_REPORT + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ReportRows.report(c, rs)) : Optional.empty();
            }
        }
    }

    @Override
    public List<Report> ofStudy(String studyUid) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT_REPORT
                     + " WHERE study_uid = ? ORDER BY updated_ms DESC, id DESC")) {
            ps.setString(1, studyUid);
            List<Report> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ReportRows.report(c, rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("read the reports of study " + studyUid, e);
        }
    }

    @Override
    public List<ReportSummary> priors(String patientId, String excludingStudyUid) {
        if (patientId == null || patientId.isBlank()) {
            // an empty ID is no identity: it would make every ID-less patient one another's prior
            return List.of();
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + ReportRows.SUMMARY_COLUMNS + " FROM reports"
                     + " WHERE patient_id = ? AND study_uid <> ? ORDER BY study_date DESC NULLS LAST, id DESC")) {
            ps.setString(1, patientId.trim());
            ps.setString(2, excludingStudyUid == null ? "" : excludingStudyUid);
            List<ReportSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ReportRows.summary(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("read the prior reports of patient " + patientId, e);
        }
    }

    @Override
    public ReportPage search(ReportQuery query) {
        try (Connection c = db.getConnection()) {
            return new ReportSearch(query).run(c, query.offset(), query.limit());
        } catch (SQLException e) {
            throw failed("search the reports", e);
        }
    }

    @Override
    public void autosave(Report editing) {
        autosaves.keep(editing);
    }

    @Override
    public Optional<Report> autosaved(long id) {
        return autosaves.newerThanSave(id);
    }

    @Override
    public void discardAutosave(long id) {
        autosaves.discard(id);
    }

    static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("Cannot " + what + " in the department database: " + e.getMessage(), e);
    }
}
