package org.fovea.center.server;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import org.fovea.center.CenterRequest;
import org.fovea.center.HeldImage;
import org.fovea.center.RequestState;
import org.fovea.center.Role;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The images of requests, as sites send them by STOW-RS: each part checked against the SHA-256
 * the site computed before sending it ({@code Digest: sha-256=BASE64}), against the request
 * (its study and patient, how many images it announced), stored in Orthanc, then recorded. A
 * request is "received complete" once the center holds every announced image. An image sent
 * again with the same content is acknowledged without being stored twice.
 */
public final class RequestImages {

    private final DataSource db;
    private final Requests requests;
    private final OrthancStore store;

    public RequestImages(DataSource db, Requests requests, OrthancStore store) {
        this.db = db;
        this.requests = requests;
        this.store = store;
    }

    /** What became of one part of a STOW-RS request. */
    public record Outcome(String sopClassUid, String sopInstanceUid, boolean stored, boolean alreadyHeld,
                          String failure) {
    }

    /**
     * Takes the parts of one STOW-RS request into a request of the asking doctor's hospital.
     *
     * @throws ApiException 403 when the request is not theirs to send to, 409 when it no longer takes images
     */
    public List<Outcome> receive(Account who, String workstation, UUID requestId, List<MultipartRelated.Part> parts) {
        CenterRequest r = requests.get(who, requestId);
        if (who.role() != Role.DOCTOR) {
            throw ApiException.forbidden("images come from the requesting hospital's doctors");
        }
        if (r.state() != RequestState.RECEIVING && r.state() != RequestState.RECEIVED) {
            throw new ApiException(409, "request " + requestId + " is " + r.state().name().toLowerCase()
                    + " and takes no more images");
        }
        // checked one after the other (cheap), then stored into Orthanc side by side (its storage
        // is the slow part, and it takes several at once), then recorded in one transaction
        java.util.Map<String, String> held = heldHashes(r.id());
        int room = r.announcedImages() - held.size();
        Outcome[] out = new Outcome[parts.size()];
        Checked[] checked = new Checked[parts.size()];
        List<Integer> toStore = new ArrayList<>();
        java.util.Set<String> inThisCall = new java.util.HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            Checked c = check(r, i + 1, parts.get(i));
            checked[i] = c;
            String sop = c.sopInstanceUid();
            String before = held.get(sop);
            if (c.refused() != null) {
                out[i] = c.refused();
            } else if (before != null) {
                out[i] = before.equals(c.sha256()) ? new Outcome(c.sopClassUid(), sop, true, true, "")
                        : failed(c.sopClassUid(), sop, "image " + sop + " is held already with other content");
            } else if (!inThisCall.add(sop)) {
                out[i] = failed(c.sopClassUid(), sop, "image " + sop + " is twice in this call");
            } else if (toStore.size() >= room) {
                out[i] = failed(c.sopClassUid(), sop, "the request announced " + r.announcedImages()
                        + " images and the center holds them all; image " + sop + " is not one of them");
            } else {
                toStore.add(i);
            }
        }
        store(r, parts, checked, out, toStore);
        List<Outcome> outcomes = List.of(out);
        record(who, workstation, r, outcomes);
        return outcomes;
    }

    /** Orthanc takes this many images at once from one call. */
    private static final int PARALLEL_STORES = 4;
    private static final java.util.concurrent.ExecutorService STORING = java.util.concurrent.Executors
            .newFixedThreadPool(PARALLEL_STORES, r -> {
                Thread t = new Thread(r, "center-orthanc-store");
                t.setDaemon(true);
                return t;
            });

    /** Stores the checked parts into Orthanc side by side and records those it took. */
    private void store(CenterRequest r, List<MultipartRelated.Part> parts, Checked[] checked, Outcome[] out,
                       List<Integer> toStore) {
        List<java.util.concurrent.Future<String>> ids = new ArrayList<>();
        for (int i : toStore) {
            byte[] bytes = parts.get(i).content();
            ids.add(STORING.submit(() -> store.store(bytes)));
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO request_images "
                + "(request_id, sop_instance_uid, sop_class_uid, sha256, bytes, orthanc_id, received_at) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (int k = 0; k < toStore.size(); k++) {
                int i = toStore.get(k);
                Checked o = checked[i];
                try {
                    String orthancId = ids.get(k).get();
                    Jdbc.bind(ps, r.id(), o.sopInstanceUid(), o.sopClassUid(), o.sha256(),
                            (long) parts.get(i).content().length, orthancId, now);
                    ps.addBatch();
                    out[i] = new Outcome(o.sopClassUid(), o.sopInstanceUid(), true, false, "");
                } catch (java.util.concurrent.ExecutionException e) {
                    out[i] = failed(o.sopClassUid(), o.sopInstanceUid(), "the center's image store did not take image "
                            + o.sopInstanceUid() + ": " + e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while storing images", e);
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database refused the images' record: " + e.getMessage(), e);
        }
    }

    /** A part checked on its own: refused with the reason, or to be stored, with its SHA-256. */
    private record Checked(Outcome refused, String sopClassUid, String sopInstanceUid, String sha256) {
        static Checked refused(Outcome o) {
            return new Checked(o, o.sopClassUid(), o.sopInstanceUid(), "");
        }
    }

    private Checked check(CenterRequest r, int n, MultipartRelated.Part p) {
        String type = p.header("content-type");
        if (!type.toLowerCase().startsWith("application/dicom")) {
            return Checked.refused(failed("", "", "part " + n + " is " + (type.isEmpty() ? "untyped" : type)
                    + ", not application/dicom"));
        }
        byte[] bytes = p.content();
        String sha256 = sha256(bytes);
        String expected = expectedSha256(p.header("digest"));
        // read for its UIDs before the hash is compared, so that a damaged image is named when it can be
        AttributeList list = new AttributeList();
        String unreadable = null;
        try {
            list.read(new DicomInputStream(new ByteArrayInputStream(bytes)), TagFromName.PixelData);
        } catch (IOException | DicomException | RuntimeException e) {
            unreadable = e.getMessage();
        }
        String sopClass = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPClassUID);
        String sop = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID);
        String which = sop.isEmpty() ? "part " + n : "image " + sop;
        if (expected == null) {
            return Checked.refused(failed(sopClass, sop, which + " came without \"Digest: sha-256=…\": the center cannot tell whether "
                    + "it arrived whole"));
        }
        if (!expected.equals(sha256)) {
            return Checked.refused(failed(sopClass, sop, which + " arrived damaged (its SHA-256 differs from the one sent with it): "
                    + "send it again"));
        }
        if (unreadable != null) {
            return Checked.refused(failed(sopClass, sop, which + " is not a DICOM object (" + unreadable + ")"));
        }
        if (sop.isEmpty()) {
            return Checked.refused(failed(sopClass, sop, "part " + n + " has no SOP Instance UID"));
        }
        String study = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.StudyInstanceUID);
        if (!study.equals(r.studyUid())) {
            return Checked.refused(failed(sopClass, sop, "image " + sop + " is of study " + study + ", the request is for study "
                    + r.studyUid()));
        }
        String patient = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientID);
        if (!patient.equals(r.patientId())) {
            return Checked.refused(failed(sopClass, sop, "image " + sop + " is of patient " + patient + ", the request is for patient "
                    + r.patientId()));
        }
        return new Checked(null, sopClass, sop, sha256);
    }

    /** Counts what the request holds now, completes it when every announced image is there, traces the call. */
    private void record(Account who, String workstation, CenterRequest r, List<Outcome> outcomes) {
        long stored = outcomes.stream().filter(o -> o.stored() && !o.alreadyHeld()).count();
        long again = outcomes.stream().filter(Outcome::alreadyHeld).count();
        long failed = outcomes.stream().filter(o -> !o.stored()).count();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                String state;
                try (PreparedStatement ps = c.prepareStatement("SELECT state FROM requests WHERE id = ? FOR UPDATE")) {
                    ps.setObject(1, r.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        state = rs.getString(1);
                    }
                }
                int held = count(c, r.id());
                boolean complete = held >= r.announcedImages() && RequestState.RECEIVING.name().equals(state);
                try (PreparedStatement ps = c.prepareStatement("UPDATE requests SET received_images = ?, updated_at = ?"
                        + (complete ? ", state = 'RECEIVED'" : "") + " WHERE id = ?")) {
                    Jdbc.bind(ps, held, Timestamp.from(Instant.now()), r.id());
                    ps.executeUpdate();
                }
                Requests.event(c, r.id(), who, workstation, "IMAGES", stored + " stored, " + again + " held already, "
                        + failed + " refused; " + held + " of " + r.announcedImages() + " held");
                if (complete) {
                    Requests.event(c, r.id(), who, workstation, "RECEIVED_COMPLETE", "all " + held + " images held");
                    Assignments.assignReceived(c, r.id());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database refused the images' record: " + e.getMessage(), e);
        }
    }

    /** The images the center holds for a request (after checking the account may see it). */
    public List<HeldImage> held(Account who, UUID requestId) {
        requests.get(who, requestId);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sop_instance_uid, sop_class_uid, sha256, bytes, "
                     + "received_at FROM request_images WHERE request_id = ? ORDER BY received_at, sop_instance_uid")) {
            ps.setObject(1, requestId);
            List<HeldImage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HeldImage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database cannot be read: " + e.getMessage(), e);
        }
    }

    /** The SOP Instance UIDs a request holds, with their SHA-256. */
    private java.util.Map<String, String> heldHashes(UUID request) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (String[] row : Jdbc.query(db, "SELECT sop_instance_uid, sha256 FROM request_images WHERE request_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, request)) {
            out.put(row[0], row[1]);
        }
        return out;
    }

    private static int count(Connection c, UUID request) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM request_images WHERE request_id = ?")) {
            ps.setObject(1, request);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Outcome failed(String sopClass, String sop, String reason) {
        return new Outcome(sopClass, sop, false, false, reason);
    }

    /** The hex SHA-256 a {@code Digest} header gives (RFC 3230, {@code sha-256=BASE64}), or null. */
    static String expectedSha256(String digest) {
        for (String item : digest.split(",")) {
            String s = item.strip();
            if (s.toLowerCase().startsWith("sha-256=")) {
                try {
                    return HexFormat.of().formatHex(Base64.getDecoder().decode(s.substring(8)));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
