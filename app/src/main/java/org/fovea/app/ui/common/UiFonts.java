package org.fovea.app.ui.common;

import javafx.scene.text.Font;

import java.util.List;

/**
 * The font family for the whole UI. Patient names arrive in Chinese, so the family must carry
 * CJK glyphs itself: JavaFX does not fall back per glyph from a Latin-only family reliably, and
 * a missing glyph is drawn as a box, which on a patient name is a safety problem, not cosmetics.
 */
public final class UiFonts {

    private static final List<String> CJK_FAMILIES = List.of(
            "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
            "WenQuanYi Micro Hei", "SimHei", "Noto Sans SC");

    private static volatile String family;

    private UiFonts() {
    }

    /** The first installed CJK-capable family, or JavaFX's default when none is installed. */
    public static String family() {
        String f = family;
        if (f == null) {
            List<String> installed = Font.getFamilies();
            f = CJK_FAMILIES.stream().filter(installed::contains).findFirst()
                    .orElse(Font.getDefault().getFamily());
            family = f;
        }
        return f;
    }

    /** A root style that makes every control use {@link #family()}. */
    public static String rootStyle() {
        return "-fx-font-family: \"" + family() + "\";";
    }
}
