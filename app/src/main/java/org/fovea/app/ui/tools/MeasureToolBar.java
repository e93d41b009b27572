package org.fovea.app.ui.tools;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.Button;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.fovea.app.view.MarkLabels;
import org.fovea.app.view.Messages;
import org.fovea.app.view.Tool;

/**
 * The reading tools' row of the viewer's toolbar: the magnifier, the measurement tools and the
 * annotation tools as icons in the viewer's one tool group (each tooltip names the tool and its
 * hotkey), then undo, redo, delete, key image and the measurement list.
 */
public final class MeasureToolBar {

    /** What the row's buttons do; the viewer gives them the active viewport. */
    public interface Actions {
        void undo();

        void redo();

        void deleteSelected();

        void toggleKeyImage();

        void showList(boolean shown);
    }

    private static final List<Tool> MEASURE = List.of(Tool.POINT, Tool.LENGTH, Tool.POLYLINE, Tool.ANGLE, Tool.COBB,
            Tool.ELLIPSE, Tool.RECTANGLE, Tool.POLYGON, Tool.FREEHAND, Tool.LASSO, Tool.CARDIOTHORACIC,
            Tool.CALIBRATION);
    private static final List<Tool> ANNOTATE = List.of(Tool.ARROW, Tool.TEXT, Tool.BOX, Tool.OVAL, Tool.SCRIBBLE);

    private final ToolBar bar = new ToolBar();
    private final ToggleButton list = new ToggleButton();

    /**
     * @param text a binding of a message key to its text in the current language
     */
    public MeasureToolBar(ToggleGroup tools, Supplier<ResourceBundle> bundle,
                          java.util.function.Function<String, StringBinding> text, Actions actions) {
        bar.getStyleClass().add("measure-toolbar");
        bar.getItems().add(toolButton(Tool.MAGNIFIER, tools, () -> bundle.get().getString("tool.magnifier.tip"), text));
        bar.getItems().add(new Separator());
        for (Tool t : MEASURE) {
            bar.getItems().add(toolButton(t, tools, () -> tip(t, bundle.get()), text));
        }
        bar.getItems().add(new Separator());
        for (Tool t : ANNOTATE) {
            bar.getItems().add(toolButton(t, tools, () -> tip(t, bundle.get()), text));
        }
        bar.getItems().add(new Separator());
        bar.getItems().addAll(button("marks.undo", text, actions::undo), button("marks.redo", text, actions::redo),
                button("marks.delete", text, actions::deleteSelected),
                button("marks.keyImage", text, actions::toggleKeyImage));
        list.textProperty().bind(text.apply("marks.list"));
        list.setFocusTraversable(false);
        list.setOnAction(e -> actions.showList(list.isSelected()));
        bar.getItems().add(list);
    }

    public ToolBar node() {
        return bar;
    }

    /** Shows the measurement list as pressed (when the viewer opens it itself). */
    public void setListShown(boolean shown) {
        list.setSelected(shown);
    }

    private static String tip(Tool t, ResourceBundle b) {
        String name = MarkLabels.kind(t.draws().orElseThrow(), b);
        return t.hotkey().map(k -> Messages.format(b, "tool.withKey", name, String.valueOf(k))).orElse(name);
    }

    private static ToggleButton toolButton(Tool t, ToggleGroup tools, Supplier<String> tip,
                                           java.util.function.Function<String, StringBinding> text) {
        ToggleButton b = new ToggleButton();
        b.setGraphic(ToolIcons.of(t));
        b.getStyleClass().add("tool-icon");
        Tooltip tooltip = new Tooltip();
        tooltip.setShowDelay(Duration.millis(300));
        // follows the language: rebuilt whenever the bundle binding changes
        tooltip.textProperty().bind(Bindings.createStringBinding(tip::get, text.apply("tool.scroll")));
        b.setTooltip(tooltip);
        b.setUserData(t);
        b.setToggleGroup(tools);
        b.setFocusTraversable(false);
        b.setId("tool-" + t.name().toLowerCase(java.util.Locale.ROOT));
        return b;
    }

    private static Button button(String key, java.util.function.Function<String, StringBinding> text, Runnable action) {
        Button b = new Button();
        b.textProperty().bind(text.apply(key));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }
}
