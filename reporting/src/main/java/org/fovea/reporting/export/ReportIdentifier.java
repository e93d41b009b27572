package org.fovea.reporting.export;

import org.fovea.reporting.Report;

import java.util.Optional;

/**
 * What a report's QR code says: {@code FOVEA-REPORT:<id>:<study UID>:<accession>}, enough for a
 * scanner at the front desk or in a clinic to find the report and the study it belongs to.
 */
public record ReportIdentifier(long reportId, String studyUid, String accession) {

    static final String PREFIX = "FOVEA-REPORT:";

    public static ReportIdentifier of(Report r) {
        return new ReportIdentifier(r.id(), r.study().studyUid(), r.study().accessionNumber());
    }

    public String encode() {
        return PREFIX + reportId + ":" + studyUid + ":" + accession;
    }

    /** The identifier a scanned text holds, or empty when it is not one of ours. */
    public static Optional<ReportIdentifier> decode(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] p = text.substring(PREFIX.length()).split(":", 3);
        if (p.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ReportIdentifier(Long.parseLong(p[0]), p[1], p[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
