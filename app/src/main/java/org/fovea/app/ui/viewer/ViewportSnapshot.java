package org.fovea.app.ui.viewer;

import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import org.fovea.app.ui.common.FxRuntime;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Theme;
import org.fovea.app.ui.common.UiFonts;
import org.fovea.app.view.Messages;
import org.fovea.app.view.OverlayLayouts;
import org.fovea.dicom.series.Slice;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.DicomReadException;
import org.fovea.render.FrameRenderer;
import org.fovea.render.Voi;
import org.fovea.render.geom.ViewTransform;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A PNG of one frame exactly as a viewer viewport shows it, overlays included, for the command
 * line's {@code snapshot --overlay}. The viewport node is the viewer's own {@link ViewportPane},
 * at the image's native size (one image pixel per PNG pixel).
 */
public final class ViewportSnapshot {

    private ViewportSnapshot() {
    }

    /**
     * Renders and writes the PNG. Callable from any thread; starts the JavaFX toolkit when it is
     * not running (a display must be available, e.g. Xvfb) and leaves it running for later calls.
     *
     * @param voi the window to apply, or null for the image's own default
     */
    public static void writePng(DicomImage image, int frameIndex, Voi voi, Locale locale, Path out)
            throws IOException, DicomReadException {
        writePng(image, frameIndex, frameIndex, image.frameCount(), voi, locale, OverlayLayouts.BUILT_IN, out);
    }

    /**
     * As {@link #writePng(DicomImage, int, Voi, Locale, Path)}, with the image's place in its
     * stack for the overlay's "n/N" when the caller knows it (e.g. from the local archive), and the
     * four-corner layouts the viewer uses (V26).
     */
    public static void writePng(DicomImage image, int frameIndex, int stackIndex, int stackSize, Voi voi,
                                Locale locale, OverlayLayouts layouts, Path out) throws IOException, DicomReadException {
        Slice slice = new Slice(image.header(), image.pixelInfo(frameIndex), image.frame(frameIndex),
                image.plane(frameIndex), image.spacing().orElse(null));
        ResourceBundle bundle = Messages.bundle(I18n.supported(locale));
        FxRuntime.ensureStarted();
        BufferedImage png;
        try {
            png = FxRuntime.call(() -> snapshot(slice, stackIndex, stackSize, voi, bundle, layouts));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the viewport snapshot failed", e);
        }
        if (!ImageIO.write(png, "png", out.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static BufferedImage snapshot(Slice slice, int index, int count, Voi voi, ResourceBundle bundle,
                                          OverlayLayouts layouts) {
        int w = slice.frame().columns();
        int h = slice.frame().rows();
        return offScreen(w, h, pane -> {
            ViewTransform view = new ViewTransform(w, h, slice.spacing(), w, h);
            pane.setOverlayLayouts(layouts);
            SlicePainter.showSlice(pane, slice, voi, false);
            SlicePainter.place(pane, view, slice, slice.header(), index, count,
                    FrameRenderer.effectiveVoi(slice.frame(), slice.pixelInfo(), voi), bundle);
        });
    }

    /**
     * A viewport pane of {@code w} x {@code h} in a scene of its own with the workstation's theme,
     * filled by {@code paint}, laid out and snapshotted: one image pixel per output pixel. FX thread.
     */
    public static BufferedImage offScreen(int w, int h, java.util.function.Consumer<ViewportPane> paint) {
        ViewportPane pane = new ViewportPane();
        Pane root = new Pane(pane);
        root.setStyle(UiFonts.rootStyle());
        Scene scene = new Scene(root, w, h, Color.BLACK);
        scene.getStylesheets().add(Theme.stylesheet());
        pane.resize(w, h);
        paint.accept(pane);
        root.applyCss();
        root.layout();
        pane.layout();
        return png(pane, w, h);
    }

    /** A laid-out node as an RGB image of {@code w} x {@code h}, as the screen shows it. FX thread. */
    static BufferedImage png(javafx.scene.Node node, int w, int h) {
        WritableImage shot = node.snapshot(new SnapshotParameters(), null);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) png.getRaster().getDataBuffer()).getData();
        shot.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), target, 0, w);
        return png;
    }
}
