package org.fovea.app.ui.settings;

import javafx.application.Platform;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.viewer.ViewerView;
import org.fovea.app.view.OverlayLayouts;
import org.fovea.app.view.SettingsFile;
import org.fovea.app.view.WindowRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the viewer displays series, as the department set it: the window preset rules (V4,
 * Settings > Window presets...) and the four-corner layouts (V26, Settings > Overlay...). Both
 * files are read once when the window is built and what could not be read is said once, each
 * file with its reason, while the rest and the defaults apply; a dialog's saved settings reach the
 * viewer at once.
 */
public final class DisplaySettings {

    private static final Logger LOG = LoggerFactory.getLogger(DisplaySettings.class);

    private final I18n i18n;
    private final Path home;
    private final ViewerView viewer;
    private WindowRules rules;
    private OverlayLayouts overlay;

    /** Reads the settings of {@code home} and gives them to the viewer; call on the FX thread. */
    public DisplaySettings(I18n i18n, Path home, ViewerView viewer) {
        this.i18n = i18n;
        this.home = home;
        this.viewer = viewer;
        SettingsFile.Loaded<WindowRules> r = WindowRules.load(home);
        SettingsFile.Loaded<OverlayLayouts> o = OverlayLayouts.load(home);
        rules = r.value();
        overlay = o.value();
        viewer.setDisplaySettings(rules, overlay);
        List<String> problems = new ArrayList<>();
        r.problems().forEach(p -> problems.add(p.toString()));
        o.problems().forEach(p -> problems.add(p.toString()));
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.warn("Display settings: {}", p));
            // once the window is on screen, so the warning has an owner to sit over
            Platform.runLater(() -> Dialogs.summary(viewer.node(), i18n, true, i18n.get("displaySettings.problems"),
                    i18n.get("displaySettings.problemsBody"), problems));
        }
    }

    /** The Settings menu's items: those given, then Window presets..., Overlay... and Hanging protocols.... */
    public List<MenuItem> menuItems(MenuItem... before) {
        List<MenuItem> items = new ArrayList<>(List.of(before));
        items.add(new SeparatorMenuItem());
        items.add(item("menu.windowPresets", "menu-window-presets", this::openWindowPresets));
        items.add(item("menu.overlay", "menu-overlay", this::openOverlay));
        items.add(item("menu.hangingProtocols", "menu-hanging-protocols", this::openHangingProtocols));
        return items;
    }

    /** Settings > Hanging protocols…: their order and their JSON, each change written at once. */
    public HangingProtocolsDialog openHangingProtocols() {
        HangingProtocolsDialog d = new HangingProtocolsDialog(i18n, home, viewer.node());
        d.show();
        return d;
    }

    /** Settings > Window presets...: the rules in force, saved to the department's file on OK. */
    public WindowPresetsDialog openWindowPresets() {
        WindowPresetsDialog d = new WindowPresetsDialog(i18n, home, viewer.node(), rules, saved -> {
            rules = saved;
            viewer.setDisplaySettings(rules, overlay);
        });
        d.show();
        return d;
    }

    /** Settings > Overlay...: the layouts in force, saved to the department's file on OK. */
    public OverlayDialog openOverlay() {
        OverlayDialog d = new OverlayDialog(i18n, home, viewer.node(), overlay, saved -> {
            overlay = saved;
            viewer.setDisplaySettings(rules, overlay);
        });
        d.show();
        return d;
    }

    private MenuItem item(String key, String id, Runnable action) {
        MenuItem m = new MenuItem();
        m.textProperty().bind(i18n.text(key));
        m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }
}
