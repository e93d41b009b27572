package org.fovea.app.hanging;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hanging protocols a workstation knows: the built-in ones (CT chest, CT head, CT abdomen,
 * MR brain, MR knee, chest DX) and the department's JSON files under
 * {@code FOVEA_HOME/settings/hanging/}, which replace a built-in of the same name and come first.
 * A file that cannot be read is left out with its name and the reason, and the others still work.
 */
public final class Protocols {

    /** The built-in protocols, in the order they are tried. */
    static final List<String> BUILT_IN = List.of("ct-chest", "ct-head", "ct-abdomen", "mr-brain", "mr-knee", "dx-chest");

    /** A protocol file that was left out, and why. */
    public record Problem(String file, String reason) {
    }

    /** Unknown fields (a typo) are refused with their name; a missing number or flag is 0 or false. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The department's order of the protocols, one name a line (not JSON: not a protocol file). */
    static final String ORDER_FILE = "order.txt";

    private final List<HangingProtocol> protocols;
    private final List<Problem> problems;
    private final Map<String, Path> files;

    private Protocols(List<HangingProtocol> protocols, List<Problem> problems, Map<String, Path> files) {
        this.protocols = List.copyOf(protocols);
        this.problems = List.copyOf(problems);
        this.files = Map.copyOf(files);
    }

    /** The department's file a protocol comes from; empty for a built-in one. */
    public java.util.Optional<Path> file(String name) {
        return java.util.Optional.ofNullable(files.get(name));
    }

