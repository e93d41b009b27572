package org.fovea.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.marks.MarkArchive;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Lists a study's measurements and annotations from the DICOM objects in the archive: Fovea's
 * own measurement report and presentation state, and those made elsewhere, with what cannot be
 * shown and why. Values are measured on the images as the viewer measures them.
 */
@Command(name = "measurements", description = "List a study's measurements and annotations (from its SR and GSPS objects).")
final class MeasurementsCommand implements Callable<Integer> {

    @ParentCommand
    private FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "The Study Instance UID.")
    private String study;

    @Option(names = "--json", description = "Machine-readable output.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalArchive archive = LocalArchive.open(parent.home())) {
            if (archive.study(study).isEmpty()) {
                throw new UserError("No study " + study + " in the archive at " + parent.home());
            }
            MarkArchive marks = new MarkArchive(archive, parent.home().resolve("work"));
            MarkArchive.Loaded loaded = marks.load(study);
            List<Annotation> all = new ArrayList<>(loaded.ours());
            all.addAll(loaded.others().keySet());
            List<Measured> measured = marks.measure(study, all);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Measured m : measured) {
                rows.add(row(m, loaded.others().getOrDefault(m.annotation(), "Fovea")));
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("study", study);
                doc.put("measurements", rows);
                doc.put("keyImages", loaded.keyImages().entrySet().stream().map(e -> Map.of(
                        "sopInstanceUid", e.getKey().sopInstanceUid(), "frame", e.getKey().frame(),
                        "note", e.getValue())).toList());
                doc.put("notShown", loaded.notShown());
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            } else {
                text(out, measured, loaded);
            }
            out.flush();
        }
        return 0;
    }

    private static Map<String, Object> row(Measured m, String source) {
        Annotation a = m.annotation();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", a.id());
        r.put("type", a.kind().name().toLowerCase(Locale.ROOT));
        r.put("source", source);
        List<Map<String, Object>> values = new ArrayList<>();
        for (Value v : m.values()) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("quantity", v.quantity().name().toLowerCase(Locale.ROOT));
            value.put("value", v.value());
            value.put("unit", v.unit().ucum());
            values.add(value);
        }
        r.put("values", values);
        r.put("scale", m.scale().describe());
        r.put("seriesUid", a.image().seriesUid());
        r.put("sopInstanceUid", a.image().sopInstanceUid());
        r.put("frame", a.image().frame());
        r.put("points", a.points().stream().map(p -> List.of(p.x(), p.y())).toList());
        if (!a.text().isEmpty()) {
            r.put("text", a.text());
        }
        return r;
    }

    private static void text(PrintWriter out, List<Measured> measured, MarkArchive.Loaded loaded) {
        if (measured.isEmpty()) {
            out.println("No measurements or annotations.");
        }
        for (Measured m : measured) {
            Annotation a = m.annotation();
            StringBuilder values = new StringBuilder();
            for (Value v : m.values()) {
                if (values.length() > 0) {
                    values.append(", ");
                }
                values.append(v.quantity().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", v.value()));
                if (!v.unit().symbol().isEmpty()) {
                    values.append(' ').append(v.unit().symbol());
                }
            }
            StringBuilder points = new StringBuilder();
            for (ImagePoint p : a.points().subList(0, Math.min(4, a.points().size()))) {
                points.append(String.format(Locale.ROOT, " (%.1f,%.1f)", p.x(), p.y()));
            }
            if (a.points().size() > 4) {
                points.append(" …").append(a.points().size()).append(" points");
            }
            out.printf(Locale.ROOT, "%-15s %s%s%n  series %s image %s frame %d;%s; scale: %s%s%n",
                    a.kind().name().toLowerCase(Locale.ROOT), values.length() == 0 ? "-" : values,
                    a.text().isEmpty() ? "" : " \"" + a.text() + "\"", a.image().seriesUid(),
                    a.image().sopInstanceUid(), a.image().frame(), points, m.scale().describe(),
                    loaded.others().containsKey(a) ? "; " + loaded.others().get(a) : "");
        }
        loaded.keyImages().forEach((image, note) -> out.println("key image " + image.sopInstanceUid()
                + (note.isEmpty() ? "" : ": " + note)));
        for (String reason : loaded.notShown()) {
            out.println("not shown: " + reason);
        }
    }
}
