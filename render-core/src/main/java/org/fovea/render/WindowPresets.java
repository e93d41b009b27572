package org.fovea.render;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CT window presets radiologists expect (width/centre in HU), each with a stable key for
 * settings and resource bundles and a hotkey index 1–5 in the order they are listed.
 */
public final class WindowPresets {

    /** One preset; {@link #window()} is the LINEAR window it applies. */
    public record Preset(String key, int hotkey, double width, double center) {
        public WindowLevel window() {
            return new WindowLevel(width, center, VoiFunction.LINEAR, key);
        }
    }

    private static final List<Preset> CT = List.of(
            new Preset("lung", 1, 1500, -600),
            new Preset("mediastinum", 2, 350, 40),
            new Preset("bone", 3, 2000, 500),
            new Preset("brain", 4, 80, 40),
            new Preset("abdomen", 5, 400, 50));

    private WindowPresets() {
    }

    /** All CT presets in hotkey order. */
    public static List<Preset> ct() {
        return CT;
    }

    /** The preset with this key (case-insensitive). */
    public static Optional<Preset> byKey(String key) {
        if (key == null) return Optional.empty();
        String k = key.trim().toLowerCase(Locale.ROOT);
        return CT.stream().filter(p -> p.key().equals(k)).findFirst();
    }

    /** The preset on hotkey {@code index} (1–5). */
    public static Optional<Preset> byHotkey(int index) {
        return CT.stream().filter(p -> p.hotkey() == index).findFirst();
    }
}
