package org.fovea.center.server;

import org.fovea.center.CenterRequest;
import org.fovea.center.NewRequest;
import org.fovea.center.RequestEvent;
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
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Remote diagnosis requests in the center's database, each with its trace. A site's request is
 * known by the site's own id for it as well as the center's: sent again (the link dropped before
 * the answer came), it is the same request, not a second one. Who sees what: a hospital's
 * doctors their hospital's requests; an expert those assigned to them, those waiting,
 * unassigned, in their group's queue, and those forwarded to their group for consultation while
 * it is open; coordinators and administrators all.
 */
public final class Requests {

    /** At most this many images announced in one request (a whole-body CT with its reconstructions). */
    static final int MAX_IMAGES = 100_000;
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final DataSource db;

    public Requests(DataSource db) {
        this.db = db;
    }

    /** A request created, or found again when the site had already sent it. */
    public record Created(CenterRequest request, boolean isNew) {
    }

    /**
     * Opens a request for the asking doctor's hospital, or returns the one the site opened before
     * with the same client request id.
     *
     * @throws ApiException 400 naming the field that is missing or wrong, 403 for a role that does
     *                      not submit requests
     */
    public Created create(Account who, String workstation, NewRequest r) {
        if (who.role() != Role.DOCTOR) {
            throw ApiException.forbidden("only a hospital's doctors submit requests; " + who.login() + " is "
                    + who.role().name().toLowerCase());
        }
        check(r);
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                int inserted;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO requests (id, hospital_id, "
                        + "client_request_id, created_by, patient_id, patient_name, patient_sex, patient_birth_date, "
                        + "study_uid, accession_number, modality, body_part, exam_description, clinical_history, "
                        + "question, urgency, state, announced_images, created_at, updated_at) VALUES (?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (hospital_id, client_request_id) DO NOTHING")) {
                    Jdbc.bind(ps, id, who.hospitalId(), r.clientRequestId(), who.id(), r.patientId(), r.patientName(),
                            r.patientSex(), r.patientBirthDate(), r.studyUid(), r.accessionNumber(), r.modality(),
                            r.bodyPart(), r.examDescription(), r.clinicalHistory(), r.question(), r.urgency().name(),
                            (r.images() == 0 ? RequestState.RECEIVED : RequestState.RECEIVING).name(), r.images(), now,
                            now);
                    inserted = ps.executeUpdate();
                }
                if (inserted == 1) {
                    event(c, id, who, workstation, "CREATED", r.images() + " images announced");
                    if (r.images() == 0) {
                        Assignments.assignReceived(c, id);
                    }
                }
                c.commit();
                UUID stored = inserted == 1 ? id : existing(c, who.hospitalId(), r.clientRequestId());
                return new Created(find(c, stored).orElseThrow(), inserted == 1);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database refused the request: " + e.getMessage(), e);
        }
    }

    /**
     * A request the asking account may see.
     *
     * @throws ApiException 404 when there is none, 403 when it is another hospital's or not the expert's
     */
    public CenterRequest get(Account who, UUID id) {
        try (Connection c = db.getConnection()) {
            CenterRequest r = find(c, id).orElseThrow(() -> ApiException.notFound("there is no request " + id));
            long hospital = hospitalOf(c, id);
            if (!visible(who, hospital, r) && !(who.role() == Role.EXPERT
                    && Consultations.consulted(c, id, who.group()))) {
                throw ApiException.forbidden(who.role() == Role.DOCTOR
                        ? "request " + id + " belongs to another hospital" : who.role() == Role.RESEARCHER
                        ? "research accounts read de-identified studies only (/api/research/studies)"
                        : "request " + id + " is not assigned to " + who.login());
            }
            return r;
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database cannot be read: " + e.getMessage(), e);
        }
    }

    /** The requests the asking account may see, urgent ones first, then newest first. */
    public List<CenterRequest> list(Account who, int limit) {
        String where = switch (who.role()) {
            case DOCTOR -> " WHERE r.hospital_id = ?";
            case EXPERT -> " WHERE r.assigned_to = ? OR (r.assigned_to IS NULL AND r.state = 'RECEIVED' "
                    + "AND r.expert_group <> '' AND r.expert_group = ?) OR EXISTS (SELECT 1 FROM consultations k "
                    + "WHERE k.request_id = r.id AND k.state = 'OPEN' AND k.to_group = ?)";
            case COORDINATOR, ADMIN -> "";
            case RESEARCHER -> " WHERE FALSE";
        };
        Object[] params = switch (who.role()) {
            case DOCTOR -> new Object[] {who.hospitalId(), limit};
            case EXPERT -> new Object[] {who.id(), who.group(), who.group(), limit};
            case COORDINATOR, ADMIN, RESEARCHER -> new Object[] {limit};
        };
        return Jdbc.query(db, SELECT + where + " ORDER BY CASE r.urgency WHEN 'URGENT' THEN 0 ELSE 1 END, "
                + "r.created_at DESC LIMIT ?", Requests::request, params);
    }

    /**
     * The same patient's earlier requests from the same hospital, newest first (what an expert
     * reads beside the request: its priors), for whoever may see the request.
     */
    public List<CenterRequest> priors(Account who, UUID id) {
        CenterRequest r = get(who, id);
        return Jdbc.query(db, SELECT + " WHERE r.hospital_id = (SELECT hospital_id FROM requests WHERE id = ?) AND "
                + "r.patient_id = ? AND r.id <> ? AND r.created_at <= ? ORDER BY r.created_at DESC LIMIT 100",
                Requests::request, id, r.patientId(), id, Timestamp.from(r.createdAt()));
    }

    /** A request's trace, oldest first (after {@link #get} decided the account may see it). */
    public List<RequestEvent> trace(Account who, UUID id) {
        get(who, id);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT e.at, a.login, e.workstation, e.what, e.detail "
                     + "FROM request_events e LEFT JOIN accounts a ON a.id = e.account_id WHERE e.request_id = ? "
                     + "ORDER BY e.id")) {
            ps.setObject(1, id);
            List<RequestEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RequestEvent(rs.getTimestamp(1).toInstant(), rs.getString(2) == null ? ""
                            : rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The requesting hospital's doctor completes or corrects the patient of a request (D6) until it
     * is reported: each field given replaces the request's, and the trace says which changed.
     */
    public CenterRequest complete(Account who, String workstation, UUID id, org.fovea.center.PatientUpdate u) {
        if (who.role() != Role.DOCTOR) {
            throw ApiException.forbidden("the requesting hospital's doctors complete its patients' data");
        }
        if (u == null || u.empty()) {
            throw ApiException.badRequest("nothing to complete: give patientName, patientSex, patientBirthDate or "
                    + "clinicalHistory");
        }
        if (u.patientName() != null) {
            required("patientName", u.patientName(), 200);
        }
        if (u.patientSex() != null && !u.patientSex().matches("[MFO]?")) {
            throw ApiException.badRequest("\"patientSex\" must be M, F or O, not \"" + u.patientSex() + "\"");
        }
        if (u.patientBirthDate() != null && !u.patientBirthDate().matches("([0-9]{8})?")) {
            throw ApiException.badRequest("\"patientBirthDate\" must be YYYYMMDD, not \"" + u.patientBirthDate() + "\"");
        }
        if (u.clinicalHistory() != null) {
            limit("clinicalHistory", u.clinicalHistory(), 20_000);
        }
        return change(who, id, (c, r) -> {
            if (r.state() == RequestState.REPORTED || r.state() == RequestState.CANCELLED) {
                throw new ApiException(409, "request " + id + " is " + r.state().name().toLowerCase()
                        + ": its patient's data can no longer be changed here");
            }
            List<String> changed = new ArrayList<>();
            set(c, id, "patient_name", u.patientName(), r.patientName(), "name", changed);
            set(c, id, "patient_sex", u.patientSex(), r.patientSex(), "sex", changed);
            set(c, id, "patient_birth_date", u.patientBirthDate(), r.patientBirthDate(), "birth date", changed);
            set(c, id, "clinical_history", u.clinicalHistory(), r.clinicalHistory(), "clinical history", changed);
            if (!changed.isEmpty()) {
                Jdbc.execute(c, "UPDATE requests SET updated_at = ? WHERE id = ?", Timestamp.from(Instant.now()), id);
                event(c, id, who, workstation, "PATIENT_COMPLETED", String.join("; ", changed));
            }
        });
    }

    private static void set(Connection c, UUID id, String column, String value, String was, String words,
                            List<String> changed) throws SQLException {
        if (value != null && !value.strip().equals(was)) {
            Jdbc.execute(c, "UPDATE requests SET " + column + " = ? WHERE id = ?", value.strip(), id);
            changed.add(words + " " + (was.isEmpty() ? "" : was + " → ") + value.strip());
        }
    }

    /**
     * The requesting hospital sends its own report of the study for review (D1), once, before the
     * expert starts one: it becomes the assigned expert's draft.
     */
    public CenterRequest localReport(Account who, String workstation, UUID id, org.fovea.center.LocalReport report) {
        if (who.role() != Role.DOCTOR) {
            throw ApiException.forbidden("the requesting hospital's doctors send its own report for review");
        }
        if (report == null || (blank(report.findings()) && blank(report.impression()))) {
            throw ApiException.badRequest("the report has neither findings nor impression");
        }
        limit("findings", report.findings() == null ? "" : report.findings(), 100_000);
        limit("impression", report.impression() == null ? "" : report.impression(), 100_000);
        String json;
        try {
            json = org.fovea.center.CenterJson.mapper().writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return change(who, id, (c, r) -> {
            if (r.state() == RequestState.REPORTED || r.state() == RequestState.CANCELLED
                    || r.state() == RequestState.RETURNED) {
                throw new ApiException(409, "request " + id + " is " + r.state().name().toLowerCase()
                        + ": its report can no longer be sent for review");
            }
            if (Jdbc.execute(c, "UPDATE requests SET local_report = ?, updated_at = ? WHERE id = ? AND local_report = ''",
                    json, Timestamp.from(Instant.now()), id) == 1) {
                event(c, id, who, workstation, "LOCAL_REPORT", "the hospital's report by " + report.author()
                        + ", for review");
            }
        });
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A change to one request, made with its row locked. */
    interface Change {
        void apply(Connection c, CenterRequest locked) throws SQLException;
    }

    /**
     * Runs a change on a request the account may see (else 403/404), its row locked, and returns
     * the request afterwards.
     */
    CenterRequest change(Account who, UUID id, Change change) {
        CenterRequest seen = get(who, id);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM requests WHERE id = ? FOR UPDATE")) {
                    ps.setObject(1, seen.id());
                    ps.executeQuery().close();
                }
                change.apply(c, find(c, id).orElseThrow());
                c.commit();
                return find(c, id).orElseThrow();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database refused the change: " + e.getMessage(), e);
        }
    }

    private static boolean visible(Account who, long hospital, CenterRequest r) {
        return switch (who.role()) {
            case DOCTOR -> hospital == who.hospitalId();
            case EXPERT -> who.login().equals(r.assignedTo()) || (r.assignedTo() == null
                    && !r.expertGroup().isEmpty() && r.expertGroup().equals(who.group()));
            case COORDINATOR, ADMIN -> true;
            case RESEARCHER -> false;
        };
    }

    private static void check(NewRequest r) {
        required("clientRequestId", r.clientRequestId(), 64);
        required("patientId", r.patientId(), 64);
        required("patientName", r.patientName(), 200);
        required("studyUid", r.studyUid(), 64);
        if (!UID.matcher(r.studyUid()).matches()) {
            throw ApiException.badRequest("\"studyUid\" " + r.studyUid() + " is not a DICOM UID (digits and dots)");
        }
        limit("patientSex", r.patientSex(), 16);
        limit("patientBirthDate", r.patientBirthDate(), 8);
        limit("accessionNumber", r.accessionNumber(), 64);
        limit("modality", r.modality(), 16);
        limit("bodyPart", r.bodyPart(), 64);
        limit("examDescription", r.examDescription(), 200);
        limit("clinicalHistory", r.clinicalHistory(), 20_000);
        limit("question", r.question(), 20_000);
        if (r.images() == null) {
            throw ApiException.badRequest("\"images\" is missing: how many images will follow (0 for none)");
        }
        if (r.images() < 0 || r.images() > MAX_IMAGES) {
            throw ApiException.badRequest("\"images\" must be 0 to " + MAX_IMAGES + ", not " + r.images());
        }
    }

    private static void required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("\"" + field + "\" is missing");
        }
        limit(field, value, max);
    }

    private static void limit(String field, String value, int max) {
        if (value.length() > max) {
            throw ApiException.badRequest("\"" + field + "\" is longer than " + max + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw ApiException.badRequest("\"" + field + "\" contains a NUL character");
        }
    }

    static void event(Connection c, UUID request, Account who, String workstation, String what, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO request_events (request_id, at, account_id, "
                + "workstation, what, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            Jdbc.bind(ps, request, Timestamp.from(Instant.now()), who == null ? null : who.id(),
                    workstation == null ? "" : workstation, what, detail);
            ps.executeUpdate();
        }
    }

    private static final String SELECT = "SELECT r.*, h.code AS hospital_code, c.login AS created_login, "
            + "x.login AS assigned_login FROM requests r JOIN hospitals h ON h.id = r.hospital_id "
            + "JOIN accounts c ON c.id = r.created_by LEFT JOIN accounts x ON x.id = r.assigned_to";

    static Optional<CenterRequest> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE r.id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(request(rs)) : Optional.empty();
            }
        }
    }

    private static UUID existing(Connection c, long hospital, String clientRequestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM requests WHERE hospital_id = ? AND client_request_id = ?")) {
            Jdbc.bind(ps, hospital, clientRequestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static long hospitalOf(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hospital_id FROM requests WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static CenterRequest request(ResultSet rs) throws SQLException {
        return new CenterRequest(rs.getObject("id", UUID.class), rs.getString("hospital_code"),
                rs.getString("client_request_id"), rs.getString("created_login"), rs.getString("patient_id"),
                rs.getString("patient_name"), rs.getString("patient_sex"), rs.getString("patient_birth_date"),
                rs.getString("study_uid"), rs.getString("accession_number"), rs.getString("modality"),
                rs.getString("body_part"), rs.getString("exam_description"), rs.getString("clinical_history"),
                rs.getString("question"), Urgency.valueOf(rs.getString("urgency")),
                RequestState.valueOf(rs.getString("state")), rs.getInt("announced_images"),
                rs.getInt("received_images"), rs.getString("assigned_login"), rs.getString("expert_group"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("hospital_note"));
    }
}
