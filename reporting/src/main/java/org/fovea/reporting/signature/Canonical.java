package org.fovea.reporting.signature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.reporting.ReportVersion;
import org.fovea.reporting.StudyRef;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a signature covers: one version of a report as one line of JSON in UTF-8, keys in a fixed
 * order, no spaces — the study and patient it belongs to, its status, findings, impression,
 * structured fields (sorted), measurements as worded, the SHA-256 of each image, and the step
 * being signed (action, level, signer). The same version always gives the same bytes, so anyone
 * can rebuild them from the report and check the signature with standard tools.
 */
public final class Canonical {

    public static final String FORMAT = "fovea-report-signature-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Canonical() {
    }

    public static final String ADDENDUM_FORMAT = "fovea-report-addendum-v1";

    /**
     * What an addendum's signature covers: the report and study it belongs to, the final version it
     * is appended to, its number, its text and its signer.
     */
    public static byte[] addendum(long reportId, StudyRef study, int version, int seq, String text, String signer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", ADDENDUM_FORMAT);
        m.put("report", reportId);
        m.put("version", version);
        m.put("studyUid", study.studyUid());
        m.put("accession", study.accessionNumber());
        m.put("patientId", study.patientId());
        m.put("seq", seq);
        m.put("text", text);
        m.put("signer", signer);
        try {
            return JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] of(long reportId, StudyRef study, ReportVersion v, String action, int level, String signer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("report", reportId);
        m.put("version", v.version());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("studyUid", study.studyUid());
        s.put("accession", study.accessionNumber());
        s.put("patientId", study.patientId());
        s.put("patientName", study.patientName());
        s.put("modality", study.modality());
        s.put("exam", study.examItem());
        s.put("studyDate", study.studyDate() == null ? "" : study.studyDate().toString());
        m.put("study", s);
        m.put("status", v.status().name());
        m.put("findings", v.findings());
        m.put("impression", v.impression());
        m.put("fields", new TreeMap<>(v.fields()));
        m.put("measurements", v.measurements());
        m.put("images", v.imageHashes());
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("action", action);
        step.put("level", level);
        step.put("signer", signer);
        m.put("step", step);
        try {
            return JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
