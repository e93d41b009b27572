package org.fovea.dicom.net;

import java.util.Set;

/**
 * Turns what a user types as a name into a C-FIND pattern that finds it in any component group
 * of a DICOM person name, whatever the carets: a PACS matches the whole stored value, so
 * 王建国 would not match {@code WANG^JIANGUO=王^建国} and 王* would not either (the value starts
 * with W). The pattern puts {@code *} around and between the words, and between ideographs, so
 * 张伟, 王建国, 王*, "zhang wei" and ZHANG^WEI all find their patient, as the local archive's
 * name search does. A value with {@code =} names the component groups itself and is sent as typed.
 */
final class PersonNames {

    /** Person-name keys whose values are user text. */
    static final Set<String> KEYWORDS = Set.of("PatientName", "ReferringPhysicianName", "PerformingPhysicianName",
            "NameOfPhysiciansReadingStudy", "ScheduledPerformingPhysicianName", "RequestingPhysician");

    private PersonNames() {
    }

    static String pattern(String typed) {
        String v = typed == null ? "" : typed.trim();
        if (v.isEmpty() || v.contains("=")) {
            return v;
        }
        StringBuilder out = new StringBuilder("*");
        v.codePoints().forEach(c -> {
            if (c == '^' || c == ' ' || c == ',' || c == '*' || ideograph(c)) {
                if (out.charAt(out.length() - 1) != '*') {
                    out.append('*');
                }
                if (ideograph(c)) {
                    out.appendCodePoint(c).append('*');
                }
            } else {
                out.appendCodePoint(c);
            }
        });
        if (out.charAt(out.length() - 1) != '*') {
            out.append('*');
        }
        return out.toString();
    }

    private static boolean ideograph(int c) {
        return Character.isIdeographic(c) || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}
