package org.fovea.app.ui.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the report editor opens: where the radiologist last left it on this workstation
 * ({@code home/report-window.json}), as long as that place is still on a screen; otherwise, on a
 * dual-monitor desk, filling the screen the workstation window is not on; on one screen, beside it.
 */
final class EditorPlacement {

    private static final Logger LOG = LoggerFactory.getLogger(EditorPlacement.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Bounds(double x, double y, double width, double height, boolean maximized) {
    }

    private final Path file;

    EditorPlacement(Path home) {
        this.file = home.resolve("report-window.json");
    }

    void place(Stage editor, Window main) {
        Bounds b = remembered();
        if (b != null && onSomeScreen(b)) {
            editor.setX(b.x());
            editor.setY(b.y());
            editor.setWidth(b.width());
            editor.setHeight(b.height());
            editor.setMaximized(b.maximized());
            return;
        }
        Rectangle2D area = otherScreen(main).getVisualBounds();
        editor.setX(area.getMinX() + area.getWidth() * 0.05);
        editor.setY(area.getMinY() + area.getHeight() * 0.05);
        editor.setWidth(Math.min(1100, area.getWidth() * 0.9));
        editor.setHeight(area.getHeight() * 0.9);
    }

    /** Keeps the editor's place when it closes. */
    void remember(Stage editor) {
        Bounds b = new Bounds(editor.getX(), editor.getY(), editor.getWidth(), editor.getHeight(), editor.isMaximized());
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), b);
        } catch (IOException e) {
            LOG.warn("Cannot keep the report editor's place in {}: {}", file, e.getMessage());
        }
    }

    Bounds remembered() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), Bounds.class);
        } catch (IOException e) {
            LOG.warn("{} is not a window place ({}); the editor opens on the other screen", file, e.getMessage());
            return null;
        }
    }

    /** The screen the main window is not on (the second monitor), or the main window's own. */
    static Screen otherScreen(Window main) {
        List<Screen> screens = Screen.getScreens();
        Screen mainScreen = main == null ? Screen.getPrimary() : Screen.getScreensForRectangle(
                main.getX(), main.getY(), Math.max(1, main.getWidth()), Math.max(1, main.getHeight()))
                .stream().findFirst().orElse(Screen.getPrimary());
        return screens.stream().filter(s -> !s.equals(mainScreen)).findFirst().orElse(mainScreen);
    }

    private static boolean onSomeScreen(Bounds b) {
        return !Screen.getScreensForRectangle(b.x() + 20, b.y() + 20, Math.max(1, b.width() - 40),
                Math.max(1, b.height() - 40)).isEmpty();
    }
}
