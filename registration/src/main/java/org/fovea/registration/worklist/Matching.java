package org.fovea.registration.worklist;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.ValueRepresentation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * C-FIND matching of one key against one of our values (PS3.4 C.2.2.2): single value, wildcard
 * ({@code *} any run, {@code ?} one character), UID list, and date and time ranges
 * ({@code A-B}, {@code A-}, {@code -B}). A key is compiled once per query, so a malformed one is
 * refused before the database is read, and its value is not re-parsed for each booking.
 *
 * <p>Person names match in any component group: the HIS writes {@code 王^建国}, a DICOM system
 * {@code WANG^JIANGUO=王^建国}, and a technician typing {@code 王*} or {@code WANG*} means either
 * form. Names match without regard to letter case (PS3.4 lets the SCP choose): a console that
 * sends {@code wang*} finds WANG^JIANGUO.
 */
final class Matching {

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(
            ResolverStyle.STRICT);
    private static final Pattern TM = Pattern.compile("([01]\\d|2[0-3])([0-5]\\d)?([0-5]\\d|60)?(\\.\\d{1,6})?");

    /**
     * A key whose value is not valid for its VR: the request is refused with the key as the
     * offending element and the problem as the error comment (an LO: 64 characters at most, so
     * the problem does not repeat the key's name, which the message for the log adds).
     */
    static final class BadKey extends Exception {
        private final transient AttributeTag tag;
        private final String problem;

        BadKey(AttributeTag tag, String keyword, String problem) {
            super(keyword + " " + problem);
            this.tag = tag;
            this.problem = problem;
        }

        AttributeTag tag() {
            return tag;
        }

        String problem() {
            return problem;
        }
    }

    /** A compiled key: the test of our value, and what SQL can filter on (either may be null). */
    record Key(Predicate<String> test, String exact, String from, String to) {
        boolean matches(String ours) {
            return test.test(ours == null ? "" : ours);
        }
    }

    private Matching() {
    }

    /** Whether the value asks anything: an empty value or a lone {@code *} matches every value. */
    static boolean universal(String value) {
        String v = value.strip();
        return v.isEmpty() || v.equals("*") || v.replace("^", "").replace("=", "").isEmpty();
    }

    /**
     * Compiles a non-universal key of the given VR.
     *
     * @throws BadKey when a date or time is malformed
     */
    static Key compile(AttributeTag tag, byte[] vr, String keyword, String value) throws BadKey {
        String v = value.strip();
        if (ValueRepresentation.isDateVR(vr)) {
            String[] range = range(tag, keyword, v, "a date: yyyyMMdd, or a range A-B, A-, -B");
            String from = range[0].isEmpty() ? "" : date(tag, keyword, range[0]);
            String to = range[1].isEmpty() ? "99999999" : date(tag, keyword, range[1]);
            if (from.compareTo(to) > 0) {
                throw new BadKey(tag, keyword, v + ": the range ends before it starts");
            }
            return new Key(ours -> !ours.isEmpty() && ours.compareTo(from) >= 0 && ours.compareTo(to) <= 0, null,
                    range[0].isEmpty() ? null : from, range[1].isEmpty() ? null : to);
        }
        if (ValueRepresentation.isTimeVR(vr)) {
            String[] range = range(tag, keyword, v, "a time: HHmmss, or a range A-B, A-, -B");
            String from = range[0].isEmpty() ? "000000" : time(tag, keyword, range[0], '0');
            String to = range[1].isEmpty() ? "999999" : time(tag, keyword, range[1], '9');
            return new Key(ours -> {
                String t = ours.length() >= 6 ? ours.substring(0, 6) : ours;
                return !t.isEmpty() && t.compareTo(from) >= 0 && t.compareTo(to) <= 0;
            }, null, null, null);
        }
        if (ValueRepresentation.isUniqueIdentifierVR(vr)) {
            Set<String> uids = Arrays.stream(v.split("\\\\")).map(String::strip).collect(Collectors.toSet());
            return new Key(uids::contains, uids.size() == 1 ? v : null, null, null);
        }
        boolean name = ValueRepresentation.isPersonNameVR(vr);
        List<Predicate<String>> any = new ArrayList<>();
        for (String alternative : v.split("\\\\")) {
            any.add(name ? personName(alternative.strip()) : wildcard(alternative.strip(), false));
        }
        boolean plain = !name && any.size() == 1 && v.indexOf('*') < 0 && v.indexOf('?') < 0;
        return new Key(ours -> any.stream().anyMatch(p -> p.test(ours.strip())), plain ? v : null, null, null);
    }

