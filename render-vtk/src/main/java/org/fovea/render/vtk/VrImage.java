package org.fovea.render.vtk;

import org.fovea.render.geom.Vec3;

import java.util.Optional;

/**
 * One rendered volume rendering frame: opaque ARGB pixels, row 0 at the top, with the projection
 * it was rendered with, so overlays (the 3D cursor, orientation labels) can be placed on exactly
 * this frame without asking the render thread.
 */
public final class VrImage {

    private final int[] argb;
    private final int width;
    private final int height;
    private final long millis;
    private final VolumeRenderView.Quality quality;
    private final double rayBlock;
    private final double[] worldToView;

    VrImage(int[] argb, int width, int height, long millis, VolumeRenderView.Quality quality, double rayBlock,
            double[] worldToView) {
        this.argb = argb;
        this.width = width;
        this.height = height;
        this.millis = millis;
        this.quality = quality;
        this.rayBlock = rayBlock;
        this.worldToView = worldToView;
    }

    /** Pixels, {@code argb[y * width + x]}, row 0 at the top, alpha always 255. Owned by the caller. */
    public int[] argb() { return argb; }

    public int width() { return width; }

    public int height() { return height; }

    /** How long the render and read-back took on the render thread. */
    public long millis() { return millis; }

    /** The quality this frame was rendered at (a newer request may have answered an older one). */
    public VolumeRenderView.Quality quality() { return quality; }

    /** Pixels per cast ray along each side: 1 at full quality, more while interacting (the rest are interpolated). */
    public double rayBlock() { return rayBlock; }

    /** The pixel at (x, y), row 0 at the top. */
    public int pixel(int x, int y) {
        return argb[y * width + x];
    }

    /**
     * Where a patient point (LPS mm) appears in this frame, {x, y} in pixels with (0, 0) the top
     * left corner of the top left pixel; empty when the point is behind the camera.
     */
    public Optional<double[]> toPixel(Vec3 p) {
        double[] m = worldToView;
        double x = m[0] * p.x() + m[1] * p.y() + m[2] * p.z() + m[3];
        double y = m[4] * p.x() + m[5] * p.y() + m[6] * p.z() + m[7];
        double w = m[12] * p.x() + m[13] * p.y() + m[14] * p.z() + m[15];
        if (w <= 0) return Optional.empty();
        return Optional.of(new double[] {(x / w + 1) / 2 * width, (1 - y / w) / 2 * height});
    }
}
