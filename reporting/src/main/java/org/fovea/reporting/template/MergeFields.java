package org.fovea.reporting.template;

import org.fovea.reporting.ReportMeasurement;
import org.fovea.reporting.StudyRef;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a template's merge fields ({@code {{patient.name}}}, {@code {{study.date}}},
 * {@code {{measurements}}}, a structured field's {@code {{id}}}) from the study, the
 * measurements and the field values. A name it does not know stays as written, visible, so a
 * typo in a template is seen in the report rather than silently dropped.
 */
public final class MergeFields {

    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([\\w.-]+)\\s*}}");

    private MergeFields() {
    }

    public static String fill(String text, StudyRef study, List<ReportMeasurement> measurements,
                              Map<String, String> fields) {
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = value(m.group(1), study, measurements, fields);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String name, StudyRef s, List<ReportMeasurement> measurements, Map<String, String> fields) {
        return switch (name) {
            case "patient.name" -> displayName(s.patientName());
            case "patient.id" -> s.patientId();
            case "patient.sex" -> switch (s.sex().toUpperCase(java.util.Locale.ROOT)) {
                case "M" -> "男";
                case "F" -> "女";
                default -> s.sex();
            };
            case "patient.age" -> s.age();
            case "study.date" -> s.studyDate() == null ? "" : s.studyDate().toString();
            case "study.accession" -> s.accessionNumber();
            case "study.exam" -> s.examItem();
            case "study.modality" -> s.modality();
            case "measurements" -> String.join("\n", measurements.stream().map(ReportMeasurement::text)
                    .filter(t -> !t.isEmpty()).toList());
            default -> fields.get(name);
        };
    }

    /** A DICOM person name as read in a report: the ideographic group when there is one. */
    public static String displayName(String pn) {
        String[] groups = pn.split("=", -1);
        String chosen = groups.length > 1 && !groups[1].isBlank() ? groups[1] : groups[0];
        return chosen.replace("^", groups.length > 1 && !groups[1].isBlank() ? "" : " ").trim();
    }
}
