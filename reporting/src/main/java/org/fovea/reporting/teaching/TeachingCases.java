package org.fovea.reporting.teaching;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditLog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The department's teaching cases (P8): a radiologist marks a study as a favourite with a
 * category and a note (marking it again changes the category and note); the teaching list is
 * read by category, oldest marked first, which is also the order of a morning reading.
 */
public final class TeachingCases {

    private final DataSource db;
    private final Clock clock;

    public TeachingCases(ReportingDatabase database) {
        this(database.dataSource(), Clock.systemUTC());
    }

    public TeachingCases(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Marks (or re-marks) a study as {@code by}'s teaching case. */
    public TeachingCase mark(StudyRef s, String category, String note, String by) {
        if (category == null || category.isBlank()) {
            throw new IllegalArgumentException("A teaching case needs a category (e.g. 肺结节, 骨折)");
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement(
                        "DELETE FROM teaching_cases WHERE study_uid = ? AND marked_by = ?")) {
                    del.setString(1, s.studyUid());
                    del.setString(2, by);
                    del.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO teaching_cases (study_uid, patient_id,"
                        + " patient_name, accession, study_date, modality, exam_item, category, note, marked_by, marked_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, s.studyUid());
                    ps.setString(2, s.patientId());
                    ps.setString(3, s.patientName());
                    ps.setString(4, s.accessionNumber());
                    if (s.studyDate() == null) {
                        ps.setNull(5, Types.DATE);
                    } else {
                        ps.setDate(5, Date.valueOf(s.studyDate()));
                    }
                    ps.setString(6, s.modality());
                    ps.setString(7, s.examItem());
                    ps.setString(8, category.strip());
                    ps.setString(9, note == null ? "" : note.strip());
                    ps.setString(10, by);
                    ps.setLong(11, clock.millis());
                    ps.executeUpdate();
                }
                new AuditLog(db, clock).append(c, Actor.here(by), AuditAction.TEACHING_CASE, "study",
                        s.studyUid(), category.strip());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("mark the teaching case", e);
        }
        return list(category.strip()).stream().filter(t -> t.study().studyUid().equals(s.studyUid())
                && t.markedBy().equals(by)).findFirst().orElseThrow();
    }

    public void unmark(long id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM teaching_cases WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("remove the teaching case", e);
        }
    }

    /** The cases of a category (empty: all), oldest marked first: a morning reading's order. */
    public List<TeachingCase> list(String category) {
        boolean all = category == null || category.isBlank();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, study_uid, patient_id,"
                + " patient_name, accession, study_date, modality, exam_item, category, note, marked_by, marked_ms"
                + " FROM teaching_cases" + (all ? "" : " WHERE category = ?") + " ORDER BY marked_ms, id")) {
            if (!all) {
                ps.setString(1, category.strip());
            }
            List<TeachingCase> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date d = rs.getDate(6);
                    StudyRef s = new StudyRef(rs.getString(2), rs.getString(5), rs.getString(3), rs.getString(4), "", null,
                            "", d == null ? null : d.toLocalDate(), rs.getString(7), "", rs.getString(8), "", "");
                    out.add(new TeachingCase(rs.getLong(1), s, rs.getString(9), rs.getString(10), rs.getString(11),
                            Instant.ofEpochMilli(rs.getLong(12))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("read the teaching cases", e);
        }
    }

    /** The categories in use, alphabetically. */
    public List<String> categories() {
        return list("").stream().map(TeachingCase::category).distinct().sorted().toList();
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("Cannot " + what + " in the department database: " + e.getMessage(), e);
    }
}
