package org.fovea.center.client;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The few JDBC steps the outbox's classes share, with the outbox's words when they fail. */
final class OutboxSql {

    /** This machine's name, as the trace gives it. */
    static final String WORKSTATION = hostName();

    private OutboxSql() {
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "workstation";
        }
    }

    /** A line of the site's trace, by whoever submitted the request. */
    static void event(DataSource db, String id, String what, String detail) {
        try (Connection c = db.getConnection()) {
            event(c, id, string(db, "SELECT submitted_by FROM outbox_requests WHERE client_request_id = ?", id), what,
                    detail);
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox cannot be written: " + e.getMessage(), e);
        }
    }

    static void event(Connection c, String id, String who, String what, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_events (client_request_id, at, who, "
                + "workstation, what, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            bind(ps, id, now(), who == null ? "" : who, WORKSTATION, what, clip(detail));
            ps.executeUpdate();
        }
    }

    static List<String> ids(DataSource db, String sql) {
        return rows(db, sql).stream().map(r -> r[0]).toList();
    }

    /** Each row's columns as strings. */
    static List<String[]> rows(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox cannot be read: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, or null. */
    static String string(DataSource db, String sql, String id) {
        List<String[]> rows = rows(db, sql, id);
        return rows.isEmpty() ? null : rows.get(0)[0];
    }

    static void update(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox cannot be written: " + e.getMessage(), e);
        }
    }

    static int execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    static String clip(String s) {
        String t = s == null ? "" : s;
        return t.length() > 2000 ? t.substring(0, 2000) : t;
    }
}
