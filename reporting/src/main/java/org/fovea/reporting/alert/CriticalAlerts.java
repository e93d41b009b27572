package org.fovea.reporting.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.store.DepartmentSettings;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Critical-value alerts in the department database (P9, A3), a closed loop: a radiologist raises
 * one from a report to the referring clinician; it is due within its category's time; the
 * clinician acknowledges it with a read-back note, which the sender then sees; an alert not
 * acknowledged in time is escalated to a backup recipient and the department head. Every step is
 * an alert event and an audit record, committed with it. On PostgreSQL each change is announced
 * with NOTIFY (see {@link AlertWatch}), so every workstation hears of it at once.
 */
public final class CriticalAlerts {

    /** The channel NOTIFY announces alert changes on (PostgreSQL). */
    public static final String CHANNEL = "fovea_alerts";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CATALOGUE = "critical-values";

    private final DataSource db;
    private final boolean postgres;
    private final Clock clock;

    public CriticalAlerts(ReportingDatabase database) {
        this(database, Clock.systemUTC());
    }

    public CriticalAlerts(ReportingDatabase database, Clock clock) {
        this.db = database.dataSource();
        this.postgres = database.postgres();
        this.clock = clock;
    }

    /** The department's critical values (its own list, or the starter catalogue). */
    public List<CriticalValue> catalogue() {
        return new DepartmentSettings(db, clock).get(CATALOGUE, JSON.getTypeFactory().constructCollectionType(List.class,
                CriticalValue.class), CriticalValue.DEFAULTS);
    }

    /** Sets the department's critical values (an administrator's change, audited). */
    public void setCatalogue(List<CriticalValue> values, Actor by) {
        new DepartmentSettings(db, clock).put(CATALOGUE, values, by);
    }

    /**
     * Raises an alert from a report.
     *
     * @throws AlertRefused when the sender may not raise alerts, the finding is not in the
     *                      catalogue, or a recipient is not a user who may acknowledge alerts
     */
    public Alert raise(Report report, User sender, String finding, String recipient, String backup, String head,
                       String note, String workstation) throws AlertRefused {
        if (!sender.may(Permission.RAISE_ALERT)) {
            throw new AlertRefused(sender.displayName() + " may not raise critical-value alerts");
        }
        CriticalValue value = catalogue().stream().filter(v -> v.finding().equals(finding)).findFirst()
                .orElseThrow(() -> new AlertRefused("\"" + finding + "\" is not one of the department's critical values"));
        Users users = new Users(db, clock);
        for (String who : List.of(recipient, backup, head)) {
            Optional<User> u = users.find(who);
            if (u.isEmpty() || !u.get().may(Permission.ACKNOWLEDGE_ALERT) && !u.get().may(Permission.RECALL_REPORT)) {
                throw new AlertRefused("\"" + who + "\" is not a user who can acknowledge a critical value");
            }
        }
        Instant now = clock.instant();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO critical_alerts (report_id, study_uid,"
                        + " accession_number, patient_id, patient_name, finding, category, note, sender, recipient, backup,"
                        + " head, status, raised_ms, due_ms, escalated_ms, acknowledged_by, acknowledged_ms, read_back)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, 0, '', 0, '')",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setLong(1, report.id());
                    ps.setString(2, report.study().studyUid());
                    ps.setString(3, report.study().accessionNumber());
                    ps.setString(4, report.study().patientId());
                    ps.setString(5, report.study().patientName());
                    ps.setString(6, finding);
                    ps.setString(7, value.category().name());
                    ps.setString(8, note == null ? "" : note.strip());
                    ps.setString(9, sender.login());
                    ps.setString(10, Users.normalise(recipient));
                    ps.setString(11, Users.normalise(backup));
                    ps.setString(12, Users.normalise(head));
                    ps.setLong(13, now.toEpochMilli());
                    ps.setLong(14, now.plus(value.acknowledgeWithin()).toEpochMilli());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                event(c, id, sender.login(), "RAISED", "workstation " + workstation, finding + " → " + recipient);
                new AuditLog(db, clock).append(c, new Actor(sender.login(), workstation), AuditAction.ALERT_RAISED,
                        "alert", Long.toString(id), finding + " (" + value.category() + ") to " + recipient
                                + ", report " + report.id());
                announce(c, id);
                c.commit();
                return find(id).orElseThrow();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("raise the alert", e);
        }
    }

