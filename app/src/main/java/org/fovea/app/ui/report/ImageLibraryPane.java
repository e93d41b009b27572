package org.fovea.app.ui.report;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.FxFutures;
import org.fovea.app.ui.common.FxPng;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Threads;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.DicomReadException;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.reporting.ReportImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.IntBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The study's image library beside the report: its key images and stored screenshots as tiles,
 * rendered off the UI thread at their own window. A tile goes into the report by dragging it onto
 * the report's images, or by a double click. FX thread.
 */
final class ImageLibraryPane {

    private static final Logger LOG = LoggerFactory.getLogger(ImageLibraryPane.class);
    private static final double TILE = 96;

    private final I18n i18n;
    private final ViewerLink viewer;
    private final FlowPane tiles = new FlowPane(6, 6);
    private final ScrollPane root = new ScrollPane(tiles);
    /** One daemon thread for the editor's life (the editor is made once per window and reused). */
    private final Executor renderer = Threads.pool("report-library", 1);
    private Consumer<ReportImage> onAdd = i -> { };
    private String studyUid;
    /** The tile being dragged, until it is dropped or the next drag starts. */
    private Tile dragged;

    ImageLibraryPane(I18n i18n, ViewerLink viewer) {
        this.i18n = i18n;
        this.viewer = viewer;
        root.setId("report-library");
        root.setFitToWidth(true);
        tiles.setPrefWrapLength(220);
        tiles.setAlignment(Pos.TOP_LEFT);
        tiles.setPadding(new javafx.geometry.Insets(4));
        placeholder();
    }

    Node node() { return root; }

    void setOnAdd(Consumer<ReportImage> c) { onAdd = c; }

    /** The image of the tile being dragged, for the report's images to take when it is dropped there. */
    Optional<ReportImage> dragged() {
        return Optional.ofNullable(dragged).flatMap(Tile::image);
    }

    List<Node> tileNodes() { return List.copyOf(tiles.getChildren()); }

    /** Lists the library of a study (again: key images and screenshots come while the report is written). */
    void show(String study) {
        studyUid = study;
        viewer.library(study).whenComplete((images, error) -> {
            if (!study.equals(studyUid)) {
                return;
            }
            tiles.getChildren().clear();
            if (error != null || images.isEmpty()) {
                placeholder();
                return;
            }
            for (LibraryImage im : images) {
                tiles.getChildren().add(new Tile(im).node);
            }
        });
    }

    void refresh() {
        if (studyUid != null) {
            show(studyUid);
        }
    }

    private void placeholder() {
        Label hint = new Label(i18n.get("report.libraryEmpty"));
        hint.setWrapText(true);
        hint.getStyleClass().add("placeholder");
        tiles.getChildren().setAll(hint);
    }

    private record Rendered(int columns, int rows, int[] argb) {
    }

    /** One library image: its tile, and the image rendered at full size once it arrives. */
    private final class Tile {
        private final LibraryImage source;
        private final VBox node;
        private WritableImage full;

        Tile(LibraryImage source) {
            this.source = source;
            ImageView view = new ImageView();
            view.setFitWidth(TILE);
            view.setFitHeight(TILE);
            view.setPreserveRatio(true);
            Label caption = new Label(source.caption());
            caption.setMaxWidth(TILE);
            node = new VBox(2, view, caption);
            node.setAlignment(Pos.TOP_CENTER);
            node.getStyleClass().add(source.key() ? "library-key-image" : "library-screenshot");
            node.setUserData(source);
            Tooltip.install(node, new Tooltip(source.caption() + "\n" + i18n.get("report.libraryHint")));
            node.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                    image().ifPresent(onAdd);
                }
            });
            node.setOnDragDetected(e -> {
                dragged = this;
                node.startFullDrag();
                e.consume();
            });
            // the drop target has had its MOUSE_DRAG_RELEASED by the time the source is released
            node.setOnMouseReleased(e -> dragged = null);
            FxFutures.onFx(this::render, renderer).whenComplete((frame, error) -> {
                if (error != null) {
                    LOG.warn("library image {} not shown", source.file(), error);
                    return;
                }
                full = new WritableImage(new PixelBuffer<>(frame.columns(), frame.rows(), IntBuffer.wrap(frame.argb()),
                        PixelFormat.getIntArgbPreInstance()));
                view.setImage(full);
            });
        }

        Optional<ReportImage> image() {
            return full == null ? Optional.empty()
                    : Optional.of(new ReportImage(source.caption(), FxPng.encode(full), source.sopInstanceUid(),
                            source.frame()));
        }

        /** Decoded and rendered at the image's own window, on the library's thread. */
        private Rendered render() {
            try {
                DicomImage dicom = DicomImage.read(source.file());
                int index = source.frame() - 1;
                Frame frame = dicom.frame(index);
                int[] argb = new int[frame.columns() * frame.rows()];
                new FrameRenderer().render(frame, dicom.pixelInfo(index), null, false, argb);
                return new Rendered(frame.columns(), frame.rows(), argb);
            } catch (DicomReadException e) {
                throw new IllegalStateException(source.file() + ": " + e.getMessage(), e);
            }
        }
    }
}
