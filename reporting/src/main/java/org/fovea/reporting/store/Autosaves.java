package org.fovea.reporting.store;

import org.fovea.reporting.Report;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The editor's text kept between saves, one row per report: written as one transaction (the old
 * row deleted, the new one inserted), so a workstation killed while writing leaves the previous
 * autosave or the new one, never half of either. A save deletes it in its own transaction.
 */
final class Autosaves {

    private final DataSource db;
    private final LongFunction<Optional<Report>> saved;

    Autosaves(DataSource db, LongFunction<Optional<Report>> saved) {
        this.db = db;
        this.saved = saved;
    }

    void keep(Report editing) {
        if (editing.id() == 0) {
            throw new IllegalArgumentException("Save the report of study " + editing.study().studyUid()
                    + " once before autosaving it: an autosave belongs to a stored report");
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                delete(c, editing.id());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_autosave (report_id, base_version, "
                        + "findings, impression, fields_json, saved_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, editing.id());
                    ps.setInt(2, editing.version());
                    ps.setString(3, editing.findings());
                    ps.setString(4, editing.impression());
                    ps.setString(5, ReportRows.fieldsJson(editing.fields()));
                    ps.setLong(6, Instant.now().toEpochMilli());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcReports.failed("autosave report " + editing.id(), e);
        }
    }

    /**
     * The stored report with the autosaved text and fields, when they were kept after its last
     * save. Its version is the one the editor had: saving it over someone else's newer save is
     * refused like any stale save.
     */
    Optional<Report> newerThanSave(long id) {
        String findings;
        String impression;
        String fields;
        int baseVersion;
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT a.findings, a.impression, a.fields_json, "
                     + "a.base_version FROM report_autosave a JOIN reports r ON r.id = a.report_id "
                     + "WHERE a.report_id = ? AND a.saved_ms >= r.updated_ms")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                findings = rs.getString(1);
                impression = rs.getString(2);
                fields = rs.getString(3);
                baseVersion = rs.getInt(4);
            }
        } catch (SQLException e) {
            throw JdbcReports.failed("read the autosave of report " + id, e);
        }
        return saved.apply(id).map(r -> new Report(r.id(), baseVersion, r.study(), r.templateId(), findings,
                impression, ReportRows.fields(fields, id), r.measurements(), r.images(), r.status(), r.author(),
                r.created(), r.updated()));
    }

    void discard(long id) {
        try (Connection c = db.getConnection()) {
            delete(c, id);
        } catch (SQLException e) {
            throw JdbcReports.failed("discard the autosave of report " + id, e);
        }
    }

    static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM report_autosave WHERE report_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
