package org.fovea.render.measure;

import org.fovea.render.Frame;
import org.fovea.render.ModalityLut;

/**
 * Moves a point along a line to the strongest edge near it: the caliper's "snap to edge". The
 * modality values are sampled along the line (bilinear between pixel centres) every quarter
 * pixel, and the point goes to the centre of the steepest stretch of the profile within reach:
 * the gradient-weighted mean position where the slope is at least half its peak, which for the
 * boundary of a region of pixels lies on the crack between the pixels inside and outside.
 */
public final class EdgeSnap {

    private static final double STEP = 0.25;

    private EdgeSnap() {
    }

    /**
     * The edge nearest in strength along the line through {@code p} in direction
     * ({@code dx}, {@code dy}) (image units; normalised here), searched within {@code reach}
     * image units either side; {@code p} itself when the profile is flat there.
     */
    public static ImagePoint snap(Frame frame, ModalityLut lut, ImagePoint p, double dx, double dy, double reach) {
        double n = Math.hypot(dx, dy);
        if (n == 0 || frame.kind() == Frame.Kind.RGB) {
            return p;
        }
        double ux = dx / n, uy = dy / n;
        int half = (int) Math.ceil(reach / STEP);
        double[] v = new double[2 * half + 1];
        for (int i = -half; i <= half; i++) {
            v[i + half] = value(frame, lut, p.x() + ux * i * STEP, p.y() + uy * i * STEP);
        }
        double[] g = new double[v.length];
        double peak = 0;
        int at = -1;
        for (int i = 1; i < v.length - 1; i++) {
            g[i] = Math.abs(v[i + 1] - v[i - 1]) / (2 * STEP);
            // the strongest slope; of equal ones, the one nearest p
            if (g[i] > peak + 1e-9 || (Math.abs(g[i] - peak) <= 1e-9 && Math.abs(i - half) < Math.abs(at - half))) {
                peak = g[i];
                at = i;
            }
        }
        if (at < 0 || peak == 0) {
            return p;
        }
        double sum = 0, weighted = 0;
        for (int i = at; i > 0 && g[i] >= peak / 2; i--) {
            sum += g[i];
            weighted += g[i] * i;
        }
        for (int i = at + 1; i < v.length - 1 && g[i] >= peak / 2; i++) {
            sum += g[i];
            weighted += g[i] * i;
        }
        double s = (weighted / sum - half) * STEP;
        return new ImagePoint(p.x() + ux * s, p.y() + uy * s);
    }

    /** The modality value at an image point, bilinear between pixel centres, clamped at the borders. */
    public static double value(Frame frame, ModalityLut lut, double x, double y) {
        double u = x - 0.5, v = y - 0.5;
        int c0 = (int) Math.floor(u), r0 = (int) Math.floor(v);
        double fu = u - c0, fv = v - r0;
        double a = at(frame, lut, c0, r0), b = at(frame, lut, c0 + 1, r0);
        double c = at(frame, lut, c0, r0 + 1), d = at(frame, lut, c0 + 1, r0 + 1);
        return (a * (1 - fu) + b * fu) * (1 - fv) + (c * (1 - fu) + d * fu) * fv;
    }

    private static double at(Frame f, ModalityLut lut, int c, int r) {
        c = Math.max(0, Math.min(f.columns() - 1, c));
        r = Math.max(0, Math.min(f.rows() - 1, r));
        return lut.apply(f.storedValue(c, r));
    }
}
