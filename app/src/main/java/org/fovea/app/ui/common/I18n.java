package org.fovea.app.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.fovea.app.view.Messages;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The UI language as a property. Every visible string is bound to a key here, so switching the
 * language from the menu relabels the open window in place without losing what is on screen.
 */
public final class I18n {

    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>();
    private final ObjectBinding<ResourceBundle> bundle =
            Bindings.createObjectBinding(() -> Messages.bundle(locale.get()), locale);

    public I18n(Locale initial) {
        locale.set(supported(initial));
    }

    /** Chinese for any Chinese locale, English otherwise: the two languages we ship. */
    public static Locale supported(Locale requested) {
        return requested != null && "zh".equals(requested.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    public ObjectProperty<Locale> localeProperty() { return locale; }

    public void setLocale(Locale l) { locale.set(supported(l)); }

    public ResourceBundle bundle() { return bundle.get(); }

    public ObjectBinding<ResourceBundle> bundleBinding() { return bundle; }

    public String get(String key) { return bundle.get().getString(key); }

    public String format(String key, Object... args) { return Messages.format(bundle.get(), key, args); }

    /** A label that follows the language. */
    public StringBinding text(String key) {
        return Bindings.createStringBinding(() -> bundle.get().getString(key), bundle);
    }
}
