package org.fovea.center.server;

import org.fovea.center.Consultation;
import org.fovea.center.RequestState;
import org.fovea.center.Role;

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
 * Consultation (会诊转发, D4): the request's expert, or a coordinator, forwards a difficult case to
 * another expert group with a question; that group's experts see the request from then on (its
 * images from the center's Orthanc like any expert) and add opinions; the asker, or a coordinator,
 * closes it. The thread is kept with the request and every step is in its trace. The request's
 * own expert still writes and signs the report.
 */
public final class Consultations {

    private final DataSource db;
    private final Requests requests;

    public Consultations(DataSource db) {
        this.db = db;
        this.requests = new Requests(db);
    }

    /** Forwards the request to {@code group} with the question. */
    public Consultation ask(Account who, String workstation, UUID id, String group, String question) {
        if (group == null || group.isBlank()) {
            throw ApiException.badRequest("\"group\" is missing: the expert group asked");
        }
        if (question == null || question.isBlank()) {
            throw ApiException.badRequest("\"question\" is missing: what the group is asked");
        }
        long[] created = new long[1];
        requests.change(who, id, (c, r) -> {
            boolean coordinator = who.role() == Role.COORDINATOR || who.role() == Role.ADMIN;
            if (!coordinator && !(who.role() == Role.EXPERT && who.login().equals(r.assignedTo()))) {
                throw ApiException.forbidden("only the request's expert or a coordinator asks for a consultation");
            }
            if (r.state() != RequestState.ASSIGNED && r.state() != RequestState.IN_REVIEW) {
                throw new ApiException(409, "request " + id + " is " + r.state().name().toLowerCase()
                        + ": a consultation is asked while it is being read");
            }
            if (!hasExperts(c, group.strip())) {
                throw ApiException.badRequest("there is no expert group \"" + group.strip() + "\"");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO consultations (request_id, asked_by, to_group, "
                    + "question, state, asked_at) VALUES (?, ?, ?, ?, 'OPEN', ?) RETURNING id")) {
                Jdbc.bind(ps, id, who.id(), group.strip(), question.strip(), now());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    created[0] = rs.getLong(1);
                }
            }
            Requests.event(c, id, who, workstation, "CONSULTATION", "to group " + group.strip() + ": " + question.strip());
        });
        return find(id, created[0]);
    }

    /** Adds an opinion: by an expert of the group asked, or by the asker, while it is open. */
    public Consultation opinion(Account who, String workstation, UUID id, long consultation, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("\"text\" is missing: the opinion");
        }
        Consultation c0 = consultation(who, id, consultation);
        if (!c0.open()) {
            throw new ApiException(409, "consultation " + consultation + " is closed");
        }
        if (!(who.role() == Role.EXPERT && who.group().equals(c0.group())) && !who.login().equals(c0.askedBy())) {
            throw ApiException.forbidden("consultation " + consultation + " asks group " + c0.group() + ", not "
                    + who.login());
        }
        requests.change(who, id, (c, r) -> {
            Jdbc.execute(c, "INSERT INTO consultation_opinions (consultation_id, account_id, text, at) VALUES (?, ?, ?, ?)",
                    consultation, who.id(), text.strip(), now());
            Requests.event(c, id, who, workstation, "OPINION", "consultation " + consultation + " (group "
                    + c0.group() + ")");
        });
        return find(id, consultation);
    }

    /** Closes a consultation: its asker or a coordinator. */
    public Consultation close(Account who, String workstation, UUID id, long consultation) {
        Consultation c0 = consultation(who, id, consultation);
        boolean coordinator = who.role() == Role.COORDINATOR || who.role() == Role.ADMIN;
        if (!coordinator && !who.login().equals(c0.askedBy())) {
            throw ApiException.forbidden("only who asked for consultation " + consultation + ", or a coordinator, "
                    + "closes it");
        }
        requests.change(who, id, (c, r) -> {
            if (Jdbc.execute(c, "UPDATE consultations SET state = 'CLOSED', closed_at = ? WHERE id = ? AND state = 'OPEN'",
                    now(), consultation) == 1) {
                Requests.event(c, id, who, workstation, "CONSULTATION_CLOSED", "consultation " + consultation);
            }
        });
        return find(id, consultation);
    }

    /** A request's consultations with their opinions, for whoever may see the request. */
    public List<Consultation> of(Account who, UUID id) {
        requests.get(who, id);
        return list(id);
    }

    private Consultation consultation(Account who, UUID id, long consultation) {
        return of(who, id).stream().filter(c -> c.id() == consultation).findFirst()
                .orElseThrow(() -> ApiException.notFound("request " + id + " has no consultation " + consultation));
    }

    private Consultation find(UUID id, long consultation) {
        return list(id).stream().filter(c -> c.id() == consultation).findFirst().orElseThrow();
    }

    private List<Consultation> list(UUID id) {
        List<Consultation> out = new ArrayList<>();
        for (Object[] row : Jdbc.query(db, "SELECT c.id, a.login, c.to_group, c.question, c.state, c.asked_at, "
                + "c.closed_at FROM consultations c JOIN accounts a ON a.id = c.asked_by WHERE c.request_id = ? "
                + "ORDER BY c.id", rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null
                : rs.getTimestamp(7).toInstant()}, id)) {
            long cid = (Long) row[0];
            List<Consultation.Opinion> opinions = Jdbc.query(db, "SELECT a.login, a.display_name, o.text, o.at FROM "
                    + "consultation_opinions o JOIN accounts a ON a.id = o.account_id WHERE o.consultation_id = ? "
                    + "ORDER BY o.id", rs -> new Consultation.Opinion(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getTimestamp(4).toInstant()), cid);
            out.add(new Consultation(cid, (String) row[1], (String) row[2], (String) row[3], "OPEN".equals(row[4]),
                    (Instant) row[5], (Instant) row[6], opinions));
        }
        return out;
    }

    private static boolean hasExperts(Connection c, String group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM accounts WHERE role = 'EXPERT' AND active AND expert_group = ?")) {
            ps.setString(1, group);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    /** Whether the request has an open consultation asking {@code group} (its experts then see it). */
    static boolean consulted(Connection c, UUID id, String group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM consultations WHERE request_id = ? AND to_group = ? AND state = 'OPEN'")) {
            Jdbc.bind(ps, id, group);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
