package org.fovea.registration.hl7;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The HL7 messages the department owes the HIS ({@code hl7_outbox}), in the department database:
 * a message is queued in the transaction of the change it tells about, so the change and the
 * promise to tell the HIS are committed together or not at all, and a sender working through the
 * outbox later (after a restart, with the HIS down for a day) still finds every one, in order.
 */
public final class Hl7Outbox {

    /** Waiting to be sent, or to be sent again (the HIS could not be reached). */
    public static final String PENDING = "PENDING";
    /** The HIS answered AA or CA. */
    public static final String SENT = "SENT";
    /** The HIS answered AE or AR: kept for a human, never sent again by itself. */
    public static final String FAILED = "FAILED";

    /** One queued message and where its delivery stands. */
    public record Entry(long id, String accessionNumber, String controlId, String message, String state, int attempts,
                        String lastError, long createdMs, long sentMs) {
    }

    /** Builds the message text once the control ID (MSH-10) is known. */
    public interface MessageText {
        String forControlId(String controlId) throws Exception;
    }

    private final DataSource db;

    public Hl7Outbox(DataSource db) {
        this.db = db;
    }

    /**
     * Queues a message in the caller's transaction. Its control ID is made from the row's own
     * identity ({@code FOVEA} and the number), so it is unique in the department without a second
     * counter and stays the same on every attempt: an HIS that got a message whose ACK was lost
     * recognises it when it comes again.
     *
     * @return the entry's id
     */
    public static long queue(Connection c, String accession, MessageText text, long now) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hl7_outbox (accession_number, control_id, message, "
                + "state, attempts, last_error, created_ms, sent_ms) VALUES (?, '', '', 'PENDING', 0, '', ?, 0)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, accession);
            ps.setLong(2, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        String control = "FOVEA" + id;
        String message;
        try {
            message = text.forControlId(control);
        } catch (Exception e) {
            throw new SQLException("The HL7 message for exam " + accession + " cannot be made: " + e.getMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE hl7_outbox SET control_id = ?, message = ? WHERE id = ?")) {
            ps.setString(1, control);
            ps.setString(2, message);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        return id;
    }

    /** The messages waiting to be sent, oldest first (the order they were queued in). */
    public List<Entry> pending() {
        return select("WHERE state = 'PENDING' ORDER BY id");
    }

    /** Every message queued, oldest first. */
    public List<Entry> entries() {
        return select("ORDER BY id");
    }

    /** The message the HIS acknowledged (AA, CA). */
    void sent(long id, long now) {
        update("UPDATE hl7_outbox SET state = 'SENT', attempts = attempts + 1, last_error = '', sent_ms = ? WHERE id = ?",
                now, id);
    }

    /** The message the HIS refused (AE, AR): it stays, FAILED, with the HIS's reason, for a human. */
    void failed(long id, String error) {
        update("UPDATE hl7_outbox SET state = 'FAILED', attempts = attempts + 1, last_error = ? WHERE id = ?",
                clip(error), id);
    }

    /** The HIS could not be reached or did not answer: the message stays PENDING and is tried again. */
    void notDelivered(long id, String error) {
        update("UPDATE hl7_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", clip(error), id);
    }

    private void update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The HL7 outbox cannot be written: " + e.getMessage(), e);
        }
    }

    private List<Entry> select(String where) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, accession_number, "
                + "control_id, message, state, attempts, last_error, created_ms, sent_ms FROM hl7_outbox " + where);
             ResultSet rs = ps.executeQuery()) {
            List<Entry> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getString(7), rs.getLong(8), rs.getLong(9)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("The HL7 outbox cannot be read: " + e.getMessage(), e);
        }
    }

    private static String clip(String s) {
        String t = s == null ? "" : s;
        return t.length() > 2000 ? t.substring(0, 1999) + "…" : t;
    }
}
