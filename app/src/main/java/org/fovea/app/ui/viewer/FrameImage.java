package org.fovea.app.ui.viewer;

import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.PixelInfo;
import org.fovea.render.Voi;

import java.nio.IntBuffer;

/**
 * One viewport's displayed pixels: a WritableImage over a PixelBuffer whose int[] the renderer
 * writes directly, so a new window or slice costs one LUT pass and no per-pixel JavaFX call.
 * The renderer emits opaque pixels, so its ARGB is also the premultiplied ARGB JavaFX expects.
 * Used on the FX thread only.
 */
final class FrameImage {

    private final FrameRenderer renderer = new FrameRenderer();
    private int[] argb;
    private PixelBuffer<IntBuffer> buffer;
    private WritableImage image;

    /** Renders a frame; returns the image to show, a new one only when the size changed. */
    WritableImage render(Frame frame, PixelInfo pixelInfo, Voi voi, boolean invert, org.fovea.render.DisplayFilter filter) {
        int w = frame.columns();
        int h = frame.rows();
        if (image == null || buffer.getWidth() != w || buffer.getHeight() != h) {
            argb = new int[w * h];
            buffer = new PixelBuffer<>(w, h, IntBuffer.wrap(argb), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
        }
        renderer.render(frame, pixelInfo, voi, invert, filter, argb);
        buffer.updateBuffer(b -> null);
        return image;
    }

    /** The displayed ARGB of one image pixel; what a test or a point readout compares against. */
    int argbAt(int x, int y) {
        return argb[y * buffer.getWidth() + x];
    }

    WritableImage image() { return image; }
}
