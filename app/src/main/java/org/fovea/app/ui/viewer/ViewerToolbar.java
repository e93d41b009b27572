package org.fovea.app.ui.viewer;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.viewer.ViewportGrid.Layout;
import org.fovea.app.view.Tool;
import org.fovea.render.WindowPresets;

import java.util.List;

/**
 * The viewer's toolbar: navigation tools, the common layouts, lung|mediastinum, cine, linking,
 * the CT window presets, fit/reset/invert, 3D and Report, and the patient banner at its end.
 * Buttons act on the active viewport and give the keyboard focus back to it.
 */
final class ViewerToolbar {

    private final I18n i18n;
    private final ViewerView viewer;
    private final ToolBar bar = new ToolBar();

    ViewerToolbar(I18n i18n, ViewerView viewer, ToggleGroup tools, ToggleGroup layouts, Label patientBanner,
                  Runnable onReport) {
        this.i18n = i18n;
        this.viewer = viewer;
        bar.getItems().add(toolButton(tools, Tool.SCROLL, "tool.scroll", "tool.scroll.tip"));
        bar.getItems().add(toolButton(tools, Tool.WINDOW_LEVEL, "tool.windowLevel", "tool.windowLevel.tip"));
        bar.getItems().add(toolButton(tools, Tool.ZOOM, "tool.zoom", "tool.zoom.tip"));
        bar.getItems().add(toolButton(tools, Tool.PAN, "tool.pan", "tool.pan.tip"));
        tools.getToggles().get(0).setSelected(true);
        // a tool stays chosen: clicking the selected one again must not leave none
        tools.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
        bar.getItems().add(new Separator());
        // the common layouts on the toolbar; all of them in the View menu
        for (Layout l : List.of(Layout.ONE_BY_ONE, Layout.ONE_BY_TWO, Layout.TWO_BY_TWO, Layout.ONE_PLUS_THREE)) {
            ToggleButton b = new ToggleButton(l.label());
            b.setUserData(l);
            b.setToggleGroup(layouts);
            b.setOnAction(e -> viewer.setLayout(l));
            b.setFocusTraversable(false);
            bar.getItems().add(b);
        }
        layouts.getToggles().get(0).setSelected(true);
        bar.getItems().addAll(viewer.cine().node(), linkButton(), displayMenu());
        bar.getItems().add(new Separator());
        for (WindowPresets.Preset p : WindowPresets.ct()) {
            Button b = button("preset." + p.key(), () -> viewer.activeViewport().preset(p.hotkey()));
            b.setTooltip(tip("preset.tip." + p.hotkey()));
            bar.getItems().add(b);
        }
        bar.getItems().add(new Separator());
        Button threeD = button("action.threeD", viewer::openActiveIn3D);
        threeD.setTooltip(tip("action.threeD.tip"));
        Button report = button("action.report", onReport);
        report.setId("viewer-report");
        bar.getItems().addAll(threeD, report);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        patientBanner.getStyleClass().add("patient-banner");
        bar.getItems().addAll(spring, patientBanner);
    }

    Node node() { return bar; }

    /** Link on/off (Shift+L), showing the state; Alt+L aligns the priors to the active slice. */
    private ToggleButton linkButton() {
        ToggleButton link = new ToggleButton();
        link.setId("viewer-link");
        link.textProperty().bind(i18n.text("action.link"));
        link.setTooltip(tip("action.link.tip"));
        link.setFocusTraversable(false);
        Linking linking = viewer.linking();
        link.setSelected(linking.enabledProperty().get());
        linking.enabledProperty().addListener((o, a, now) -> link.setSelected(now));
        link.setOnAction(e -> {
            if (link.isSelected() != linking.enabledProperty().get()) {
                linking.toggle();
            }
            viewer.activeViewport().pane().requestFocus();
        });
        return link;
    }

