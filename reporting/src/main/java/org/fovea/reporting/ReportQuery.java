package org.fovea.reporting;

import java.time.LocalDate;

/**
 * Combined report search (P14). Every criterion is optional (empty string or null = any); the
 * ones given must all hold.
 *
 * @param name     patient name as typed: characters, pinyin or initials, by the study list's rule
 * @param patientId exact patient ID
 * @param from     first exam date, inclusive; {@code to} last, inclusive
 * @param status   null for any
 * @param text     words that must appear in the findings or the impression
 */
public record ReportQuery(String name, String patientId, String modality, String bodyPart, LocalDate from,
                          LocalDate to, ReportStatus status, String author, String text, int offset, int limit) {

    public static ReportQuery all() {
        return new ReportQuery("", "", "", "", null, null, null, "", "", 0, 200);
    }
}