    /** The built-in protocols and those of {@code home/settings/hanging/*.json}. */
    public static Protocols load(Path home) {
        Map<String, HangingProtocol> byName = new LinkedHashMap<>();
        Map<String, Path> sources = new java.util.HashMap<>();
        List<Problem> problems = new ArrayList<>();
        Path dir = home.resolve("settings").resolve("hanging");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                sorted.sort(null);
                for (Path f : sorted) {
                    try {
                        HangingProtocol p = check(JSON.readValue(f.toFile(), HangingProtocol.class), f.getFileName().toString());
                        byName.put(p.name(), p);
                        sources.put(p.name(), f);
                    } catch (IOException | IllegalArgumentException e) {
                        problems.add(new Problem(f.toString(), reason(e)));
                    }
                }
            } catch (IOException e) {
                problems.add(new Problem(dir.toString(), reason(e)));
            }
        }
        for (String name : BUILT_IN) {
            try (InputStream in = Protocols.class.getResourceAsStream("/org/fovea/app/hanging/" + name + ".json")) {
                HangingProtocol p = check(JSON.readValue(in, HangingProtocol.class), name + ".json");
                byName.putIfAbsent(p.name(), p);
            } catch (IOException e) {
                throw new IllegalStateException("the built-in hanging protocol " + name + " is broken: " + e.getMessage(), e);
            }
        }
        List<HangingProtocol> all = new ArrayList<>(byName.values());
        Path order = dir.resolve(ORDER_FILE);
        if (Files.isRegularFile(order)) {
            try {
                List<String> names = Files.readAllLines(order).stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
                // the names the department ordered first, in its order; any other after them, as they were
                all.sort(java.util.Comparator.comparingInt(p -> names.contains(p.name()) ? names.indexOf(p.name())
                        : names.size()));
            } catch (IOException e) {
                problems.add(new Problem(order.toString(), reason(e)));
            }
        }
        return new Protocols(all, problems, sources);
    }

    /** Writes the department's order of the protocols: tried first to last for a study. */
    public static void saveOrder(Path home, List<String> names) throws IOException {
        Path dir = home.resolve("settings").resolve("hanging");
        Files.createDirectories(dir);
        Files.write(dir.resolve(ORDER_FILE), names);
    }

    /** A protocol as the indented JSON its file holds. */
    public static String toJson(HangingProtocol p) {
        try {
            return writer().writeValueAsString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A protocol from JSON as a user typed it, refused with the reason as a protocol file would be. */
    public static HangingProtocol parse(String json) {
        try {
            return check(JSON.readValue(json, HangingProtocol.class), "the text");
        } catch (IOException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
    }

    private static com.fasterxml.jackson.databind.ObjectWriter writer() {
        return JSON.copy().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                .writerWithDefaultPrettyPrinter();
    }

    /**
     * Writes a protocol as the department's file {@code home/settings/hanging/NAME.json} (readable,
     * indented JSON), replacing one of the same name; from then on it is tried before the
     * built-ins. Refuses a protocol {@link #check} would leave out.
     */
    public static Path save(Path home, HangingProtocol p) throws IOException {
        Path dir = home.resolve("settings").resolve("hanging");
        String file = p.name().trim().replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-+|-+$)", "");
        return saveAs(dir.resolve((file.isEmpty() ? "protocol" : file) + ".json"), p);
    }

    /** Writes a protocol to a given department file (the one it was read from, when edited). */
    public static Path saveAs(Path target, HangingProtocol p) throws IOException {
        check(p, p.name());
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        writer().writeValue(temp.toFile(), p);
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** What makes a protocol unusable even when its JSON is well formed. */
    static HangingProtocol check(HangingProtocol p, String file) {
        if (p.name() == null || p.name().isBlank()) {
            throw new IllegalArgumentException("the protocol has no \"name\"");
        }
        if (p.stages().isEmpty()) {
            throw new IllegalArgumentException("protocol \"" + p.name() + "\" has no stage");
        }
        for (HangingProtocol.Stage s : p.stages()) {
            if (s.rows() < 1 || s.rows() > 4 || s.columns() < 1 || s.columns() > 4) {
                throw new IllegalArgumentException("stage \"" + s.name() + "\" of \"" + p.name()
                        + "\" is " + s.rows() + "x" + s.columns() + "; a grid is 1x1 to 4x4");
            }
            if (!s.layout().isEmpty() && !HangingProtocol.CUSTOM_LAYOUTS.containsKey(s.layout())) {
                throw new IllegalArgumentException("stage \"" + s.name() + "\" of \"" + p.name() + "\" asks for layout \""
                        + s.layout() + "\"; the layouts besides grids are " + HangingProtocol.CUSTOM_LAYOUTS.keySet());
            }
            if (s.cells().size() > s.viewports()) {
                throw new IllegalArgumentException("stage \"" + s.name() + "\" of \"" + p.name() + "\" has "
                        + s.cells().size() + " viewports for a " + (s.layout().isEmpty()
                        ? s.rows() + "x" + s.columns() + " grid" : "\"" + s.layout() + "\" layout of " + s.viewports()));
            }
            for (HangingProtocol.Cell c : s.cells()) {
                if (c.study() < 0 || c.study() > p.priors().count()) {
                    throw new IllegalArgumentException("a viewport of \"" + p.name() + "\" shows prior " + c.study()
                            + " but the protocol hangs " + p.priors().count() + " prior(s)");
                }
            }
        }
        return p;
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        // Jackson's messages carry the source and a long path; the first line says what and where
        return m.lines().findFirst().orElse(m);
    }

    public List<HangingProtocol> all() {
        return protocols;
    }

    /** The files left out, each said once, with its name and the reason. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * The protocol for a study: the first whose match holds (a modality of the study in its list,
     * and, when given, one of its body parts or description words, and its institution), else
     * none.
     */
    public java.util.Optional<HangingProtocol> forStudy(StudyInfo s) {
        return protocols.stream().filter(p -> matches(p.match(), s)).findFirst();
    }

    static boolean matches(HangingProtocol.Match m, StudyInfo s) {
        boolean modality = m.modalities().isEmpty() || m.modalities().stream()
                .anyMatch(x -> s.modalities().stream().anyMatch(y -> y.equalsIgnoreCase(x)));
        boolean where = (m.bodyParts().isEmpty() && m.descriptionContains().isEmpty())
                || m.bodyParts().stream().anyMatch(b -> b.equalsIgnoreCase(s.bodyPart()))
                || m.descriptionContains().stream().anyMatch(w -> s.description().toLowerCase(java.util.Locale.ROOT)
                        .contains(w.toLowerCase(java.util.Locale.ROOT)));
        boolean institution = m.institution().isEmpty() || s.institution().contains(m.institution());
        return modality && where && institution;
    }
}
