package org.fovea.render.measure;

import org.fovea.render.Frame;
import org.fovea.render.ModalityLut;

/**
 * Moves a point along a line to the edge near it: the caliper's "snap to edge". The modality
 * values are sampled along the line (bilinear between pixel centres, averaged with the lines a
 * pixel either side) every quarter pixel, slopes taken over a pixel either side; of
 * the strong edges within reach (slope at least half the strongest there), the nearest wins, and
 * the point goes to the slope-weighted mean position over the crest of that edge, which for the
 * boundary of a region of pixels lies on the crack between the pixels inside and outside.
 */
public final class EdgeSnap {

    private static final double STEP = 0.25;
    /** An edge counts when its slope is at least this share of the strongest in reach. */
    private static final double STRONG = 0.6;
    /** The edge's position is the mean over the crest of its slope: where it is at least this share of its peak. */
    private static final double CREST = 0.8;

    private EdgeSnap() {
    }

    /**
     * The strong edge nearest {@code p} along the line through it in direction ({@code dx},
     * {@code dy}) (image units; normalised here), searched within {@code reach} image units either
     * side; {@code p} itself when the profile is flat there.
     */
    public static ImagePoint snap(Frame frame, ModalityLut lut, ImagePoint p, double dx, double dy, double reach) {
        double n = Math.hypot(dx, dy);
        if (n == 0 || frame.kind() == Frame.Kind.RGB) {
            return p;
        }
        double ux = dx / n, uy = dy / n;
        int half = (int) Math.ceil(reach / STEP);
        double[] v = new double[2 * half + 1];
        // the profile along the line, averaged with the two lines a pixel either side of it, so
        // that pixel noise does not make edges of its own
        for (int i = -half; i <= half; i++) {
            double x = p.x() + ux * i * STEP, y = p.y() + uy * i * STEP;
            v[i + half] = (value(frame, lut, x, y) + value(frame, lut, x - uy, y + ux)
                    + value(frame, lut, x + uy, y - ux)) / 3;
        }
        // slopes over a pixel's length either side
        int k = (int) Math.round(1 / STEP);
        double[] g = new double[v.length];
        double peak = 0;
        for (int i = k; i < v.length - k; i++) {
            g[i] = Math.abs(v[i + k] - v[i - k]) / (2 * k * STEP);
            peak = Math.max(peak, g[i]);
        }
        if (peak == 0) {
            return p;
        }
        // of the strong edges in reach (a slope at least half the strongest), the one nearest p:
        // a caliper end started inside a small nodule goes to its own side, not the stronger far one
        int at = -1;
        for (int i = k; i < v.length - k; i++) {
            boolean localMax = g[i] >= g[i - 1] && g[i] >= g[i + 1];
            if (localMax && g[i] >= peak * STRONG && (at < 0 || Math.abs(i - half) < Math.abs(at - half))) {
                at = i;
            }
        }
        double top = g[at] * CREST;
        double sum = 0, weighted = 0;
        for (int i = at; i >= k && g[i] >= top; i--) {
            sum += g[i];
            weighted += g[i] * i;
        }
        for (int i = at + 1; i < v.length - k && g[i] >= top; i++) {
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
