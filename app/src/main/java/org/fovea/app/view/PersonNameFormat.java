package org.fovea.app.view;

/**
 * Shows a DICOM Person Name (PN) the way a Chinese reading room reads it. A PN holds up to three
 * component groups separated by '=' (alphabetic, ideographic, phonetic), each with '^'-separated
 * parts (family, given, middle, prefix, suffix). Chinese names are written family-then-given with
 * no space, so the ideographic group leads when present and the alphabetic (pinyin) group follows
 * in parentheses: {@code WANG^JIANGUO=王^建国} shows as {@code 王建国 (WANG JIANGUO)}.
 */
public final class PersonNameFormat {

    private PersonNameFormat() {
    }

    /**
     * A name as registration stores it: as the HIS writes a Chinese name (王^建国) it reads as one
     * (王建国); a DICOM one (WANG^JIANGUO=王^建国) as {@link #display} shows it.
     */
    public static String registered(String name) {
        boolean chinese = name.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return chinese && !name.contains("=") ? name.replace("^", "") : display(name);
    }

    public static String display(String pn) {
        if (pn == null || pn.isBlank()) {
            return "";
        }
        String[] groups = pn.split("=", -1);
        String alphabetic = joinParts(groups[0], " ");
        String ideographic = groups.length > 1 ? joinParts(groups[1], "") : "";
        if (ideographic.isEmpty()) {
            return alphabetic;
        }
        return alphabetic.isEmpty() ? ideographic : ideographic + " (" + alphabetic + ")";
    }

    private static String joinParts(String group, String separator) {
        StringBuilder sb = new StringBuilder();
        for (String part : group.split("\\^")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(separator);
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
