package org.fovea.app.ui.report;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.ReportImage;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The report's images (图文报告): a row of thumbnails with captions, in report order. Images come
 * by drag and drop (pictures from the viewer, screenshots, image files) or from the viewer's
 * current image; each can be removed.
 */
final class ReportImagesStrip {

    private final I18n i18n;
    private final HBox row = new HBox(8);
    private final ScrollPane root = new ScrollPane(row);
    private final List<ReportImage> images = new ArrayList<>();
    private Consumer<List<ReportImage>> onChange = l -> { };

    ReportImagesStrip(I18n i18n) {
        this.i18n = i18n;
        root.setId("report-images");
        root.getStyleClass().add("report-images");
        root.setFitToHeight(true);
        root.setPrefViewportHeight(150);
        row.setAlignment(Pos.CENTER_LEFT);
        root.setOnDragOver(e -> {
            Dragboard d = e.getDragboard();
            if (d.hasImage() || d.hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            e.setDropCompleted(dropped(e.getDragboard()));
            e.consume();
        });
        showRow();
    }

    Node node() { return root; }

    /**
     * Takes what is dragged within the editor (a tile of the image library) when it is released
     * over the images: {@code source} answers the dragged image, if any.
     */
    void acceptDragsFrom(java.util.function.Supplier<java.util.Optional<ReportImage>> source) {
        root.addEventHandler(MouseDragEvent.MOUSE_DRAG_ENTERED, e -> {
            if (source.get().isPresent()) {
                root.getStyleClass().add("drop-target");
            }
        });
        root.addEventHandler(MouseDragEvent.MOUSE_DRAG_EXITED, e -> root.getStyleClass().remove("drop-target"));
        root.addEventHandler(MouseDragEvent.MOUSE_DRAG_RELEASED, e -> {
            root.getStyleClass().remove("drop-target");
            source.get().ifPresent(this::add);
            e.consume();
        });
    }

    void setOnChange(Consumer<List<ReportImage>> c) { onChange = c; }

    void show(List<ReportImage> shown) {
        images.clear();
        images.addAll(shown);
        showRow();
    }

    List<ReportImage> images() { return List.copyOf(images); }

    void add(ReportImage image) {
        images.add(image);
        showRow();
        onChange.accept(images());
    }

    /** What a drop does: a picture, or image files (PNG, JPEG), each becomes a report image. */
    boolean dropped(Dragboard board) {
        if (board.hasImage()) {
            add(new ReportImage(board.hasString() ? board.getString() : "", png(board.getImage()), "", 0));
            return true;
        }
        return board.hasFiles() && droppedFiles(board.getFiles());
    }

    boolean droppedFiles(List<File> files) {
        boolean any = false;
        for (File f : files) {
            String n = f.getName().toLowerCase(Locale.ROOT);
            if (!(n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"))) {
                continue;
            }
            try {
                byte[] bytes = Files.readAllBytes(f.toPath());
                byte[] png = n.endsWith(".png") ? bytes : png(new Image(new ByteArrayInputStream(bytes)));
                add(new ReportImage(stripExtension(f.getName()), png, "", 0));
                any = true;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return any;
    }

    static byte[] png(Image image) {
        return org.fovea.app.ui.common.FxPng.encode(image);
    }

    private void showRow() {
        row.getChildren().clear();
        if (images.isEmpty()) {
            Label hint = new Label(i18n.get("report.imagesHint"));
            hint.getStyleClass().add("placeholder");
            row.getChildren().add(hint);
            return;
        }
        for (int i = 0; i < images.size(); i++) {
            ReportImage im = images.get(i);
            ImageView view = new ImageView(new Image(new ByteArrayInputStream(im.png()), 120, 120, true, true));
            Button remove = new Button("×");
            int index = i;
            remove.setOnAction(e -> {
                images.remove(index);
                showRow();
                onChange.accept(images());
            });
            Label caption = new Label(im.caption());
            caption.setMaxWidth(120);
            VBox cell = new VBox(2, view, new HBox(4, caption, remove));
            cell.getStyleClass().add("report-image");
            row.getChildren().add(cell);
        }
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
