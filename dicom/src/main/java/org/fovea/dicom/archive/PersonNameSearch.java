package org.fovea.dicom.archive;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a DICOM person name into the text the name search runs on, and a user's search text
 * into the pattern. The key holds each group of the name (alphabetic, ideographic, phonetic)
 * lower-case without its separators and spaces, and for a group written in Chinese characters
 * its pinyin and initials ({@link PinyinForms}), separated by '|'. The search text loses its
 * spaces and separators too, so 王建国, 王^建国, "wang jianguo", wangjianguo and wjg all find
 * 王^建国, and "zhang wei" finds ZHANG^WEI.
 */
public final class PersonNameSearch {

    private PersonNameSearch() {
    }

    /**
     * Whether a person name matches a search text by the study list's rule, for names that did not
     * come from the index (a PACS's C-FIND answers): "zw" and "zhang wei" match 张^伟.
     */
    public static boolean matches(String personName, String typed) {
        String t = normalize(typed);
        return !t.isEmpty() && personName != null && key(personName).contains(t);
    }

    /**
     * The text a name search runs on, to be stored beside the name (the archive's index, the
     * reports table): its groups and their pinyin and initials, lower case, separated by '|'.
     */
    public static String key(String personName) {
        Set<String> forms = new LinkedHashSet<>();
        for (String group : personName.split("=", -1)) {
            String joined = squeeze(group);
            if (!joined.isEmpty()) {
                forms.add(joined);
                forms.addAll(PinyinForms.of(joined));
            }
        }
        return String.join("|", forms);
    }

    /** The search text as the key stores it, or empty when there is nothing to search for. */
    public static String normalize(String text) {
        return text == null ? "" : squeeze(text.replace('=', ' ').replace('|', ' '));
    }

    /** A LIKE pattern (escape character '\') matching the normalized text anywhere in a key. */
    public static String likePattern(String normalized) {
        StringBuilder sb = new StringBuilder("%");
        for (char ch : normalized.toCharArray()) {
            if (ch == '%' || ch == '_' || ch == '\\') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.append('%').toString();
    }

    /** Lower case, without the component separators and white space. */
    private static String squeeze(String s) {
        return s.replace('^', ' ').replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