    private static String[] range(AttributeTag tag, String keyword, String v, String expected) throws BadKey {
        if (v.indexOf('\\') >= 0 || v.equals("-") || v.indexOf('-') != v.lastIndexOf('-')) {
            throw new BadKey(tag, keyword, v + " is not " + expected);
        }
        int dash = v.indexOf('-');
        return dash < 0 ? new String[] {v, v} : new String[] {v.substring(0, dash), v.substring(dash + 1)};
    }

    private static String date(AttributeTag tag, String keyword, String d) throws BadKey {
        try {
            if (d.length() == 8) {
                LocalDate.parse(d, DA);
                return d;
            }
        } catch (DateTimeParseException e) {
            // named below, with what was expected
        }
        throw new BadKey(tag, keyword, d + " is not a date yyyyMMdd");
    }

    /** HH, HHmm or HHmmss(.ffffff) as six digits, the missing ones filled with {@code fill} (0 from, 9 to). */
    private static String time(AttributeTag tag, String keyword, String t, char fill) throws BadKey {
        if (!TM.matcher(t).matches()) {
            throw new BadKey(tag, keyword, t + " is not a time HHmmss");
        }
        String digits = t.contains(".") ? t.substring(0, t.indexOf('.')) : t;
        StringBuilder out = new StringBuilder(digits);
        while (out.length() < 6) {
            // the end of a range at a coarser precision takes in the whole hour or minute it names
            out.append(fill == '9' && out.length() % 2 == 0 ? '5' : fill);
        }
        return out.toString();
    }

    /** A value with wildcards, or a single value, matched as a whole. */
    static Predicate<String> wildcard(String pattern, boolean ignoreCase) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return ignoreCase ? ours -> ours.equalsIgnoreCase(pattern) : pattern::equals;
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        pattern.codePoints().forEach(c -> {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.appendCodePoint(c);
            }
        });
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        Pattern p = Pattern.compile(regex.toString(),
                Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
        return ours -> p.matcher(ours).matches();
    }

    /**
     * A person name key: without {@code =} it may match any component group of ours; with it,
     * each group it gives matches ours of the same place.
     */
    static Predicate<String> personName(String key) {
        if (key.indexOf('=') < 0) {
            Predicate<String> p = wildcard(trimComponents(key), true);
            return ours -> {
                for (String group : ours.split("=", -1)) {
                    if (p.test(trimComponents(group))) {
                        return true;
                    }
                }
                return false;
            };
        }
        String[] keyGroups = key.split("=", -1);
        List<Predicate<String>> groups = new ArrayList<>();
        for (String g : keyGroups) {
            groups.add(universal(g) ? null : wildcard(trimComponents(g), true));
        }
        return ours -> {
            String[] ourGroups = ours.split("=", -1);
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i) != null && !groups.get(i).test(i < ourGroups.length ? trimComponents(ourGroups[i]) : "")) {
                    return false;
                }
            }
            return true;
        };
    }

    /** {@code 王^建国^^} and {@code 王^建国} are the same name: empty trailing components are padding. */
    private static String trimComponents(String group) {
        String g = group.strip();
        int end = g.length();
        while (end > 0 && g.charAt(end - 1) == '^') {
            end--;
        }
        return g.substring(0, end);
    }
}