    /**
     * Acknowledges an alert addressed to {@code user} with the read-back note (what the clinician
     * understood), closing the loop.
     */
    public Alert acknowledge(long id, User user, String readBack, String workstation) throws AlertRefused {
        if (readBack == null || readBack.isBlank()) {
            throw new AlertRefused("Read the finding back in your own words: the note is the proof it was understood");
        }
        Alert a = find(id).orElseThrow(() -> new AlertRefused("There is no alert " + id));
        if (a.closed()) {
            throw new AlertRefused("Alert " + id + " was already acknowledged by " + a.acknowledgedBy() + " at "
                    + a.acknowledged());
        }
        if (!a.addressedTo(user.login())) {
            throw new AlertRefused("Alert " + id + " is addressed to " + a.recipient()
                    + (a.status() == Alert.Status.ESCALATED ? ", " + a.backup() + " and " + a.head() : "")
                    + ", not to " + user.login());
        }
        Instant now = clock.instant();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE critical_alerts SET status = 'ACKNOWLEDGED',"
                        + " acknowledged_by = ?, acknowledged_ms = ?, read_back = ? WHERE id = ? AND status <> 'ACKNOWLEDGED'")) {
                    ps.setString(1, user.login());
                    ps.setLong(2, now.toEpochMilli());
                    ps.setString(3, readBack.strip());
                    ps.setLong(4, id);
                    if (ps.executeUpdate() != 1) {
                        c.rollback();
                        throw new AlertRefused("Alert " + id + " was acknowledged by someone else meanwhile");
                    }
                }
                event(c, id, user.login(), "ACKNOWLEDGED", "workstation " + workstation, readBack.strip());
                new AuditLog(db, clock).append(c, new Actor(user.login(), workstation), AuditAction.ALERT_ACKNOWLEDGED,
                        "alert", Long.toString(id), readBack.strip());
                announce(c, id);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("acknowledge the alert", e);
        }
        return find(id).orElseThrow();
    }

    /** Records that a user saw the alert on screen (the notification reached them). */
    public void seen(long id, String login, String workstation) {
        try (Connection c = db.getConnection()) {
            event(c, id, login, "SEEN", "workstation " + workstation, "");
        } catch (SQLException e) {
            throw failed("record that alert " + id + " was seen", e);
        }
    }

    /**
     * Escalates every open alert past its deadline to its backup recipient and the department
     * head. Safe to run on every workstation at once: each alert is escalated once.
     *
     * @return the alerts escalated now
     */
    public List<Alert> escalateDue() {
        Instant now = clock.instant();
        List<Alert> escalated = new ArrayList<>();
        for (Alert a : query(" WHERE status = 'OPEN' AND due_ms <= ? ORDER BY id", now.toEpochMilli())) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE critical_alerts SET status = 'ESCALATED', escalated_ms = ? WHERE id = ? AND status = 'OPEN'")) {
                    ps.setLong(1, now.toEpochMilli());
                    ps.setLong(2, a.id());
                    if (ps.executeUpdate() == 1) {
                        String to = a.backup() + ", " + a.head();
                        event(c, a.id(), "system", "ESCALATED", "deadline " + a.due(), "not acknowledged by "
                                + a.recipient() + "; now to " + to);
                        new AuditLog(db, clock).append(c, new Actor("system", Actor.thisWorkstation()),
                                AuditAction.ALERT_ESCALATED, "alert", Long.toString(a.id()), "to " + to);
                        announce(c, a.id());
                        escalated.add(a);
                    }
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw failed("escalate alert " + a.id(), e);
            }
        }
        return escalated;
    }

    public Optional<Alert> find(long id) {
        List<Alert> one = query(" WHERE id = ?", id);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /** The alerts a user must see now: addressed to them, not yet acknowledged. */
    public List<Alert> openFor(String login) {
        String l = Users.normalise(login);
        return query(" WHERE status <> 'ACKNOWLEDGED' ORDER BY due_ms", null).stream().filter(a -> a.addressedTo(l))
                .toList();
    }

    /** The alerts a user raised, newest first (the sender sees each acknowledgement). */
    public List<Alert> raisedBy(String login) {
        return query(" WHERE sender = ? ORDER BY id DESC", Users.normalise(login));
    }

    /**
     * The newest 500 alerts, newest first; open ones only when asked. Every workstation reads this
     * on every alert change, so it does not grow with the years.
     */
    public List<Alert> list(boolean openOnly) {
        return query((openOnly ? " WHERE status <> 'ACKNOWLEDGED'" : "") + " ORDER BY id DESC LIMIT 500", null);
    }

    public List<AlertEvent> events(long id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT alert_id, at_ms, actor, event, method, detail FROM alert_events WHERE alert_id = ? ORDER BY id")) {
            ps.setLong(1, id);
            List<AlertEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertEvent(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("read the steps of alert " + id, e);
        }
    }

    /** The newest change of any alert, as a number that grows (for workstations polling the embedded database). */
    public long lastChange() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM alert_events");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw failed("read the alerts", e);
        }
    }

    private void event(Connection c, long id, String actor, String event, String method, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_events (alert_id, at_ms, actor, event, method,"
                + " detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, clock.millis());
            ps.setString(3, actor);
            ps.setString(4, event);
            ps.setString(5, method);
            ps.setString(6, detail.length() > 4000 ? detail.substring(0, 4000) : detail);
            ps.executeUpdate();
        }
    }

    /** NOTIFY on PostgreSQL, delivered when the transaction commits; nothing on H2 (polled). */
    private void announce(Connection c, long id) throws SQLException {
        if (postgres) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, CHANNEL);
                ps.setString(2, Long.toString(id));
                ps.execute();
            }
        }
    }

    private List<Alert> query(String where, Object arg) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, report_id, study_uid,"
                + " accession_number, patient_id, patient_name, finding, category, note, sender, recipient, backup, head,"
                + " status, raised_ms, due_ms, escalated_ms, acknowledged_by, acknowledged_ms, read_back FROM critical_alerts"
                + where)) {
            if (arg != null) {
                ps.setObject(1, arg);
            }
            List<Alert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Alert(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), CriticalValue.Category.valueOf(rs.getString(8)),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                            Alert.Status.valueOf(rs.getString(14)), Instant.ofEpochMilli(rs.getLong(15)),
                            Instant.ofEpochMilli(rs.getLong(16)), rs.getLong(17) == 0 ? null : Instant.ofEpochMilli(rs.getLong(17)),
                            rs.getString(18), rs.getLong(19) == 0 ? null : Instant.ofEpochMilli(rs.getLong(19)),
                            rs.getString(20)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("read the alerts", e);
        }
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("Cannot " + what + " in the department database: " + e.getMessage(), e);
    }
}
