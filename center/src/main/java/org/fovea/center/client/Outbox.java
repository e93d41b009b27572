package org.fovea.center.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.fovea.center.CenterRequest;
import org.fovea.center.HeldImage;
import org.fovea.center.NewRequest;
import org.fovea.center.RequestState;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.fovea.center.client.OutboxSql.bind;
import static org.fovea.center.client.OutboxSql.clip;
import static org.fovea.center.client.OutboxSql.event;
import static org.fovea.center.client.OutboxSql.ids;
import static org.fovea.center.client.OutboxSql.now;
import static org.fovea.center.client.OutboxSql.string;
import static org.fovea.center.client.OutboxSql.update;

/**
 * A hospital's outbox to the center (D9), in the department database: a submitted request and its
 * images are written here first, then sent in the background image by image; whatever stopped the
 * sending (a dropped link, the center restarting, this workstation restarting) resumes from what
 * this table says. The center is idempotent by the request's client id and the images' UIDs, so
 * what is sent twice is stored once. {@link #verify} compares what the center holds (with the
 * hashes) with what was sent, and queues again what is missing or differs.
 */
public final class Outbox {

    /** At most this many images, or {@link #BATCH_BYTES}, per STOW-RS call. */
    static final int BATCH_IMAGES = 10;
    static final long BATCH_BYTES = 16L << 20;

    /** A file to send, by the SOP Instance UID it holds. */
    public record Item(String sopInstanceUid, Path file) {
    }

    /** A request as the doctor sees it in the outbox. */
    public record Status(String clientRequestId, String patientName, String studyUid, String state, int sent,
                         int total, int refused, String problem, String centerRequestId) {
    }

    /** One line of the site's side of a request's trace. */
    public record Event(java.time.Instant at, String who, String workstation, String what, String detail) {
    }

