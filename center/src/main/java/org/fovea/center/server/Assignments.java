package org.fovea.center.server;

import org.fovea.center.CenterRequest;
import org.fovea.center.RequestState;
import org.fovea.center.Role;
import org.fovea.center.Urgency;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who reads a request (D3). When a request is received complete, the first rule (by priority)
 * whose modality and body part match names the expert group and how to choose within it: the
 * expert with the fewest open requests, or the next in turn; urgent requests only to experts of
 * the rule's level or above. With no expert available it waits, unassigned, in the group's queue,
 * where an expert can claim it. Experts release what they cannot read; a coordinator assigns,
 * reassigns and cancels. Each choice is made with the rule's row locked, so instances of the
 * center choosing at the same moment take turns.
 */
public final class Assignments {

    /** How a rule chooses among its group's experts. */
    public enum Strategy { LEAST_LOADED, ROUND_ROBIN }

    private final DataSource db;

    public Assignments(DataSource db) {
        this.db = db;
    }

    /** Adds a rule; empty modality or body part matches any. */
    public long addRule(int priority, String modality, String bodyPart, String group, Strategy strategy,
                        int urgentLevel) {
        return Jdbc.insert(db, "INSERT INTO assignment_rules (priority, modality, body_part, expert_group, strategy, "
                + "urgent_level) VALUES (?, ?, ?, ?, ?, ?)", priority, modality, bodyPart, group, strategy.name(),
                urgentLevel);
    }

    /** A rule as the administrator lists it. */
    public record Rule(int priority, String modality, String bodyPart, String group, Strategy strategy,
                       int urgentLevel) {
    }

    /** The rules in the order they are tried. */
    public List<Rule> rules() {
        return Jdbc.query(db, "SELECT priority, modality, body_part, expert_group, strategy, urgent_level FROM "
                + "assignment_rules ORDER BY priority, id", rs -> new Rule(rs.getInt(1), rs.getString(2), rs.getString(3),
                rs.getString(4), Strategy.valueOf(rs.getString(5)), rs.getInt(6)));
    }

    /** Sets an expert's level (1 resident … 3 chief): who may take urgent requests. */
    public void setLevel(String login, int level) {
        Jdbc.update(db, "UPDATE accounts SET expert_level = ? WHERE login = ?", level, login);
    }

