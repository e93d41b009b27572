package org.fovea.app.view;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The one resource bundle every UI string comes from (English default, zh_CN). */
public final class Messages {

    public static final String BUNDLE = "org.fovea.app.i18n.messages";

    private Messages() {
    }

    /**
     * The bundle for a locale. No fallback to the JVM's default locale: on a Chinese system an
     * English user must get the English base bundle, not zh_CN.
     */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /**
     * A bundle pattern filled with arguments; callers pass numbers as strings so no grouping
     * separators creep in (a port, an instance number), except counts to a pattern that chooses
     * its words by the number ({@code {0,choice,...}}: "1 study", "12,345 studies").
     */
    public static String format(ResourceBundle b, String key, Object... args) {
        return new MessageFormat(b.getString(key), b.getLocale()).format(args);
    }
}
