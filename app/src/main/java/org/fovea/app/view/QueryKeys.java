package org.fovea.app.view;

import org.fovea.dicom.DicomDate;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The C-FIND keys the command line and the query panel send. A key with an empty value asks the
 * peer to return that attribute; the attributes listed per level are the ones a reader needs to
 * pick a study or series, so a bare query still shows a useful table.
 */
public final class QueryKeys {

    public static final List<String> STUDY = List.of("PatientName", "PatientID", "PatientBirthDate", "PatientSex",
            "StudyDate", "StudyTime", "AccessionNumber", "StudyDescription", "ModalitiesInStudy",
            "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances", "StudyInstanceUID");
    public static final List<String> SERIES = List.of("StudyInstanceUID", "SeriesNumber", "Modality",
            "SeriesDescription", "BodyPartExamined", "NumberOfSeriesRelatedInstances", "SeriesInstanceUID");
    public static final List<String> IMAGE = List.of("StudyInstanceUID", "SeriesInstanceUID", "InstanceNumber",
            "SOPClassUID", "SOPInstanceUID");

    /**
     * Modality worklist attributes, flat: the Scheduled Procedure Step ones (Modality, station,
     * start date and time, step description) are matched and returned inside its sequence.
     */
    public static final List<String> WORKLIST = List.of("PatientName", "PatientID", "PatientBirthDate", "PatientSex",
            "AccessionNumber", "Modality", "ScheduledProcedureStepStartDate", "ScheduledProcedureStepStartTime",
            "ScheduledStationAETitle", "ScheduledProcedureStepDescription", "RequestedProcedureDescription",
            "StudyInstanceUID");

    private QueryKeys() {
    }

    /** The return keys (empty values) with the matching keys laid over them, in a stable order. */
    public static Map<String, String> withReturnKeys(List<String> returnKeys, Map<String, String> matching) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String k : returnKeys) {
            keys.put(k, "");
        }
        keys.putAll(matching);
        return keys;
    }

    /**
     * Reads {@code TAG=VALUE} assignments as typed on the command line; a bare {@code TAG} (or
     * {@code TAG=}) asks for the attribute without matching on it.
     *
     * @throws IllegalArgumentException naming the assignment that has no keyword
     */
    public static Map<String, String> parseAssignments(List<String> assignments) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            String tag = (eq < 0 ? a : a.substring(0, eq)).trim();
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("'" + a + "' has no attribute keyword: write KEYWORD=VALUE, e.g. PatientName=张*");
            }
            keys.put(tag, eq < 0 ? "" : a.substring(eq + 1));
        }
        return keys;
    }

    /**
     * A patient-name match from what a user typed: Chinese or pinyin anywhere in the name (a PN
     * holds both groups, "张伟=ZHANG^WEI", so a prefix match would miss the second), or the
     * user's own wildcards as typed. Empty when nothing was typed.
     */
    public static String nameMatch(String typed) {
        String t = typed == null ? "" : typed.trim();
        if (t.isEmpty() || t.contains("*") || t.contains("?")) {
            return t;
        }
        return "*" + t.replace(' ', '^') + "*";
    }

    /**
     * Whether a typed name is Latin letters only: pinyin, initials or a name in Latin script. A
     * PACS matches it only against names stored in Latin letters, so a name stored only in
     * characters (张^伟) must be matched here, on the answers, by the study list's rule.
     */
    public static boolean nameNeedsLocalMatch(String typed) {
        String t = typed == null ? "" : typed.trim();
        return !t.isEmpty() && t.chars().anyMatch(Character::isLetter)
                && t.chars().allMatch(c -> (c < 128 && Character.isLetter(c)) || c == ' ' || c == '^');
    }

    /** A DICOM date range: "20240101-20240131", open at either end, or empty for any date. */
    public static String dateRange(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return "";
        }
        if (from != null && from.equals(to)) {
            return DicomDate.format(from);
        }
        return (from == null ? "" : DicomDate.format(from)) + "-" + (to == null ? "" : DicomDate.format(to));
    }
}