    /** What one pass of sending did. */
    public record SyncReport(int created, int sent, int resent, int refused, String stoppedBecause) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Outbox.class);

    private final DataSource db;
    private final ObjectMapper json = new ObjectMapper();

    private final ReturnedReports reports;

    private Outbox(DataSource db, ReturnedReports reports) {
        this.db = db;
        this.reports = reports;
    }

    /** The outbox in a department database (its tables made or brought up to date). */
    public static Outbox open(DataSource db) {
        boolean postgres;
        try (java.sql.Connection c = db.getConnection()) {
            postgres = c.getMetaData().getURL().startsWith("jdbc:postgresql:");
        } catch (SQLException e) {
            throw new IllegalStateException("the department database cannot be reached: " + e.getMessage(), e);
        }
        Flyway.configure().dataSource(db).locations("classpath:db/migration/outbox").table("flyway_outbox_history")
                .placeholders(Map.of("blob", postgres ? "BYTEA" : "BLOB"))
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return new Outbox(db, new ReturnedReports(db, List.of(), null));
    }

    /**
     * The same outbox receiving the center's reports (D5): checked against {@code trusted} (the
     * center's CA for reports), and filed by {@code filer} when they check.
     */
    public Outbox receivingReports(List<java.security.cert.X509Certificate> trusted, ReportFiler filer) {
        return new Outbox(db, new ReturnedReports(db, trusted, filer));
    }

    /** The reports the center returned. */
    public ReturnedReports reports() {
        return reports;
    }

    /**
     * Queues a request and its images, each file hashed now (what is sent later must be these
     * bytes). Submitting the same client request id again changes nothing.
     *
     * @throws IOException naming a file that cannot be read
     */
    public void submit(NewRequest request, String submittedBy, List<Item> images) throws IOException {
        if (request.images() == null || request.images() != images.size()) {
            request = new NewRequest(request.clientRequestId(), request.patientId(), request.patientName(),
                    request.patientSex(), request.patientBirthDate(), request.studyUid(), request.accessionNumber(),
                    request.modality(), request.bodyPart(), request.examDescription(), request.clinicalHistory(),
                    request.question(), request.urgency(), images.size());
        }
        List<String[]> rows = new ArrayList<>();
        for (Item i : images) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(i.file());
            } catch (IOException e) {
                throw new IOException(i.file() + " cannot be read: " + e.getMessage(), e);
            }
            rows.add(new String[] {i.sopInstanceUid(), i.file().toAbsolutePath().toString(),
                    HexFormat.of().formatHex(CenterClient.sha256(bytes)), String.valueOf(bytes.length)});
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (exists(c, request.clientRequestId())) {
                    c.rollback();
                    return;
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_requests (client_request_id, study_uid, "
                        + "request_json, submitted_by, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'QUEUED', ?, ?)")) {
                    bind(ps, request.clientRequestId(), request.studyUid(), json.writeValueAsString(request), submittedBy,
                            now, now);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_images (client_request_id, "
                        + "sop_instance_uid, file_path, sha256, bytes, state) VALUES (?, ?, ?, ?, ?, 'PENDING')")) {
                    for (String[] r : rows) {
                        bind(ps, request.clientRequestId(), r[0], r[1], r[2], Long.parseLong(r[3]));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                event(c, request.clientRequestId(), submittedBy, "SUBMITTED", images.size() + " images queued");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Adds images to a request already submitted (the extra images the center asked for): those
     * not in it yet are hashed and queued, and the next pass tells the center the new total and
     * sends them.
     *
     * @return how many were added
     * @throws IOException naming a file that cannot be read
     */
    public int addImages(String clientRequestId, List<Item> images) throws IOException {
        return AddedImages.add(db, clientRequestId, images);
    }

    /** Sends this hospital's own report of the study with the request, for the expert to review (D1). */
    public void attachLocalReport(String clientRequestId, org.fovea.center.LocalReport report) {
        LocalReports.attach(db, clientRequestId, report);
    }

    /**
     * The hospital's doctor completes or corrects the request's patient (D6) at the center, then
     * here; the trace keeps it.
     */
    public CenterRequest completePatient(CenterClient client, String clientRequestId,
                                         org.fovea.center.PatientUpdate update) throws CenterException {
        String centerId = centerId(clientRequestId);
        if (centerId == null) {
            throw new CenterException(409, "request " + clientRequestId + " has not reached the center yet; "
                    + "send it first (remote sync)", null);
        }
        CenterRequest r = client.completePatient(UUID.fromString(centerId), update);
        try {
            NewRequest was = json.readValue(requestJson(clientRequestId), NewRequest.class);
            NewRequest now = new NewRequest(was.clientRequestId(), was.patientId(), r.patientName(), r.patientSex(),
                    r.patientBirthDate(), was.studyUid(), was.accessionNumber(), was.modality(), was.bodyPart(),
                    was.examDescription(), r.clinicalHistory(), was.question(), was.urgency(), was.images());
            update(db, "UPDATE outbox_requests SET request_json = ?, updated_at = ? WHERE client_request_id = ?",
                    json.writeValueAsString(now), now(), clientRequestId);
        } catch (IOException e) {
            throw new IllegalStateException("the outbox cannot be written: " + e.getMessage(), e);
        }
        event(db, clientRequestId, "PATIENT_COMPLETED", "at the center too");
        return r;
    }

    /** Every request in the outbox, newest first, with how far its sending got and any problem. */
    public List<Status> status() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT r.client_request_id, r.request_json, r.study_uid, r.state, r.center_state, r.last_error, "
                        + "r.center_request_id, (SELECT COUNT(*) FROM outbox_images i WHERE i.client_request_id = "
                        + "r.client_request_id AND i.state = 'SENT'), (SELECT COUNT(*) FROM outbox_images i WHERE "
                        + "i.client_request_id = r.client_request_id), (SELECT COUNT(*) FROM outbox_images i WHERE "
                        + "i.client_request_id = r.client_request_id AND i.state = 'REFUSED') "
                        + "FROM outbox_requests r ORDER BY r.created_at DESC")) {
            List<Status> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    NewRequest r = json.readValue(rs.getString(2), NewRequest.class);
                    String centerState = rs.getString(5);
                    // while images remain to send, that is the news; once all are held, the center's state
                    String state = !rs.getString(4).equals("RECEIVED") || centerState.isEmpty()
                            || centerState.equals(RequestState.RECEIVING.name()) ? rs.getString(4) : centerState;
                    out.add(new Status(rs.getString(1), r.patientName(), rs.getString(3), state, rs.getInt(8),
                            rs.getInt(9), rs.getInt(10), rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the outbox cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * One pass: opens at the center what it does not know yet, sends what it does not hold, and
     * asks it how each request stands; then receives the reports of requests the center now
     * reports ({@link ReturnedReports#refresh}). Stops at the first sign that the center cannot be
     * reached (the next pass resumes); a request the center refuses keeps the reason as its problem.
     */
    public SyncReport sync(CenterClient client) {
        int created = 0;
        int sent = 0;
        int resent = 0;
        int refused = 0;
        for (String id : unfinished()) {
            // this request's progress in this pass, kept when the pass stops half-way
            int[] counts = new int[3];
            try {
                String centerId = centerId(id);
                if (centerId == null) {
                    CenterRequest r = client.create(json.readValue(requestJson(id), NewRequest.class));
                    centerId = r.id().toString();
                    update(db, "UPDATE outbox_requests SET center_request_id = ?, state = 'SENDING', center_state = ?, "
                            + "last_error = '', updated_at = ? WHERE client_request_id = ?", centerId, r.state().name(),
                            now(), id);
                    event(db, id, "OPENED", "the center's request " + centerId);
                    created++;
                }
                AddedImages.announce(db, client, id, UUID.fromString(centerId));
                LocalReports.send(db, client, id, UUID.fromString(centerId));
                CenterRequest r = null;
                // a few rounds: what a round could not place (a store that hiccuped, an image the
                // center turned out to lack) goes again at once rather than at the next pass
                for (int round = 0; round < 3; round++) {
                    int[] before = counts.clone();
                    sendPending(client, id, UUID.fromString(centerId), counts);
                    sent += counts[0] - before[0];
                    resent += counts[1] - before[1];
                    refused += counts[2] - before[2];
                    r = client.request(UUID.fromString(centerId));
                    if (r.state() != RequestState.RECEIVING) {
                        break;
                    }
                    // everything was acknowledged and the center still lacks some: find and queue them
                    if (pending(id) == 0 && verify(client, id, UUID.fromString(centerId)) == 0) {
                        break;
                    }
                }
                sentEvent(id, counts);
                boolean wasReceived = "RECEIVED".equals(string(db, 
                        "SELECT state FROM outbox_requests WHERE client_request_id = ?", id));
                update(db, "UPDATE outbox_requests SET state = ?, center_state = ?, last_error = ?, updated_at = ? "
                                + "WHERE client_request_id = ?", r.state() == RequestState.RECEIVING ? "SENDING" : "RECEIVED",
                        r.state().name(), refusedProblem(id), now(), id);
                if (!wasReceived && r.state() != RequestState.RECEIVING) {
                    event(db, id, "RECEIVED_COMPLETE", "the center holds every image; it is " + r.state().name().toLowerCase());
                }
            } catch (CenterException e) {
                update(db, "UPDATE outbox_requests SET last_error = ?, updated_at = ? WHERE client_request_id = ?",
                        clip(e.getMessage()), now(), id);
                sentEvent(id, counts);
                event(db, id, "STOPPED", clip(e.getMessage()));
                if (e.status() == 0 || e.status() >= 500 || e.status() == 401) {
                    return new SyncReport(created, sent, resent, refused, e.getMessage());
                }
            } catch (IOException e) {
                update(db, "UPDATE outbox_requests SET last_error = ?, updated_at = ? WHERE client_request_id = ?",
                        clip(e.getMessage()), now(), id);
            }
        }
        try {
            reports.refresh(client);
        } catch (CenterException e) {
            return new SyncReport(created, sent, resent, refused, e.getMessage());
        }
        return new SyncReport(created, sent, resent, refused, "");
    }

    /**
     * Compares, for every request the center knows, what it holds with what was sent, and queues
     * again every image it lacks or holds with other bytes; returns how many were queued.
     */
    public int verify(CenterClient client) throws CenterException {
        int queued = 0;
        for (String id : all()) {
            String centerId = centerId(id);
            if (centerId != null) {
                queued += verify(client, id, UUID.fromString(centerId));
            }
        }
        return queued;
    }

    private int verify(CenterClient client, String id, UUID centerId) throws CenterException {
        Map<String, String> held = new HashMap<>();
        for (HeldImage h : client.held(centerId)) {
            held.put(h.sopInstanceUid(), h.sha256());
        }
        int queued = 0;
        for (String[] image : images(id, "SENT")) {
            if (!image[2].equals(held.get(image[0]))) {
                update(db, "UPDATE outbox_images SET state = 'PENDING', last_error = ? WHERE client_request_id = ? AND "
                        + "sop_instance_uid = ?", held.containsKey(image[0]) ? "the center holds other bytes"
                        : "the center does not hold it", id, image[0]);
                queued++;
            }
        }
        if (queued > 0) {
            update(db, "UPDATE outbox_requests SET state = 'SENDING', updated_at = ? WHERE client_request_id = ?", now(), id);
            event(db, id, "CHECKED", queued + " images the center lacks or holds otherwise, queued again");
        }
        return queued;
    }

    /** The SENT line of a pass's progress with a request, when it sent anything. */
    private void sentEvent(String id, int[] counts) {
        if (counts[0] + counts[1] + counts[2] > 0) {
            event(db, id, "SENT", counts[0] + " images sent, " + counts[1] + " sent again, " + counts[2] + " refused");
        }
    }

    /**
     * Sends a request's pending images in batches, adding to {@code counts} {sent, sent again
     * after a check, refused} as it goes (so a pass that stops half-way still knows what it did).
     */
    private void sendPending(CenterClient client, String id, UUID centerId, int[] counts)
            throws CenterException, IOException {
        List<String[]> pending = images(id, "PENDING");
        int i = 0;
        while (i < pending.size()) {
            List<Path> files = new ArrayList<>();
            Map<String, String[]> bySop = new HashMap<>();
            long bytes = 0;
            while (i < pending.size() && files.size() < BATCH_IMAGES && (files.isEmpty() || bytes < BATCH_BYTES)) {
                String[] p = pending.get(i++);
                Path f = Path.of(p[1]);
                String now;
                try {
                    now = CenterClient.sha256Hex(f);
                } catch (IOException e) {
                    now = "";
                }
                if (!now.equals(p[2])) {
                    refuse(id, p[0], now.isEmpty() ? "the local file " + f + " cannot be read any more"
                            : "the local file " + f + " changed since it was submitted");
                    counts[2]++;
                    continue;
                }
                files.add(f);
                bySop.put(p[0], p);
                bytes += Long.parseLong(p[3]);
            }
            if (files.isEmpty()) {
                continue;
            }
            for (CenterClient.Sent s : client.send(centerId, files)) {
                String[] p = bySop.get(s.sopInstanceUid());
                if (p == null) {
                    continue;
                }
                if (s.stored()) {
                    update(db, "UPDATE outbox_images SET state = 'SENT', attempts = attempts + 1, last_error = '' WHERE "
                            + "client_request_id = ? AND sop_instance_uid = ?", id, p[0]);
                    counts[p[4].isEmpty() ? 0 : 1]++;
                } else if (s.failure().contains("arrived damaged") || s.failure().contains("image store")) {
                    // worth sending again: damaged on the way, or the center's store was down
                    LOG.warn("Image {} of request {} goes again: {}", p[0], id, s.failure());
                    update(db, "UPDATE outbox_images SET attempts = attempts + 1, last_error = ? WHERE client_request_id = ? "
                            + "AND sop_instance_uid = ?", clip(s.failure()), id, p[0]);
                } else {
                    refuse(id, p[0], s.failure());
                    counts[2]++;
                }
            }
        }
    }

    /** The site's side of a request's trace, oldest first. */
    public List<Event> trace(String clientRequestId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT at, who, workstation, "
                + "what, detail FROM outbox_events WHERE client_request_id = ? ORDER BY id")) {
            ps.setString(1, clientRequestId);
            List<Event> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox cannot be read: " + e.getMessage(), e);
        }
    }

    private void refuse(String id, String sop, String reason) {
        update(db, "UPDATE outbox_images SET state = 'REFUSED', attempts = attempts + 1, last_error = ? WHERE "
                + "client_request_id = ? AND sop_instance_uid = ?", clip(reason), id, sop);
    }

    /** One sentence on refused images, or empty. */
    private String refusedProblem(String id) {
        List<String[]> refused = images(id, "REFUSED");
        if (refused.isEmpty()) {
            return "";
        }
        return refused.size() + (refused.size() == 1 ? " image was" : " images were") + " refused: " + refused.get(0)[4];
    }

    private List<String> unfinished() {
        return ids(db, "SELECT client_request_id FROM outbox_requests WHERE state <> 'RECEIVED' OR EXISTS (SELECT 1 FROM "
                + "outbox_images i WHERE i.client_request_id = outbox_requests.client_request_id AND i.state = 'PENDING') "
                + "ORDER BY created_at");
    }

    private List<String> all() {
        return ids(db, "SELECT client_request_id FROM outbox_requests ORDER BY created_at");
    }

    /** {sop, path, sha256, bytes, last error} of a request's images in a state. */
    private List<String[]> images(String id, String state) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT sop_instance_uid, "
                + "file_path, sha256, bytes, last_error FROM outbox_images WHERE client_request_id = ? AND state = ? "
                + "ORDER BY file_path")) {
            bind(ps, id, state);
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                            String.valueOf(rs.getLong(4)), rs.getString(5)});
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox cannot be read: " + e.getMessage(), e);
        }
    }

    private int pending(String id) {
        return images(id, "PENDING").size();
    }

    private String centerId(String id) {
        return string(db, "SELECT center_request_id FROM outbox_requests WHERE client_request_id = ?", id);
    }

    private String requestJson(String id) {
        return string(db, "SELECT request_json FROM outbox_requests WHERE client_request_id = ?", id);
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox_requests WHERE client_request_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
