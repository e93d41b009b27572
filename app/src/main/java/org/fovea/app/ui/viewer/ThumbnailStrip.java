package org.fovea.app.ui.viewer;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.ArchiveService.LoadedSeries;
import org.fovea.app.ui.common.I18n;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.IntBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The series of the open study as thumbnails of their first image, rendered off the UI thread
 * through the same FrameRenderer as the viewports. Click puts a series in the active viewport;
 * dragging a thumbnail onto a viewport puts it there.
 */
final class ThumbnailStrip {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailStrip.class);
    static final double SIZE = 120;

    private final I18n i18n;
    private final Executor decodeExecutor;
    private final Consumer<LoadedSeries> onClick;
    private final Consumer<LoadedSeries> onDragStart;
    private final VBox box = new VBox(6);
    private final ScrollPane scroll = new ScrollPane(box);
    private long generation;

    ThumbnailStrip(I18n i18n, Executor decodeExecutor, Consumer<LoadedSeries> onClick, Consumer<LoadedSeries> onDragStart) {
        this.i18n = i18n;
        this.decodeExecutor = decodeExecutor;
        this.onClick = onClick;
        this.onDragStart = onDragStart;
        box.setFillWidth(true);
        box.setStyle("-fx-padding: 6;");
        box.getStyleClass().add("thumbnail-strip");
        scroll.getStyleClass().add("thumbnail-strip");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefWidth(SIZE + 30);
        scroll.setMinWidth(SIZE + 30);
    }

    Node node() { return scroll; }

    /** The thumbnail cells, one per series in order. */
    List<Node> cells() { return box.getChildren(); }

    void show(List<LoadedSeries> series) {
        long g = ++generation;
        box.getChildren().clear();
        for (LoadedSeries s : series) {
            box.getChildren().add(cell(s, g));
        }
    }

    void clear() {
        ++generation;
        box.getChildren().clear();
    }

    private Node cell(LoadedSeries s, long g) {
        ImageView image = new ImageView();
        image.setFitWidth(SIZE);
        image.setFitHeight(SIZE);
        image.setPreserveRatio(true);
        image.setSmooth(true);
        StackPane frame = new StackPane(image);
        frame.setMinSize(SIZE, SIZE);
        frame.setPrefSize(SIZE, SIZE);
        frame.setStyle("-fx-background-color: black;");
        Label label = new Label();
        label.textProperty().bind(Bindings.createStringBinding(() -> caption(s.summary()), i18n.bundleBinding()));
        label.getStyleClass().add("thumbnail-label");
        label.setWrapText(true);
        label.setMaxWidth(SIZE);
        VBox cell = new VBox(frame, label);
        cell.setAlignment(Pos.TOP_CENTER);
        cell.getStyleClass().add("thumbnail");
        cell.setUserData(s);
        cell.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                onClick.accept(s);
            }
        });
        cell.setOnDragDetected(e -> {
            cell.startFullDrag();
            onDragStart.accept(s);
            e.consume();
        });
        decodeExecutor.execute(() -> renderFirst(s, image, g));
        return cell;
    }

    private String caption(SeriesSummary s) {
        String number = s.number() == null ? "" : "#" + s.number() + " ";
        return (number + s.modality() + " " + s.description()).trim() + "\n"
                + i18n.format("thumbnail.images", String.valueOf(s.instanceCount()));
    }

    /** Decodes and renders the first image on a decode thread; only the finished image crosses to the FX thread. */
    private void renderFirst(LoadedSeries s, ImageView target, long g) {
        if (g != generation) {
            return;
        }
        try {
            DicomImage dicom = DicomImage.read(s.instances().get(0).file());
            Frame frame = dicom.frame(0);
            int[] argb = new int[frame.columns() * frame.rows()];
            new FrameRenderer().render(frame, dicom.pixelInfo(0), null, false, argb);
            Platform.runLater(() -> {
                PixelBuffer<IntBuffer> buffer = new PixelBuffer<>(frame.columns(), frame.rows(), IntBuffer.wrap(argb),
                        PixelFormat.getIntArgbPreInstance());
                target.setImage(new WritableImage(buffer));
            });
        } catch (DicomReadException | RuntimeException e) {
            LOG.warn("no thumbnail for series {}", s.summary().seriesUid(), e);
        }
    }
}