    /**
     * Display: turns and flips (V19), the display filter (V21), the grey curve (V3) and the
     * reference lines (V24) of the active viewport; the checks show its state when opened.
     */
    private javafx.scene.control.MenuButton displayMenu() {
        javafx.scene.control.MenuButton menu = new javafx.scene.control.MenuButton();
        menu.setId("viewer-display");
        menu.textProperty().bind(i18n.text("display.menu"));
        menu.setFocusTraversable(false);
        // the toolbar keeps Report and the patient in sight: what has a key lives here
        javafx.scene.control.MenuItem pair = new javafx.scene.control.MenuItem();
        pair.textProperty().bind(i18n.text("action.lungMediastinum"));
        pair.setOnAction(e -> act(v -> ViewportPairs.lungMediastinum(viewer)));
        menu.getItems().addAll(pair, item("action.fit", "F", Viewport::fit), item("action.reset", "R", Viewport::reset),
                item("action.invert", "I", Viewport::toggleInvert), new javafx.scene.control.SeparatorMenuItem(),
                item("display.rotateRight", "Shift+R", v -> v.rotate(true)),
                item("display.rotateLeft", "Alt+R", v -> v.rotate(false)),
                item("display.flipHorizontal", "Shift+H", v -> v.flip(true)),
                item("display.flipVertical", "Shift+V", v -> v.flip(false)),
                new javafx.scene.control.SeparatorMenuItem());
        javafx.scene.control.ToggleGroup filters = new javafx.scene.control.ToggleGroup();
        for (org.fovea.render.DisplayFilter f : org.fovea.render.DisplayFilter.values()) {
            menu.getItems().add(radio(filters, "display.filter." + f.name().toLowerCase(java.util.Locale.ROOT), f,
                    v -> v.setFilter(f)));
        }
        menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
        javafx.scene.control.ToggleGroup curves = new javafx.scene.control.ToggleGroup();
        for (org.fovea.app.view.WindowCurve c : org.fovea.app.view.WindowCurve.values()) {
            menu.getItems().add(radio(curves, "display.curve." + c.name().toLowerCase(java.util.Locale.ROOT), c,
                    v -> v.setCurve(c)));
        }
        javafx.scene.control.CheckMenuItem lines = new javafx.scene.control.CheckMenuItem();
        lines.textProperty().bind(i18n.text("display.referenceLines"));
        lines.setOnAction(e -> viewer.referenceLines().setShown(lines.isSelected()));
        javafx.scene.control.CheckMenuItem bounds = new javafx.scene.control.CheckMenuItem();
        bounds.textProperty().bind(i18n.text("display.referenceBounds"));
        bounds.setOnAction(e -> viewer.referenceLines().setBounds(bounds.isSelected()));
        javafx.scene.control.CheckMenuItem zoomLink = new javafx.scene.control.CheckMenuItem();
        zoomLink.textProperty().bind(i18n.text("display.linkZoom"));
        zoomLink.selectedProperty().bindBidirectional(viewer.linking().zoomAndPanProperty());
        javafx.scene.control.CheckMenuItem windowLink = new javafx.scene.control.CheckMenuItem();
        windowLink.textProperty().bind(i18n.text("display.linkWindow"));
        windowLink.selectedProperty().bindBidirectional(viewer.linking().windowProperty());
        javafx.scene.control.MenuItem fullScreen = new javafx.scene.control.MenuItem();
        fullScreen.textProperty().bind(i18n.text("display.fullScreen").concat("    F11"));
        fullScreen.setOnAction(e -> ScreenModes.toggleFullScreen(bar));
        javafx.scene.control.MenuItem allScreens = new javafx.scene.control.MenuItem();
        allScreens.setId("display-all-screens");
        allScreens.textProperty().bind(i18n.text("display.allScreens"));
        allScreens.setOnAction(e -> ScreenModes.toggleAllScreens(bar));
        menu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), lines, bounds,
                new javafx.scene.control.SeparatorMenuItem(), zoomLink, windowLink,
                new javafx.scene.control.SeparatorMenuItem(), fullScreen, allScreens);
        menu.setOnShowing(e -> {
            Viewport v = viewer.activeViewport();
            filters.getToggles().forEach(t -> t.setSelected(t.getUserData() == v.filter()));
            curves.getToggles().forEach(t -> t.setSelected(t.getUserData() == v.curve()));
            lines.setSelected(viewer.referenceLines().shown());
            bounds.setSelected(viewer.referenceLines().bounds());
        });
        return menu;
    }

    private javafx.scene.control.MenuItem item(String key, String keys, java.util.function.Consumer<Viewport> action) {
        javafx.scene.control.MenuItem m = new javafx.scene.control.MenuItem();
        m.textProperty().bind(i18n.text(key).concat("    " + keys));
        m.setOnAction(e -> act(action));
        return m;
    }

    private javafx.scene.control.RadioMenuItem radio(javafx.scene.control.ToggleGroup group, String key, Object value,
                                                     java.util.function.Consumer<Viewport> action) {
        javafx.scene.control.RadioMenuItem m = new javafx.scene.control.RadioMenuItem();
        m.textProperty().bind(i18n.text(key));
        m.setToggleGroup(group);
        m.setUserData(value);
        m.setOnAction(e -> act(action));
        return m;
    }

    private void act(java.util.function.Consumer<Viewport> action) {
        Viewport active = viewer.activeViewport();
        if (active != null && active.stack() != null) {
            action.accept(active);
            active.pane().requestFocus();
        }
    }

    private Tooltip tip(String key) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(i18n.text(key));
        return tip;
    }

    private ToggleButton toolButton(ToggleGroup tools, Tool t, String key, String tipKey) {
        ToggleButton b = new ToggleButton();
        b.textProperty().bind(i18n.text(key));
        b.setTooltip(tip(tipKey));
        b.setUserData(t);
        b.setToggleGroup(tools);
        b.setFocusTraversable(false);
        return b;
    }

    private Button button(String key, Runnable action) {
        Button b = new Button();
        b.textProperty().bind(i18n.text(key));
        b.setFocusTraversable(false);
        b.setOnAction(e -> {
            Viewport active = viewer.activeViewport();
            if (active != null && active.stack() != null) {
                action.run();
            }
            active.pane().requestFocus();
        });
        return b;
    }
}
