package org.fovea.render.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fovea.render.Frame;
import org.fovea.render.ModalityLut;

/**
 * The magnetic lasso's path search (live-wire): the cheapest path between a seed point and the
 * cursor, where a step is cheap when it runs along a strong edge of the image.
 *
 * <p>The path runs on the cracks between pixels (from pixel corner to pixel corner), so a contour
 * that follows an edge lies exactly between the pixels inside and outside it, and its area is
 * that of the pixels it encloses. A crack costs 1 plus up to {@value #SPREAD} by how weak the
 * contrast across it is, ranked against all the image's cracks: the strongest few percent of
 * edges are nearly free, so the path snaps to the boundary of a nodule whether the strongest edge
 * elsewhere is bone or air.
 *
 * <p>The search is Dijkstra's with a bucket queue over the integer costs, expanded only as far as
 * the current target needs and resumed for the next one, so following the mouse costs only the
 * ground newly covered. Not thread-safe: one lasso, one thread.
 */
public final class LiveWire {

    /** The extra cost of a crack with no contrast over one with the image's strongest. */
    static final int SPREAD = 60;
    private static final int BINS = 4096;
    private static final int UNSEEN = Integer.MAX_VALUE;

    private final int columns;
    private final int rows;
    private final int stride;            // corners per row: columns + 1
    private final byte[] horizontal;     // cost of corner (x,y) -> (x+1,y), index y*columns + x
    private final byte[] vertical;       // cost of corner (x,y) -> (x,y+1), index y*stride + x
    private final int[] distance;
    private final int[] previous;
    private final boolean[] settled;
    private final int[][] buckets = new int[SPREAD + 2][];
    private final int[] bucketSizes = new int[SPREAD + 2];
    private int queued;
    private int level;
    private int seed = -1;

