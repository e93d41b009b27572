package org.fovea.reporting.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.dicom.archive.PersonNameSearch;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportImage;
import org.fovea.reporting.ReportMeasurement;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportSummary;
import org.fovea.reporting.StudyRef;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reports to rows and back: the reports table's columns, the measurements and images tables. */
final class ReportRows {

    /** The report row's columns after {@code id, version}, in the order {@link #bindReport} binds them. */
    static final String REPORT_COLUMNS = "study_uid, accession_number, patient_id, patient_name, name_key, sex, "
            + "birth_date, age, study_date, modality, body_part, exam_item, requesting_physician, request_info, "
            + "template_id, findings, impression, fields_json, status, author, created_ms, updated_ms";
    static final int REPORT_COLUMN_COUNT = 22;
    /** A list row shows this many characters of the impression. */
    static final int IMPRESSION_START = 80;
    static final String SUMMARY_COLUMNS = "id, study_uid, accession_number, patient_id, patient_name, sex, birth_date, "
            + "age, study_date, modality, body_part, exam_item, requesting_physician, request_info, status, author, "
            + "SUBSTRING(impression FROM 1 FOR " + IMPRESSION_START + ") AS impression_start, updated_ms, priority, created_ms";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private ReportRows() {
    }

    /** Binds the {@link #REPORT_COLUMNS} from parameter {@code first} on. */
    static void bindReport(PreparedStatement ps, int first, Report r) throws SQLException {
        StudyRef s = r.study();
        int i = first;
        ps.setString(i++, s.studyUid());
        ps.setString(i++, s.accessionNumber());
        ps.setString(i++, s.patientId());
        ps.setString(i++, s.patientName());
        ps.setString(i++, PersonNameSearch.key(s.patientName()));
        ps.setString(i++, s.sex());
        setDate(ps, i++, s.birthDate());
        ps.setString(i++, s.age());
        setDate(ps, i++, s.studyDate());
        ps.setString(i++, s.modality());
        ps.setString(i++, s.bodyPart());
        ps.setString(i++, s.examItem());
        ps.setString(i++, s.requestingPhysician());
        ps.setString(i++, s.requestInfo());
        ps.setString(i++, r.templateId());
        ps.setString(i++, r.findings());
        ps.setString(i++, r.impression());
        ps.setString(i++, fieldsJson(r.fields()));
        ps.setString(i++, r.status().name());
        ps.setString(i++, r.author());
        ps.setLong(i++, r.created().toEpochMilli());
        ps.setLong(i, r.updated().toEpochMilli());
    }

    static String fieldsJson(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report fields cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, String> fields(String json, long reportId) {
        try {
            return JSON.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report " + reportId + " has unreadable fields: " + e.getMessage(), e);
        }
    }

    /** A report from a row of {@code SELECT id, version, REPORT_COLUMNS}, with its measurements and images. */
    static Report report(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        return new Report(id, rs.getInt("version"), study(rs), rs.getString("template_id"), rs.getString("findings"),
                rs.getString("impression"), fields(rs.getString("fields_json"), id), measurements(c, id),
                images(c, id), ReportStatus.valueOf(rs.getString("status")), rs.getString("author"),
                Instant.ofEpochMilli(rs.getLong("created_ms")), Instant.ofEpochMilli(rs.getLong("updated_ms")));
    }

    /** A list row from a row of {@code SELECT SUMMARY_COLUMNS}. */
    static ReportSummary summary(ResultSet rs) throws SQLException {
        return new ReportSummary(rs.getLong("id"), study(rs), ReportStatus.valueOf(rs.getString("status")),
                rs.getString("author"), rs.getString("impression_start"),
                Instant.ofEpochMilli(rs.getLong("updated_ms")), org.fovea.reporting.Priority.valueOf(rs.getString("priority")),
                Instant.ofEpochMilli(rs.getLong("created_ms")));
    }

    private static StudyRef study(ResultSet rs) throws SQLException {
        return new StudyRef(rs.getString("study_uid"), rs.getString("accession_number"), rs.getString("patient_id"),
                rs.getString("patient_name"), rs.getString("sex"), date(rs, "birth_date"), rs.getString("age"),
                date(rs, "study_date"), rs.getString("modality"), rs.getString("body_part"),
                rs.getString("exam_item"), rs.getString("requesting_physician"), rs.getString("request_info"));
    }

    /** Replaces the report's measurements and images with the given ones. */
    static void writeChildren(Connection c, Report r, long id) throws SQLException {
        try (PreparedStatement dm = c.prepareStatement("DELETE FROM report_measurements WHERE report_id = ?");
             PreparedStatement di = c.prepareStatement("DELETE FROM report_images WHERE report_id = ?")) {
            dm.setLong(1, id);
            dm.executeUpdate();
            di.setLong(1, id);
            di.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_measurements (report_id, seq, name, "
                + "measured, unit, shown_text, series_uid, sop_instance_uid, frame) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (ReportMeasurement m : r.measurements()) {
                ps.setLong(1, id);
                ps.setInt(2, seq++);
                ps.setString(3, orEmpty(m.name()));
                ps.setDouble(4, m.value());
                ps.setString(5, orEmpty(m.unit()));
                ps.setString(6, orEmpty(m.text()));
                ps.setString(7, orEmpty(m.seriesUid()));
                ps.setString(8, orEmpty(m.sopInstanceUid()));
                ps.setInt(9, m.frame());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_images (report_id, seq, caption, png, "
                + "sop_instance_uid, frame) VALUES (?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (ReportImage im : r.images()) {
                ps.setLong(1, id);
                ps.setInt(2, seq++);
                ps.setString(3, orEmpty(im.caption()));
                ps.setBytes(4, im.png() == null ? new byte[0] : im.png());
                ps.setString(5, orEmpty(im.sopInstanceUid()));
                ps.setInt(6, im.frame());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<ReportMeasurement> measurements(Connection c, long id) throws SQLException {
        List<ReportMeasurement> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, measured, unit, shown_text, series_uid, "
                + "sop_instance_uid, frame FROM report_measurements WHERE report_id = ? ORDER BY seq")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportMeasurement(rs.getString(1), rs.getDouble(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)));
                }
            }
        }
        return out;
    }

    private static List<ReportImage> images(Connection c, long id) throws SQLException {
        List<ReportImage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT caption, png, sop_instance_uid, frame "
                + "FROM report_images WHERE report_id = ? ORDER BY seq")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReportImage(rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    static void setDate(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setDate(i, Date.valueOf(d));
        }
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