    /**
     * Assigns a request that was just received complete, in the caller's transaction (its row
     * locked by the caller or here).
     */
    static void assignReceived(Connection c, UUID id) throws SQLException {
        CenterRequest r = Requests.find(c, id).orElseThrow();
        if (r.assignedTo() != null) {
            // the extra images an expert asked for: the request goes back to that expert
            update(c, "UPDATE requests SET state = 'ASSIGNED', updated_at = ? WHERE id = ?", now(), id);
            Requests.event(c, id, null, "", "BACK_TO_EXPERT", "the images asked for are here; back to "
                    + r.assignedTo());
            return;
        }
        long rule = -1;
        String group = "";
        String strategy = "";
        int urgentLevel = 1;
        Long last = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, expert_group, strategy, urgent_level, last_account_id "
                + "FROM assignment_rules WHERE (modality = '' OR modality = ?) AND (body_part = '' OR body_part = ?) "
                + "ORDER BY priority, id LIMIT 1 FOR UPDATE")) {
            Jdbc.bind(ps, r.modality(), r.bodyPart());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    rule = rs.getLong(1);
                    group = rs.getString(2);
                    strategy = rs.getString(3);
                    urgentLevel = rs.getInt(4);
                    last = rs.getObject(5) == null ? null : rs.getLong(5);
                }
            }
        }
        if (rule < 0) {
            Requests.event(c, id, null, "", "UNASSIGNED", "no assignment rule matches " + r.modality() + " "
                    + r.bodyPart() + ": a coordinator assigns it");
            return;
        }
        int level = r.urgency() == Urgency.URGENT ? urgentLevel : 1;
        List<Long> experts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id FROM accounts a WHERE a.role = 'EXPERT' AND a.active "
                + "AND a.expert_group = ? AND a.expert_level >= ? ORDER BY "
                + (strategy.equals(Strategy.LEAST_LOADED.name())
                ? "(SELECT COUNT(*) FROM requests q WHERE q.assigned_to = a.id AND q.state IN ('ASSIGNED', 'IN_REVIEW')), "
                : "") + "a.id")) {
            Jdbc.bind(ps, group, level);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    experts.add(rs.getLong(1));
                }
            }
        }
        update(c, "UPDATE requests SET expert_group = ?, updated_at = ? WHERE id = ?", group, now(), id);
        if (experts.isEmpty()) {
            Requests.event(c, id, null, "", "QUEUED", "no expert of group " + group + (level > 1 ? " at level " + level
                    + " or above" : "") + " is available: it waits in the group's queue");
            return;
        }
        long chosen = experts.get(0);
        if (strategy.equals(Strategy.ROUND_ROBIN.name()) && last != null) {
            final long previous = last;
            chosen = experts.stream().filter(e -> e > previous).findFirst().orElse(experts.get(0));
        }
        update(c, "UPDATE assignment_rules SET last_account_id = ? WHERE id = ?", chosen, rule);
        update(c, "UPDATE requests SET assigned_to = ?, state = 'ASSIGNED', updated_at = ? WHERE id = ?", chosen, now(),
                id);
        Requests.event(c, id, null, "", "ASSIGNED", "to " + login(c, chosen) + " of group " + group + " ("
                + strategy.toLowerCase().replace('_', '-') + ")");
    }

    /** An expert takes a request waiting in their group's queue (or any unassigned one of no group). */
    public CenterRequest claim(Account expert, String workstation, UUID id) {
        if (expert.role() != Role.EXPERT) {
            throw ApiException.forbidden("only experts claim requests");
        }
        return change(expert, workstation, id, (c, r) -> {
            if (expert.login().equals(r.assignedTo())) {
                return;
            }
            if (r.assignedTo() != null) {
                throw new ApiException(409, "request " + id + " is assigned to " + r.assignedTo());
            }
            if (r.state() != RequestState.RECEIVED) {
                throw new ApiException(409, "request " + id + " is " + r.state().name().toLowerCase()
                        + ": only a request received complete can be claimed");
            }
            if (!r.expertGroup().isEmpty() && !r.expertGroup().equals(expert.group())) {
                throw ApiException.forbidden("request " + id + " is for group " + r.expertGroup());
            }
            update(c, "UPDATE requests SET assigned_to = ?, state = 'ASSIGNED', updated_at = ? WHERE id = ?",
                    expert.id(), now(), id);
            Requests.event(c, id, expert, workstation, "CLAIMED", "by " + expert.login());
        });
    }

    /** The assigned expert gives a request back to their group's queue. */
    public CenterRequest release(Account expert, String workstation, UUID id, String reason) {
        return change(expert, workstation, id, (c, r) -> {
            if (!expert.login().equals(r.assignedTo()) || r.state() != RequestState.ASSIGNED) {
                throw new ApiException(409, "request " + id + " is not assigned to " + expert.login()
                        + " awaiting reading");
            }
            update(c, "UPDATE requests SET assigned_to = NULL, state = 'RECEIVED', updated_at = ? WHERE id = ?", now(), id);
            Requests.event(c, id, expert, workstation, "RELEASED", reason == null ? "" : reason);
        });
    }

    /** A coordinator gives a request to an expert (assigning or reassigning it). */
    public CenterRequest assign(Account coordinator, String workstation, UUID id, String expertLogin) {
        if (coordinator.role() != Role.COORDINATOR && coordinator.role() != Role.ADMIN) {
            throw ApiException.forbidden("only coordinators assign requests");
        }
        return change(coordinator, workstation, id, (c, r) -> {
            if (r.state() != RequestState.RECEIVED && r.state() != RequestState.ASSIGNED) {
                throw new ApiException(409, "request " + id + " is " + r.state().name().toLowerCase()
                        + " and cannot be assigned");
            }
            Long expert = expertId(c, expertLogin);
            update(c, "UPDATE requests SET assigned_to = ?, state = 'ASSIGNED', updated_at = ? WHERE id = ?", expert,
                    now(), id);
            Requests.event(c, id, coordinator, workstation, r.assignedTo() == null ? "ASSIGNED" : "REASSIGNED",
                    (r.assignedTo() == null ? "" : "from " + r.assignedTo() + " ") + "to " + expertLogin);
        });
    }

    /** A coordinator, or the requesting hospital before the report, cancels a request with the reason. */
    public CenterRequest cancel(Account who, String workstation, UUID id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("\"reason\" is missing: say why the request is cancelled");
        }
        if (who.role() == Role.EXPERT) {
            throw ApiException.forbidden("experts release requests; coordinators cancel them");
        }
        return change(who, workstation, id, (c, r) -> {
            if (r.state() == RequestState.REPORTED || r.state() == RequestState.CANCELLED) {
                throw new ApiException(409, "request " + id + " is " + r.state().name().toLowerCase()
                        + " and cannot be cancelled");
            }
            update(c, "UPDATE requests SET state = 'CANCELLED', updated_at = ? WHERE id = ?", now(), id);
            Requests.event(c, id, who, workstation, "CANCELLED", reason.strip());
        });
    }

    private CenterRequest change(Account who, String workstation, UUID id, Requests.Change change) {
        return new Requests(db).change(who, id, change);
    }

    private static Long expertId(Connection c, String login) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM accounts WHERE login = ? AND role = 'EXPERT' AND active")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.badRequest("\"" + login + "\" is not an active expert");
                }
                return rs.getLong(1);
            }
        }
    }

    private static String login(Connection c, long account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT login FROM accounts WHERE id = ?")) {
            ps.setLong(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : String.valueOf(account);
            }
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        Jdbc.execute(c, sql, params);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
