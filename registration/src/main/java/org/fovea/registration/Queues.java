package org.fovea.registration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Queue calling (T1) on the department database, so the registration desk, each room's
 * technicians and the waiting-room screen share one queue: check-in puts an exam into its room's
 * queue; Next calls the first waiting (emergencies, then urgent, then by check-in); Recall calls the
 * called patient again; Skip (过号) puts them back behind the next {@link #SKIP_BEHIND} waiting;
 * Done finishes the exam. Two technicians pressing Next at once never get the same patient: a call
 * is a conditional update of one row, and whoever finds it taken tries the next.
 */
public final class Queues {

    /** The department's rule for a skipped patient: back behind this many of those waiting. */
    public static final int SKIP_BEHIND = 3;

    private final DataSource db;
    private final Schedule schedule;
    private final Clock clock;

    public Queues(Registrations registrations, Clock clock) {
        this.db = registrations.dataSource();
        this.schedule = new Schedule(registrations, clock);
        this.clock = clock;
    }

    /**
     * Checks a booked exam in: it waits in the queue of the room of the device it is booked on.
     *
     * @throws IllegalArgumentException naming the accession number when the exam is not booked
     */
    public QueueEntry checkIn(String accession) {
        Booking b = schedule.booking(accession).orElseThrow(() ->
                new IllegalArgumentException("Exam " + accession + " is not booked on a device: book it, or check it in "
                        + "to a room"));
        String room = schedule.device(b.deviceCode()).orElseThrow().room();
        return checkIn(accession, room);
    }

    /**
     * Checks an exam in: it waits in {@code room}'s queue.
     *
     * @throws IllegalArgumentException naming the accession number when there is no such exam, it
     *                                  was cancelled, or it is already checked in
     */
    public QueueEntry checkIn(String accession, String room) {
        long now = clock.millis();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                String status;
                String priority;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT status, priority FROM reg_orders WHERE accession_number = ? FOR UPDATE")) {
                    ps.setString(1, accession);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalArgumentException("There is no exam " + accession);
                        }
                        status = rs.getString(1);
                        priority = rs.getString(2);
                    }
                }
                if (!status.equals("ORDERED") && !status.equals("BOOKED")) {
                    throw new IllegalArgumentException("Exam " + accession + " is " + switch (status) {
                        case "CHECKED_IN" -> "checked in already";
                        case "EXAMINED" -> "examined already";
                        default -> status.toLowerCase(java.util.Locale.ROOT);
                    } + ": it cannot be checked in");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO queue_entries (accession_number, room, "
                        + "state, priority, sort_key, checked_in_ms) VALUES (?, ?, 'WAITING', ?, ?, ?)")) {
                    Registrations.bind(ps, accession, room, rank(priority), now, now);
                    ps.executeUpdate();
                }
                update(c, "UPDATE reg_orders SET status = 'CHECKED_IN', updated_ms = ? WHERE accession_number = ?",
                        now, accession);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return entry(c, "e.accession_number = ?", accession).orElseThrow();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Calls the next waiting patient of the room; empty when nobody waits. */
    public Optional<QueueEntry> next(String room, String technician) {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<QueueEntry> waiting = waiting(room);
            if (waiting.isEmpty()) {
                return Optional.empty();
            }
            QueueEntry first = waiting.get(0);
            if (change("UPDATE queue_entries SET state = 'CALLED', called_by = ?, called_ms = ?, calls = calls + 1 "
                    + "WHERE id = ? AND state = 'WAITING'", technician, clock.millis(), first.id()) == 1) {
                return entry(first.id());
            }
            // another desk called this one meanwhile: the next
        }
        throw new IllegalStateException("The queue of " + room + " keeps changing; try again");
    }

    /** Calls the called patient again (they did not come in yet). */
    public QueueEntry recall(long id, String technician) {
        require(change("UPDATE queue_entries SET called_by = ?, called_ms = ?, calls = calls + 1 WHERE id = ? AND "
                + "state = 'CALLED'", technician, clock.millis(), id), id, "called");
        return entry(id).orElseThrow();
    }

    /**
     * 过号: the called patient did not come; they wait again, behind the next {@link #SKIP_BEHIND}
     * waiting patients of their priority (or last of it when fewer wait).
     */
    public QueueEntry skip(long id) {
        QueueEntry e = entry(id).orElseThrow(() -> new IllegalArgumentException("There is no queue entry " + id));
        List<QueueEntry> waiting = waiting(e.room()).stream().filter(w -> w.priority().equals(e.priority())).toList();
        long key;
        try (Connection c = db.getConnection()) {
            List<Long> keys = new ArrayList<>();
            for (QueueEntry w : waiting) {
                keys.add(sortKey(c, w.id()));
            }
            key = keys.isEmpty() ? clock.millis() : keys.get(Math.min(SKIP_BEHIND, keys.size()) - 1) + 1;
        } catch (SQLException ex) {
            throw failed(ex);
        }
        require(change("UPDATE queue_entries SET state = 'WAITING', sort_key = ?, skips = skips + 1 WHERE id = ? AND "
                + "state = 'CALLED'", key, id), id, "called");
        return entry(id).orElseThrow();
    }

    /** The exam is done. */
    public QueueEntry done(long id) {
        require(change("UPDATE queue_entries SET state = 'DONE', done_ms = ? WHERE id = ? AND state = 'CALLED'",
                clock.millis(), id), id, "called");
        change("UPDATE reg_orders SET status = 'EXAMINED', updated_ms = ? WHERE accession_number = (SELECT "
                + "accession_number FROM queue_entries WHERE id = ?)", clock.millis(), id);
        return entry(id).orElseThrow();
    }

    /** Those waiting in a room, in the order they will be called. */
    public List<QueueEntry> waiting(String room) {
        return entries("e.room = ? AND e.state = 'WAITING' ORDER BY e.priority, e.sort_key, e.id", room);
    }

    /** Those called in a room, the latest call first (what the waiting-room screen shows). */
    public List<QueueEntry> called(String room) {
        return entries("e.room = ? AND e.state = 'CALLED' ORDER BY e.called_ms DESC", room);
    }

    public Optional<QueueEntry> entry(long id) {
        return entries("e.id = ?", id).stream().findFirst();
    }

    private List<QueueEntry> entries(String where, Object... params) {
        try (Connection c = db.getConnection()) {
            List<QueueEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
                Registrations.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static Optional<QueueEntry> entry(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
            Registrations.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        }
    }

    private static final String SELECT = "SELECT e.id, e.accession_number, e.room, e.state, e.priority, o.patient_id, "
            + "p.name, o.procedure_text, e.calls, e.skips, e.called_by, e.called_ms FROM queue_entries e "
            + "JOIN reg_orders o ON o.accession_number = e.accession_number JOIN reg_patients p ON p.patient_id = "
            + "o.patient_id WHERE ";

    private static QueueEntry entry(ResultSet rs) throws SQLException {
        int p = rs.getInt(5);
        return new QueueEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                p == 0 ? "EMERGENCY" : p == 1 ? "URGENT" : "ROUTINE", rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getString(11), rs.getLong(12));
    }

    private static long sortKey(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sort_key FROM queue_entries WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int rank(String priority) {
        return switch (priority) {
            case "EMERGENCY" -> 0;
            case "URGENT" -> 1;
            default -> 2;
        };
    }

    private int change(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Registrations.bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Registrations.bind(ps, params);
            ps.executeUpdate();
        }
    }

    private static void require(int changed, long id, String state) {
        if (changed != 1) {
            throw new IllegalArgumentException("Queue entry " + id + " is not " + state + " now");
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("the queue cannot be read or changed: " + e.getMessage(), e);
    }
}
