package org.fovea.dicom.archive;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a DICOM person name into the text the name search runs on, and a user's search text
 * into the pattern. Each group of the name (alphabetic, ideographic, phonetic) appears twice,
 * once with spaces between its components and once without, because Chinese users type 王建国
 * while the name is stored as 王^建国, and others type "wang jianguo" for WANG^JIANGUO.
 */
final class PersonNameSearch {

    private PersonNameSearch() {
    }

    static String key(String personName) {
        Set<String> forms = new LinkedHashSet<>();
        for (String group : personName.split("=", -1)) {
            List<String> components = new ArrayList<>();
            for (String component : group.split("\\^", -1)) {
                String c = collapse(component);
                if (!c.isEmpty()) {
                    components.add(c);
                }
            }
            if (!components.isEmpty()) {
                forms.add(String.join(" ", components));
                forms.add(String.join("", components));
            }
        }
        return String.join("|", forms);
    }

    /** The search text as the key stores it, or empty when there is nothing to search for. */
    static String normalize(String text) {
        return text == null ? "" : collapse(text.replace('^', ' ').replace('=', ' '));
    }

    /** A LIKE pattern (escape character '\') matching the normalized text anywhere in a key. */
    static String likePattern(String normalized) {
        StringBuilder sb = new StringBuilder("%");
        for (char ch : normalized.toCharArray()) {
            if (ch == '%' || ch == '_' || ch == '\\') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.append('%').toString();
    }

    private static String collapse(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