    private LiveWire(int columns, int rows, double[] values) {
        this.columns = columns;
        this.rows = rows;
        this.stride = columns + 1;
        int corners = stride * (rows + 1);
        this.horizontal = new byte[columns * (rows + 1)];
        this.vertical = new byte[stride * rows];
        this.distance = new int[corners];
        this.previous = new int[corners];
        this.settled = new boolean[corners];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new int[64];
        }
        costs(values);
    }

    /** A live-wire on the modality values of a grayscale frame, or the luminance of a colour one. */
    public static LiveWire on(Frame frame, ModalityLut lut) {
        int w = frame.columns(), h = frame.rows();
        double[] v = new double[w * h];
        if (frame.kind() == Frame.Kind.RGB) {
            int[] rgb = frame.rgbPixels();
            for (int i = 0; i < v.length; i++) {
                int p = rgb[i];
                v[i] = 0.299 * (p >> 16 & 0xFF) + 0.587 * (p >> 8 & 0xFF) + 0.114 * (p & 0xFF);
            }
        } else {
            for (int y = 0, i = 0; y < h; y++) {
                for (int x = 0; x < w; x++, i++) {
                    v[i] = lut.apply(frame.storedValue(x, y));
                }
            }
        }
        return new LiveWire(w, h, v);
    }

    private void costs(double[] v) {
        double[] hContrast = new double[horizontal.length];
        double[] vContrast = new double[vertical.length];
        double max = 0;
        for (int y = 1; y < rows; y++) {          // horizontal cracks between row y-1 and row y
            for (int x = 0; x < columns; x++) {
                double d = Math.abs(v[(y - 1) * columns + x] - v[y * columns + x]);
                hContrast[y * columns + x] = d;
                max = Math.max(max, d);
            }
        }
        for (int y = 0; y < rows; y++) {          // vertical cracks between column x-1 and column x
            for (int x = 1; x < columns; x++) {
                double d = Math.abs(v[y * columns + x - 1] - v[y * columns + x]);
                vContrast[y * stride + x] = d;
                max = Math.max(max, d);
            }
        }
        // rank every contrast against all inner cracks: cost falls with the share of cracks that are weaker
        int[] histogram = new int[BINS];
        double toBin = max > 0 ? (BINS - 1) / max : 0;
        for (int y = 1; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                histogram[(int) (hContrast[y * columns + x] * toBin)]++;
            }
        }
        for (int y = 0; y < rows; y++) {
            for (int x = 1; x < columns; x++) {
                histogram[(int) (vContrast[y * stride + x] * toBin)]++;
            }
        }
        long total = 0;
        for (int c : histogram) {
            total += c;
        }
        byte[] costOfBin = new byte[BINS];
        long below = 0;
        for (int b = 0; b < BINS; b++) {
            below += histogram[b];
            double weaker = total == 0 ? 0 : (double) below / total;
            costOfBin[b] = (byte) (1 + Math.round(SPREAD * (1 - weaker)));
        }
        byte border = (byte) (SPREAD + 1);
        Arrays.fill(horizontal, border);
        Arrays.fill(vertical, border);
        for (int y = 1; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                horizontal[y * columns + x] = costOfBin[(int) (hContrast[y * columns + x] * toBin)];
            }
        }
        for (int y = 0; y < rows; y++) {
            for (int x = 1; x < columns; x++) {
                vertical[y * stride + x] = costOfBin[(int) (vContrast[y * stride + x] * toBin)];
            }
        }
    }

    /** The pixel corner nearest a point, inside the image. */
    public ImagePoint snap(ImagePoint p) {
        int x = (int) Math.max(0, Math.min(columns, Math.round(p.x())));
        int y = (int) Math.max(0, Math.min(rows, Math.round(p.y())));
        return new ImagePoint(x, y);
    }

    /** Starts paths at the corner nearest {@code anchor}, forgetting the previous search. */
    public void seed(ImagePoint anchor) {
        Arrays.fill(distance, UNSEEN);
        Arrays.fill(previous, -1);
        Arrays.fill(settled, false);
        Arrays.fill(bucketSizes, 0);
        queued = 0;
        level = 0;
        seed = corner(snap(anchor));
        distance[seed] = 0;
        push(seed, 0);
    }

    /**
     * The cheapest path from the seed to the corner nearest {@code target}, as the corners where it
     * turns (both ends included).
     */
    public List<ImagePoint> pathTo(ImagePoint target) {
        if (seed < 0) {
            throw new IllegalStateException("seed the live-wire before asking for a path");
        }
        int goal = corner(snap(target));
        expandUntil(goal);
        List<ImagePoint> reversed = new ArrayList<>();
        int dx = 0, dy = 0;
        for (int c = goal; c >= 0; c = previous[c]) {
            int p = previous[c];
            int ndx = p < 0 ? 0 : p % stride - c % stride, ndy = p < 0 ? 0 : p / stride - c / stride;
            if (reversed.isEmpty() || p < 0 || ndx != dx || ndy != dy) {
                reversed.add(new ImagePoint(c % stride, c / stride));
            }
            dx = ndx;
            dy = ndy;
        }
        List<ImagePoint> path = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            path.add(reversed.get(i));
        }
        return path;
    }

    /**
     * The closed contour through {@code anchors} in order, each joined to the next (and the last
     * to the first) by the live-wire; consecutive duplicate corners removed.
     */
    public List<ImagePoint> contour(List<ImagePoint> anchors) {
        if (anchors.size() < 2) {
            throw new IllegalArgumentException("a contour needs at least two anchor points");
        }
        List<ImagePoint> out = new ArrayList<>();
        for (int i = 0; i < anchors.size(); i++) {
            seed(anchors.get(i));
            List<ImagePoint> piece = pathTo(anchors.get((i + 1) % anchors.size()));
            for (ImagePoint p : piece) {
                if (out.isEmpty() || !out.get(out.size() - 1).equals(p)) {
                    out.add(p);
                }
            }
        }
        if (out.size() > 1 && out.get(0).equals(out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private int corner(ImagePoint snapped) {
        return (int) snapped.y() * stride + (int) snapped.x();
    }

    private void expandUntil(int goal) {
        while (!settled[goal] && queued > 0) {
            int slot = level % buckets.length;
            if (bucketSizes[slot] == 0) {
                level++;
                continue;
            }
            int c = buckets[slot][--bucketSizes[slot]];
            queued--;
            if (settled[c] || distance[c] != level) {
                continue;                       // a stale entry: reached more cheaply since
            }
            settled[c] = true;
            int x = c % stride, y = c / stride;
            if (x < columns) relax(c, c + 1, horizontal[y * columns + x]);
            if (x > 0) relax(c, c - 1, horizontal[y * columns + x - 1]);
            if (y < rows) relax(c, c + stride, vertical[y * stride + x]);
            if (y > 0) relax(c, c - stride, vertical[(y - 1) * stride + x]);
        }
    }

    private void relax(int from, int to, int cost) {
        if (settled[to]) {
            return;
        }
        int d = level + cost;
        if (d < distance[to]) {
            distance[to] = d;
            previous[to] = from;
            push(to, d);
        }
    }

    private void push(int c, int d) {
        int slot = d % buckets.length;
        int[] b = buckets[slot];
        if (bucketSizes[slot] == b.length) {
            b = buckets[slot] = Arrays.copyOf(b, b.length * 2);
        }
        b[bucketSizes[slot]++] = c;
        queued++;
    }
}
