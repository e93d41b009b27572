package org.fovea.reporting.audit;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.fovea.reporting.ReportingDatabase;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The department's audit log (Q2): every record appended under a lock on the chain's head, its
 * SHA-256 hash over the previous record's hash and its own fields, so {@link #verify} finds an
 * edited record (its hash no longer matches), a deleted one (a gap in the sequence, a broken
 * link) and a cut-off end (the head names a later record). Rewriting the whole chain after the
 * first changed record is not detected by the chain alone: keep the head hash {@code verify}
 * prints somewhere else (a daily note, the backup) to detect that too.
 */
public final class AuditLog {

    private static final String ZERO = "0".repeat(64);
    private final DataSource db;
    private final Clock clock;

    public AuditLog(ReportingDatabase database) {
        this(database.dataSource(), Clock.systemUTC());
    }

    public AuditLog(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Appends a record, committed before this returns. */
    public AuditRecord append(Actor who, AuditAction action, String objectType, String objectId, String detail) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                AuditRecord r = append(c, who, action, objectType, objectId, detail);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the audit log in the department database: " + e.getMessage(), e);
        }
    }

    /**
     * Appends a record inside the caller's transaction, so the audited change and its record are
     * committed together or not at all.
     */
    public AuditRecord append(Connection c, Actor who, AuditAction action, String objectType, String objectId,
                              String detail) throws SQLException {
        long seq;
        String prev;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1) + 1;
            prev = rs.getString(2);
        }
        Instant at = Instant.ofEpochMilli(clock.millis());
        String d = detail.length() > 4000 ? detail.substring(0, 3999) + "…" : detail;
        AuditRecord r = new AuditRecord(seq, at, who.login(), who.workstation(), action.name(), objectType, objectId, d,
                prev, "");
        r = new AuditRecord(seq, at, r.user(), r.workstation(), r.action(), objectType, objectId, d, prev, hash(r));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (seq, at_ms, user_login, workstation, action,"
                + " object_type, object_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, r.user());
            ps.setString(4, r.workstation());
            ps.setString(5, r.action());
            ps.setString(6, objectType);
            ps.setString(7, objectId);
            ps.setString(8, d);
            ps.setString(9, prev);
            ps.setString(10, r.hash());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, r.hash());
            ps.executeUpdate();
        }
        return r;
    }

    /** Walks the whole chain from the first record and says where it is broken. */
    public AuditCheck verify() {
        List<String> problems = new ArrayList<>();
        long expected = 1;
        String prev = ZERO;
        long checked = 0;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY seq"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditRecord r = record(rs);
                    checked++;
                    if (r.seq() != expected) {
                        problems.add("records " + expected + (r.seq() - 1 > expected ? " to " + (r.seq() - 1) : "")
                                + " are missing (deleted)");
                    } else if (!r.prevHash().equals(prev)) {
                        problems.add("record " + r.seq() + " does not follow the record before it");
                    }
                    if (!hash(r).equals(r.hash())) {
                        problems.add("record " + r.seq() + " (" + r.action() + " by " + r.user() + " at " + r.at()
                                + ") was changed after it was written");
                    }
                    expected = r.seq() + 1;
                    prev = r.hash();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                long headSeq = rs.getLong(1);
                String headHash = rs.getString(2);
                if (headSeq >= expected) {
                    problems.add("records " + expected + (headSeq > expected ? " to " + headSeq : "")
                            + " at the end are missing (deleted)");
                } else if (!headHash.equals(prev)) {
                    problems.add("the last record does not match the chain's head");
                }
                return new AuditCheck(checked, problems, headHash);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit log: " + e.getMessage(), e);
        }
    }

    /** Records by time range (either end may be null), user and action (empty: any), oldest first. */
    public List<AuditRecord> search(Instant from, Instant to, String user, AuditAction action, int limit) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" AND at_ms >= ?");
            args.add(from.toEpochMilli());
        }
        if (to != null) {
            sql.append(" AND at_ms < ?");
            args.add(to.toEpochMilli());
        }
        if (user != null && !user.isBlank()) {
            sql.append(" AND user_login = ?");
            args.add(user.strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (action != null) {
            sql.append(" AND action = ?");
            args.add(action.name());
        }
        sql.append(" ORDER BY seq LIMIT ").append(Math.max(1, limit));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<AuditRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot search the audit log: " + e.getMessage(), e);
        }
    }

    /** Records as CSV with a header row (UTF-8 text; times in ISO 8601, UTC). */
    public static void writeCsv(List<AuditRecord> records, Writer out) throws IOException {
        CsvSchema schema = CsvSchema.builder().addColumn("seq").addColumn("time").addColumn("user")
                .addColumn("workstation").addColumn("action").addColumn("objectType").addColumn("objectId")
                .addColumn("detail").addColumn("hash").build().withHeader();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditRecord r : records) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", r.seq());
            m.put("time", r.at().toString());
            m.put("user", r.user());
            m.put("workstation", r.workstation());
            m.put("action", r.action());
            m.put("objectType", r.objectType());
            m.put("objectId", r.objectId());
            m.put("detail", r.detail());
            m.put("hash", r.hash());
            rows.add(m);
        }
        new CsvMapper().writer(schema).writeValues(out).writeAll(rows).close();
    }

    private static final String SELECT = "SELECT seq, at_ms, user_login, workstation, action, object_type, object_id,"
            + " detail, prev_hash, hash FROM audit_log";

    private static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }

    /**
     * SHA-256 over the previous hash and the record's fields, each length-prefixed so no two
     * different records encode alike ("ab"+"c" and "a"+"bc" differ).
     */
    static String hash(AuditRecord r) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {r.prevHash(), Long.toString(r.seq()), Long.toString(r.at().toEpochMilli()),
                    r.user(), r.workstation(), r.action(), r.objectType(),
                    r.objectId(), r.detail()}) {
                byte[] b = field.getBytes(StandardCharsets.UTF_8);
                sha.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
