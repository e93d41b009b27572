package org.fovea.app.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.fovea.dicom.ImageHeader;
import org.fovea.render.WindowLevel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The window preset rules (V4), tried in order: the first that matches a series gives the window
 * it opens in. The department's list is {@code FOVEA_HOME/settings/window-presets.json},
 * <pre>{"rules": [{"modality": "CT", "descriptionContains": ["lung", "肺"], "preset": "lung"},
 *            {"modality": "MR", "bodyPart": "KNEE", "width": 900, "center": 450}]}</pre>
 * which replaces the built-in list when present (so a department can drop a built-in rule); a
 * rule of it that cannot be used is left out and said, the others still apply, and a file that
 * cannot be read at all leaves the built-in rules in force.
 */
public record WindowRules(List<WindowRule> rules) {

    public static final String FILE = "window-presets.json";

    /**
     * Lung, bone and brain windows by the words Chinese and English series descriptions use
     * ("肺窗", "骨算法", "头颅平扫", "Lung 1mm"); bone before brain, so a head series reconstructed
     * for bone opens in the bone window.
     */
    public static final WindowRules BUILT_IN = new WindowRules(List.of(
            WindowRule.preset("CT", "lung", "lung", "肺"),
            WindowRule.preset("CT", "bone", "bone", "骨"),
            WindowRule.preset("CT", "brain", "head", "brain", "颅", "脑"),
            WindowRule.preset("CT", "mediastinum", "mediastin", "纵隔"),
            WindowRule.preset("CT", "abdomen", "abdomen", "腹")));

    public WindowRules {
        rules = List.copyOf(rules);
    }

    /** The first rule for a series of this modality, description and body part. */
    public Optional<WindowRule> match(String modality, String seriesDescription, String bodyPart) {
        return rules.stream().filter(r -> r.matches(modality, seriesDescription, bodyPart)).findFirst();
    }

    /** The window a series opens in by its header, empty when no rule matches (the header's own then). */
    public Optional<WindowLevel> windowFor(ImageHeader h) {
        return h == null ? Optional.empty()
                : match(h.modality(), h.seriesDescription(), h.bodyPartExamined()).map(WindowRule::window);
    }

    /** The department's rules, or the built-in ones when it has no file or its file cannot be read. */
    public static SettingsFile.Loaded<WindowRules> load(Path home) {
        Path file = SettingsFile.path(home, FILE);
        if (!Files.exists(file)) {
            return new SettingsFile.Loaded<>(BUILT_IN, List.of());
        }
        JsonNode list;
        try {
            JsonNode root = SettingsFile.JSON.readTree(file.toFile());
            list = root == null ? null : root.get("rules");
        } catch (IOException e) {
            return builtIn(file, SettingsFile.reason(e));
        }
        if (list == null || !list.isArray()) {
            return builtIn(file, "no \"rules\" list");
        }
        List<WindowRule> rules = new ArrayList<>();
        List<SettingsFile.Problem> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                WindowRule r = SettingsFile.JSON.treeToValue(list.get(i), WindowRule.class);
                r.check();
                rules.add(r);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                problems.add(new SettingsFile.Problem(file.toString(),
                        "rule " + (i + 1) + " is left out: " + SettingsFile.reason(e)));
            }
        }
        return new SettingsFile.Loaded<>(new WindowRules(rules), problems);
    }

    private static SettingsFile.Loaded<WindowRules> builtIn(Path file, String reason) {
        return new SettingsFile.Loaded<>(BUILT_IN,
                List.of(new SettingsFile.Problem(file.toString(), reason + "; the built-in rules apply")));
    }

    /** Writes these rules as the department's file. */
    public void save(Path home) throws IOException {
        for (WindowRule r : rules) {
            r.check();
        }
        SettingsFile.write(SettingsFile.path(home, FILE), Map.of("rules", rules));
    }
}
