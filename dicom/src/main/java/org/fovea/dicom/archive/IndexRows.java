package org.fovea.dicom.archive;

import org.fovea.dicom.ImageHeader;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes the archive's index rows for a stored file, inside the caller's transaction: its
 * patient, study and series when they are new (the first attributes seen are kept), and its
 * instance row. Concurrent importers may race to create the same row; the loser keeps the
 * winner's row.
 */
final class IndexRows {

    private static final String DUPLICATE_KEY = "23505";

    private IndexRows() {
    }

    /** Creates the patient, study and series rows of an instance where they are missing. */
    static void ensureSeriesRows(Connection c, ImageHeader h) throws SQLException {
        long patientPk = ensurePatient(c, h);
        ensureStudy(c, h, patientPk);
        ensureSeries(c, h);
    }

    /** Inserts the instance row; false when another import stored the same instance meanwhile. */
    static boolean insertInstance(Connection c, ParsedInstance p, StagedFile staged, Path relPath)
            throws SQLException {
        ImageHeader h = p.header();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO instance (sop_uid, series_uid, sop_class_uid, "
                + "transfer_syntax, instance_number, position_key, rows_count, columns_count, frames, rel_path, "
                + "size_bytes, sha256, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, h.sopInstanceUid());
            ps.setString(2, h.seriesInstanceUid());
            ps.setString(3, h.sopClassUid());
            ps.setString(4, p.transferSyntaxUid());
            setInteger(ps, 5, DicomValues.integer(h.instanceNumber()));
            if (p.positionKey() == null) {
                ps.setNull(6, Types.DOUBLE);
            } else {
                ps.setDouble(6, p.positionKey());
            }
            ps.setInt(7, h.rows());
            ps.setInt(8, h.columns());
            ps.setInt(9, h.numberOfFrames());
            ps.setString(10, relPath.toString().replace('\\', '/'));
            ps.setLong(11, staged.size());
            ps.setString(12, staged.sha256());
            ps.setTimestamp(13, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * H2 writes committed changes to its file in the background, up to half a second later: a
     * process killed right after a commit loses it (checked: three committed rows and their table
     * gone after Runtime.halt 50 ms later). CHECKPOINT SYNC writes and fsyncs them now.
     */
    static void syncDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        }
    }

    private static long ensurePatient(Connection c, ImageHeader h) throws SQLException {
        Long pk = findPatient(c, h);
        if (pk != null) {
            return pk;
        }
        insertIfAbsent(c, "INSERT INTO patient (patient_id, patient_name, name_search, sex, birth_date) VALUES (?,?,?,?,?)",
                ps -> {
                    ps.setString(1, h.patientId());
                    ps.setString(2, h.patientName());
                    ps.setString(3, PersonNameSearch.key(h.patientName()));
                    ps.setString(4, h.patientSex());
                    setDate(ps, 5, DicomValues.date(h.patientBirthDate()));
                });
        pk = findPatient(c, h);
        if (pk == null) {
            throw new SQLException("patient row vanished after insert");
        }
        return pk;
    }

    private static Long findPatient(Connection c, ImageHeader h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pk FROM patient WHERE patient_id = ? AND patient_name = ?")) {
            ps.setString(1, h.patientId());
            ps.setString(2, h.patientName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static void ensureStudy(Connection c, ImageHeader h, long patientPk) throws SQLException {
        insertIfAbsent(c, "INSERT INTO study (study_uid, patient_pk, study_date, study_time, description, accession, "
                + "patient_age) SELECT ?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM study WHERE study_uid = ?)", ps -> {
                    ps.setString(1, h.studyInstanceUid());
                    ps.setLong(2, patientPk);
                    setDate(ps, 3, DicomValues.date(h.studyDate()));
                    ps.setString(4, h.studyTime());
                    ps.setString(5, h.studyDescription());
                    ps.setString(6, h.accessionNumber());
                    ps.setString(7, h.patientAge());
                    ps.setString(8, h.studyInstanceUid());
                });
    }

    private static void ensureSeries(Connection c, ImageHeader h) throws SQLException {
        insertIfAbsent(c, "INSERT INTO series (series_uid, study_uid, number, modality, description, body_part) "
                + "SELECT ?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM series WHERE series_uid = ?)", ps -> {
                    ps.setString(1, h.seriesInstanceUid());
                    ps.setString(2, h.studyInstanceUid());
                    setInteger(ps, 3, DicomValues.integer(h.seriesNumber()));
                    ps.setString(4, h.modality());
                    ps.setString(5, h.seriesDescription());
                    ps.setString(6, h.bodyPartExamined());
                    ps.setString(7, h.seriesInstanceUid());
                });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static void insertIfAbsent(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setDate(index, Date.valueOf(date));
        }
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
