package org.fovea.app.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The four-corner layouts of a workstation (V26): one for every modality without its own, and
 * those of the modalities that have one. The department's are in
 * {@code FOVEA_HOME/settings/overlay.json}:
 * <pre>{"default": {"topLeft": ["patientName", "patientId", "sexAge"], "topRight": [...],
 *              "bottomLeft": [...], "bottomRight": [...]},
 *  "modalities": {"CT": {"topLeft": [...], ...}}}</pre>
 * Reading it, an unknown field or corner is left out and said; a layout that lost an identity
 * field is said and gets it back, so the patient's identity stays on every image whatever the file.
 */
public record OverlayLayouts(OverlayLayout defaults, Map<String, OverlayLayout> modalities) {

    public static final String FILE = "overlay.json";

    public static final OverlayLayouts BUILT_IN = new OverlayLayouts(OverlayLayout.BUILT_IN, Map.of());

    public OverlayLayouts {
        Map<String, OverlayLayout> byModality = new TreeMap<>();
        modalities.forEach((m, l) -> byModality.put(modality(m), l));
        modalities = Collections.unmodifiableMap(byModality);
    }

    /** The layout a series of this modality is shown with. */
    public OverlayLayout forModality(String modality) {
        return modalities.getOrDefault(modality(modality), defaults);
    }

    /** These layouts with a modality's own one set, or removed ({@code layout} null: it takes the default). */
    public OverlayLayouts with(String modality, OverlayLayout layout) {
        Map<String, OverlayLayout> m = new TreeMap<>(modalities);
        if (layout == null) {
            m.remove(modality(modality));
        } else {
            m.put(modality(modality), layout);
        }
        return new OverlayLayouts(defaults, m);
    }

    /**
     * The layouts that lack an identity field, and which: {@code ""} for the default, else the
     * modality. Empty when every layout keeps the patient's identity.
     */
    public Map<String, List<OverlayField>> missingIdentity() {
        Map<String, List<OverlayField>> missing = new LinkedHashMap<>();
        if (!defaults.missingIdentity().isEmpty()) {
            missing.put("", defaults.missingIdentity());
        }
        modalities.forEach((m, l) -> {
            if (!l.missingIdentity().isEmpty()) {
                missing.put(m, l.missingIdentity());
            }
        });
        return missing;
    }

    /**
     * Writes these layouts as the department's file.
     *
     * @throws IllegalArgumentException when a layout lacks an identity field: such a file is never written
     */
    public void save(Path home) throws IOException {
        if (!missingIdentity().isEmpty()) {
            throw new IllegalArgumentException("a layout lacks the patient's identity: " + missingIdentity());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("default", json(defaults));
        Map<String, Object> byModality = new LinkedHashMap<>();
        modalities.forEach((m, l) -> byModality.put(m, json(l)));
        json.put("modalities", byModality);
        SettingsFile.write(SettingsFile.path(home, FILE), json);
    }

    private static Map<String, List<String>> json(OverlayLayout l) {
        Map<String, List<String>> corners = new LinkedHashMap<>();
        for (OverlayLayout.Corner c : OverlayLayout.Corner.values()) {
            corners.put(c.key(), l.fields(c).stream().map(OverlayField::key).toList());
        }
        return corners;
    }

    /** The department's layouts, or the built-in one when it has no file or its file cannot be read. */
    public static SettingsFile.Loaded<OverlayLayouts> load(Path home) {
        Path file = SettingsFile.path(home, FILE);
        if (!Files.exists(file)) {
            return new SettingsFile.Loaded<>(BUILT_IN, List.of());
        }
        JsonNode root;
        try {
            root = SettingsFile.JSON.readTree(file.toFile());
        } catch (IOException e) {
            return new SettingsFile.Loaded<>(BUILT_IN, List.of(new SettingsFile.Problem(file.toString(),
                    SettingsFile.reason(e) + "; the built-in layout applies")));
        }
        Reader r = new Reader(file.toString());
        if (root == null || !root.isObject()) {
            r.problem("not a JSON object; the built-in layout applies");
            return new SettingsFile.Loaded<>(BUILT_IN, r.problems);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("default") && !name.equals("modalities")) {
                r.problem("\"" + name + "\" is not \"default\" or \"modalities\" and is ignored");
            }
        }
        OverlayLayout defaults = root.has("default") ? r.layout(root.get("default"), "default") : null;
        Map<String, OverlayLayout> modalities = new TreeMap<>();
        JsonNode m = root.get("modalities");
        if (m != null && !m.isObject()) {
            r.problem("\"modalities\" is not an object of layouts by modality and is ignored");
        } else if (m != null) {
            m.fields().forEachRemaining(e -> {
                OverlayLayout l = r.layout(e.getValue(), e.getKey());
                if (l != null) {
                    modalities.put(e.getKey(), l);
                }
            });
        }
        return new SettingsFile.Loaded<>(new OverlayLayouts(defaults == null ? OverlayLayout.BUILT_IN : defaults,
                modalities), r.problems);
    }

    private static String modality(String m) {
        return m == null ? "" : m.trim().toUpperCase(Locale.ROOT);
    }

    /** Reads the layouts of one file, noting each problem with the file's name. */
    private static final class Reader {
        private final String file;
        private final List<SettingsFile.Problem> problems = new ArrayList<>();

        Reader(String file) {
            this.file = file;
        }

        void problem(String reason) {
            problems.add(new SettingsFile.Problem(file, reason));
        }

        /** A layout as written, with its identity put back; null when it is not a layout at all. */
        OverlayLayout layout(JsonNode node, String name) {
            if (!node.isObject()) {
                problem(name + ": not a layout of corners; left out");
                return null;
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String corner = names.next();
                if (java.util.Arrays.stream(OverlayLayout.Corner.values()).noneMatch(c -> c.key().equals(corner))) {
                    problem(name + ": \"" + corner + "\" is not a corner (topLeft, topRight, bottomLeft, bottomRight)"
                            + " and is ignored");
                }
            }
            List<OverlayField> seen = new ArrayList<>();
            OverlayLayout layout = new OverlayLayout(List.of(), List.of(), List.of(), List.of());
            for (OverlayLayout.Corner c : OverlayLayout.Corner.values()) {
                JsonNode list = node.get(c.key());
                List<OverlayField> fields = new ArrayList<>();
                if (list != null && !list.isArray()) {
                    problem(name + " " + c.key() + ": not a list of fields; left empty");
                } else if (list != null) {
                    for (JsonNode f : list) {
                        OverlayField field = OverlayField.byKey(f.asText()).orElse(null);
                        if (field == null) {
                            problem(name + " " + c.key() + ": unknown field \"" + f.asText() + "\" is left out");
                        } else if (seen.contains(field)) {
                            problem(name + " " + c.key() + ": \"" + f.asText() + "\" is shown once, where it came first");
                        } else {
                            seen.add(field);
                            fields.add(field);
                        }
                    }
                }
                layout = layout.with(c, fields);
            }
            List<OverlayField> missing = layout.missingIdentity();
            if (!missing.isEmpty()) {
                problem(name + ": the patient's name, ID, sex/age and the study date always stay on the image; put back: "
                        + String.join(", ", missing.stream().map(OverlayField::key).toList()));
                layout = layout.withIdentity();
            }
            return layout;
        }
    }
}
