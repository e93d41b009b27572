package org.fovea.reporting.history;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import org.fovea.reporting.ReportVersion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two versions of a report side by side (P10), by java-diff-utils: each section (status,
 * findings, impression, structured fields, measurements, images) line by line, and within a
 * changed line the changed characters (Chinese has no spaces between words, so the unit is the
 * character).
 */
public final class VersionDiff {

    /** A piece of a line, changed or not. */
    public record Span(String text, boolean changed) {
    }

    /** One row: a section's line before and after; EQUAL rows are there for context. */
    public record Row(String section, Kind kind, List<Span> before, List<Span> after) {

        public String beforeText() {
            return join(before);
        }

        public String afterText() {
            return join(after);
        }

        private static String join(List<Span> spans) {
            StringBuilder b = new StringBuilder();
            spans.forEach(s -> b.append(s.text()));
            return b.toString();
        }
    }

    public enum Kind { EQUAL, CHANGED, ADDED, REMOVED }

    // characters no report contains, marking the changed runs inside a row
    private static final String OLD_START = "\u0001";
    private static final String OLD_END = "\u0002";
    private static final String NEW_START = "\u0003";
    private static final String NEW_END = "\u0004";

    private VersionDiff() {
    }

    /** Every row of every section, in the order the report shows them. */
    public static List<Row> between(ReportVersion a, ReportVersion b) {
        List<Row> rows = new ArrayList<>();
        rows.addAll(section("status", List.of(a.status().name()), List.of(b.status().name())));
        rows.addAll(section("findings", lines(a.findings()), lines(b.findings())));
        rows.addAll(section("impression", lines(a.impression()), lines(b.impression())));
        rows.addAll(section("fields", fieldLines(a.fields()), fieldLines(b.fields())));
        rows.addAll(section("measurements", lines(a.measurements()), lines(b.measurements())));
        rows.addAll(section("images", imageLines(a.imageHashes()), imageLines(b.imageHashes())));
        return rows;
    }

    /** Only the rows that differ. */
    public static List<Row> changes(ReportVersion a, ReportVersion b) {
        return between(a, b).stream().filter(r -> r.kind() != Kind.EQUAL).toList();
    }

    private static List<Row> section(String name, List<String> before, List<String> after) {
        DiffRowGenerator generator = DiffRowGenerator.create().showInlineDiffs(true).mergeOriginalRevised(false)
                .inlineDiffByWord(false)
                // the text as it is: the default normaliser escapes HTML and turns tabs into spaces
                .lineNormalizer(line -> line).oldTag(start -> start ? OLD_START : OLD_END)
                .newTag(start -> start ? NEW_START : NEW_END).build();
        List<Row> rows = new ArrayList<>();
        for (DiffRow r : generator.generateDiffRows(before, after)) {
            Kind kind = switch (r.getTag()) {
                case EQUAL -> Kind.EQUAL;
                case CHANGE -> Kind.CHANGED;
                case INSERT -> Kind.ADDED;
                case DELETE -> Kind.REMOVED;
            };
            rows.add(new Row(name, kind, spans(r.getOldLine(), OLD_START, OLD_END, kind == Kind.REMOVED),
                    spans(r.getNewLine(), NEW_START, NEW_END, kind == Kind.ADDED)));
        }
        return rows;
    }

    /** A generated line as spans: the runs between the markers are the changed ones. */
    private static List<Span> spans(String text, String start, String end, boolean wholeChanged) {
        List<Span> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int s = text.indexOf(start, i);
            if (s < 0) {
                out.add(new Span(text.substring(i), wholeChanged));
                break;
            }
            if (s > i) {
                out.add(new Span(text.substring(i, s), wholeChanged));
            }
            int e = text.indexOf(end, s + 1);
            e = e < 0 ? text.length() : e;
            out.add(new Span(text.substring(s + 1, e), true));
            i = e + 1;
        }
        out.removeIf(sp -> sp.text().isEmpty());
        return out;
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }

    private static List<String> fieldLines(Map<String, String> fields) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(fields).forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.add(k + ": " + v);
            }
        });
        return out;
    }

    private static List<String> imageLines(List<String> hashes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            out.add("image " + (i + 1) + " sha256 " + hashes.get(i).substring(0, Math.min(16, hashes.get(i).length())));
        }
        return out;
    }
}
