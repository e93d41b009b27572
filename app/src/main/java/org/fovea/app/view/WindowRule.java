package org.fovea.app.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.fovea.render.WindowLevel;
import org.fovea.render.WindowPresets;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One window preset rule (V4), as a department writes it: the series it is for (a modality, any
 * one of some words in the series description, a body part when given) and the window it opens
 * in, a named preset ({@code "lung"}, as on keys 1–5) or a width and centre in modality units.
 *
 * @param descriptionContains words, any one found in the series description counts (case does not
 *                            matter); none: every description
 * @param bodyPart            Body Part Examined, or empty for any
 * @param preset              a preset key of {@link WindowPresets}, or empty when width and centre are given
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"modality", "descriptionContains", "bodyPart", "preset", "width", "center"})
public record WindowRule(String modality, List<String> descriptionContains, String bodyPart, String preset,
                         Double width, Double center) {

    public WindowRule {
        modality = modality == null ? "" : modality.trim().toUpperCase(Locale.ROOT);
        descriptionContains = descriptionContains == null ? List.of() : descriptionContains.stream()
                .filter(Objects::nonNull).map(String::trim).filter(w -> !w.isEmpty()).toList();
        bodyPart = bodyPart == null ? "" : bodyPart.trim().toUpperCase(Locale.ROOT);
        preset = preset == null ? "" : preset.trim().toLowerCase(Locale.ROOT);
    }

    /** A rule opening the series in a named preset. */
    public static WindowRule preset(String modality, String presetKey, String... words) {
        return new WindowRule(modality, List.of(words), "", presetKey, null, null);
    }

    /** A rule opening the series in its own window. */
    public static WindowRule window(String modality, double width, double center, String... words) {
        return new WindowRule(modality, List.of(words), "", "", width, center);
    }

    /** Whether a series of this modality, description and body part takes this rule's window. */
    public boolean matches(String seriesModality, String seriesDescription, String seriesBodyPart) {
        if (!modality.equalsIgnoreCase(seriesModality == null ? "" : seriesModality.trim())) {
            return false;
        }
        if (!bodyPart.isEmpty() && !bodyPart.equalsIgnoreCase(seriesBodyPart == null ? "" : seriesBodyPart.trim())) {
            return false;
        }
        String d = seriesDescription == null ? "" : seriesDescription.toLowerCase(Locale.ROOT);
        return descriptionContains.isEmpty()
                || descriptionContains.stream().anyMatch(w -> d.contains(w.toLowerCase(Locale.ROOT)));
    }

    /** The window this rule opens a series in. */
    public WindowLevel window() {
        if (!preset.isEmpty()) {
            return WindowPresets.byKey(preset).orElseThrow(() -> new IllegalArgumentException(
                    "unknown preset \"" + preset + "\"")).window();
        }
        return new WindowLevel(width, center);
    }

    /**
     * What makes a rule unusable even when its JSON is well formed; the sentence names the field.
     *
     * @throws IllegalArgumentException when the rule cannot be used
     */
    void check() {
        if (modality.isEmpty()) {
            throw new IllegalArgumentException("no \"modality\"");
        }
        boolean own = width != null || center != null;
        if (preset.isEmpty() == !own) {
            throw new IllegalArgumentException("give a \"preset\" or a \"width\" and \"center\", one of the two");
        }
        if (!preset.isEmpty() && WindowPresets.byKey(preset).isEmpty()) {
            throw new IllegalArgumentException("unknown preset \"" + preset + "\" (known: "
                    + String.join(", ", WindowPresets.ct().stream().map(WindowPresets.Preset::key).toList()) + ")");
        }
        if (own && (width == null || center == null)) {
            throw new IllegalArgumentException("a window needs both \"width\" and \"center\"");
        }
        if (own && !(width >= 1)) {
            throw new IllegalArgumentException("\"width\" is " + width + "; a window is at least 1 wide");
        }
    }
}
