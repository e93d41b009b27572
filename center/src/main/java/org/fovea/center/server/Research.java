package org.fovea.center.server;

import org.fovea.center.ResearchStudy;
import org.fovea.center.Role;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The research API (X3, Q4): research platforms (accounts of role RESEARCHER) list the reported
 * studies and read their images, de-identified, and nothing else. Identities become pseudonyms
 * keyed with the center's secret (HMAC-SHA256; the same patient of a hospital is the same
 * pseudonym in every study; UIDs become {@code 2.25.} UIDs made the same way), and each image is
 * de-identified by Orthanc (the PS3.15 basic profile) with those pseudonyms put in; the pixels are
 * the image's own. Free text (history, question, report) is not served: it may name people.
 */
public final class Research {

    private final DataSource db;
    private final OrthancStore store;
    private final byte[] secret;

    public Research(DataSource db, OrthancStore store) {
        this.db = db;
        this.store = store;
        this.secret = Jdbc.query(db, "SELECT value FROM center_secrets WHERE name = 'research'", rs -> rs.getString(1))
                .get(0).getBytes(StandardCharsets.UTF_8);
    }

    private record Row(UUID id, String hospital, String patientId, String sex, String birthDate, String modality,
                       String bodyPart, String exam, int images, java.sql.Timestamp created, java.sql.Timestamp reported) {
    }

    /** The reported studies, newest first. */
    public List<ResearchStudy> studies(Account who, int limit) {
        researcher(who);
        return rows("", limit).stream().map(this::study).toList();
    }

    /** The pseudonymous SOP Instance UIDs of a study's images. */
    public List<String> instances(Account who, String study) {
        researcher(who);
        Row r = row(study);
        return Jdbc.query(db, "SELECT sop_instance_uid FROM request_images WHERE request_id = ? ORDER BY sop_instance_uid",
                rs -> uid(rs.getString(1)), r.id());
    }

    /** One image, de-identified, its identities replaced by the pseudonyms {@link #studies} gives. */
    public byte[] instance(Account who, String study, String instance) throws IOException {
        researcher(who);
        Row r = row(study);
        List<String[]> images = Jdbc.query(db, "SELECT sop_instance_uid, orthanc_id FROM request_images WHERE "
                + "request_id = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, r.id());
        String[] image = images.stream().filter(i -> uid(i[0]).equals(instance)).findFirst()
                .orElseThrow(() -> ApiException.notFound("study " + study + " has no image " + instance));
        Map<String, String> replace = new LinkedHashMap<>();
        String patient = patient(r);
        replace.put("PatientName", patient);
        replace.put("PatientID", patient);
        replace.put("StudyInstanceUID", uid("study|" + r.id()));
        replace.put("SeriesInstanceUID", uid(store.tag(image[1], "0020,000e")));
        replace.put("SOPInstanceUID", instance);
        replace.put("StudyID", study.substring(0, Math.min(16, study.length())));
        byte[] dicom = store.anonymized(image[1], replace);
        return dicom;
    }

    private ResearchStudy study(Row r) {
        Integer age = null;
        if (r.birthDate().matches("[0-9]{8}")) {
            LocalDate born = LocalDate.parse(r.birthDate(), DateTimeFormatter.BASIC_ISO_DATE);
            age = Period.between(born, r.created().toInstant().atZone(ZoneOffset.UTC).toLocalDate()).getYears();
        }
        return new ResearchStudy(pseudonym("study|" + r.id()), patient(r), r.modality(), r.bodyPart(), r.exam(), r.sex(),
                age, r.images(), r.reported() == null ? null : r.reported().toInstant());
    }

    /**
     * The request a study pseudonym stands for: remembered from the listings (a research platform
     * lists, then downloads image after image), else found by keying every reported request once.
     */
    private Row row(String study) {
        UUID known = requests.get(study);
        if (known != null) {
            List<Row> r = rows(" AND r.id = ?", known, 1);
            if (!r.isEmpty()) {
                return r.get(0);
            }
        }
        return rows("", 100_000).stream().filter(r -> pseudonym("study|" + r.id()).equals(study)).findFirst()
                .orElseThrow(() -> ApiException.notFound("there is no study " + study));
    }

    /** Study pseudonyms to request ids, as computed (memory spares work only: each is recomputable). */
    private final Map<String, UUID> requests = new java.util.concurrent.ConcurrentHashMap<>();

    private List<Row> rows(String where, Object... params) {
        return Jdbc.query(db, "SELECT r.id, h.code, r.patient_id, r.patient_sex, r.patient_birth_date, r.modality, "
                + "r.body_part, r.exam_description, r.received_images, r.created_at, (SELECT MAX(reported_at) FROM "
                + "request_reports x WHERE x.request_id = r.id) FROM requests r JOIN hospitals h ON h.id = r.hospital_id "
                + "WHERE r.state = 'REPORTED'" + where + " ORDER BY r.created_at DESC LIMIT ?", rs -> {
                    Row r = new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                            rs.getTimestamp(10), rs.getTimestamp(11));
                    requests.putIfAbsent(pseudonym("study|" + r.id()), r.id());
                    return r;
                }, params);
    }

    private String patient(Row r) {
        return "R-" + pseudonym("patient|" + r.hospital() + "|" + r.patientId()).substring(0, 12);
    }

    private String pseudonym(String what) {
        return HexFormat.of().formatHex(hmac(what)).substring(0, 24);
    }

    /** A {@code 2.25.} UID (PS3.5 B.2) keyed from what it stands for. */
    private String uid(String original) {
        byte[] h = java.util.Arrays.copyOf(hmac("uid|" + original), 16);
        return "2.25." + new BigInteger(1, h);
    }

    private byte[] hmac(String what) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(what.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static void researcher(Account who) {
        if (who.role() != Role.RESEARCHER) {
            throw ApiException.forbidden("the research API is for research accounts; " + who.login() + " is "
                    + who.role().name().toLowerCase());
        }
    }
}
