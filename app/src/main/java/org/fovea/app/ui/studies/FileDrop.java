package org.fovea.app.ui.studies;

import javafx.scene.Scene;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Files and folders dragged from the desktop onto the window are imported. */
public final class FileDrop {

    private final Consumer<List<Path>> importer;

    public FileDrop(Consumer<List<Path>> importer) {
        this.importer = importer;
    }

    public void install(Scene scene) {
        scene.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (accepts(e.getDragboard()) && e.getGestureSource() == null) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        scene.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            boolean ok = accepts(e.getDragboard());
            if (ok) {
                dropped(e.getDragboard().getFiles());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    static boolean accepts(Dragboard board) {
        return board.hasFiles() && !board.getFiles().isEmpty();
    }

    /** What a drop of these files does: import them all. */
    void dropped(List<File> files) {
        importer.accept(files.stream().map(File::toPath).toList());
    }
}
