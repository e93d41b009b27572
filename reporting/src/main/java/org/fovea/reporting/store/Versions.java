package org.fovea.reporting.store;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportImage;
import org.fovea.reporting.ReportMeasurement;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportVersion;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** The versions table: one row written with each save, read back as the report's history. */
public final class Versions {

    private Versions() {
    }

    /**
     * The version a stored report is: what its version row holds (and what a signature covers),
     * computed from the report itself.
     */
    public static ReportVersion of(Report stored, String savedBy, String workstation) {
        return new ReportVersion(stored.id(), stored.version(), stored.status(), stored.findings(), stored.impression(),
                stored.fields(), measurementsText(stored), imageHashes(stored), savedBy == null ? "" : savedBy,
                workstation == null ? "" : workstation, stored.updated());
    }

    /** Writes the version a save just stored, in the save's transaction. */
    static void write(Connection c, Report stored, String savedBy, String workstation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_versions (report_id, version, status, findings,"
                + " impression, fields_json, measurements_text, image_hashes, saved_by, workstation, saved_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, stored.id());
            ps.setInt(2, stored.version());
            ps.setString(3, stored.status().name());
            ps.setString(4, stored.findings());
            ps.setString(5, stored.impression());
            ps.setString(6, ReportRows.fieldsJson(stored.fields()));
            ps.setString(7, measurementsText(stored));
            ps.setString(8, String.join(",", imageHashes(stored)));
            ps.setString(9, savedBy == null ? "" : savedBy);
            ps.setString(10, workstation == null ? "" : workstation);
            ps.setLong(11, stored.updated().toEpochMilli());
            ps.executeUpdate();
        }
    }

    static List<ReportVersion> of(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, status, findings, impression, fields_json,"
                + " measurements_text, image_hashes, saved_by, workstation, saved_ms FROM report_versions"
                + " WHERE report_id = ? ORDER BY version")) {
            ps.setLong(1, id);
            List<ReportVersion> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String hashes = rs.getString(7);
                    out.add(new ReportVersion(id, rs.getInt(1), ReportStatus.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), ReportRows.fields(rs.getString(5), id), rs.getString(6),
                            hashes.isEmpty() ? List.of() : Arrays.asList(hashes.split(",")), rs.getString(8),
                            rs.getString(9), Instant.ofEpochMilli(rs.getLong(10))));
                }
            }
            return out;
        }
    }

    /** The measurements as the report words them, one per line. */
    static String measurementsText(Report r) {
        return r.measurements().stream().map(ReportMeasurement::text).collect(Collectors.joining("\n"));
    }

    /** SHA-256 (hex) of each image's PNG bytes, in order. */
    static List<String> imageHashes(Report r) {
        List<String> out = new ArrayList<>();
        for (ReportImage im : r.images()) {
            out.add(sha256(im.png()));
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
