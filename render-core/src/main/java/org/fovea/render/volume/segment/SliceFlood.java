package org.fovea.render.volume.segment;

import java.util.Arrays;

/**
 * Flood fills within one slice (4-connected): which pixels can be reached from the slice's edge
 * without crossing a barrier, and the regions a barrier encloses. One instance per thread; it
 * keeps its buffers from one slice to the next.
 */
final class SliceFlood {

    /** Receives one enclosed region: {@code pixels[0..count)} are its pixel numbers (j * columns + i). */
    interface RegionConsumer {
        void accept(int[] pixels, int count);
    }

    private final int columns;
    private final int rows;
    private final boolean[] reached;
    private final IntQueue queue = new IntQueue();
    private int[] region = new int[1024];

    SliceFlood(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
        this.reached = new boolean[columns * rows];
    }

    /**
     * Marks every non-barrier pixel that a path of non-barrier pixels joins to the slice's edge.
     * The returned array is this flood's own and is overwritten by the next call.
     */
    boolean[] outside(boolean[] barrier) {
        // an enclosed pixel lies inside the barrier's bounding box, so only that box (plus a
        // one-pixel frame that is free by construction) needs flooding: the rest is outside
        int i0 = columns, i1 = -1, j0 = rows, j1 = -1;
        for (int j = 0, p = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++, p++) {
                if (barrier[p]) {
                    i0 = Math.min(i0, i);
                    i1 = Math.max(i1, i);
                    j0 = Math.min(j0, j);
                    j1 = j;
                }
            }
        }
        Arrays.fill(reached, true);
        if (i1 < 0) {
            return reached;
        }
        i0 = Math.max(0, i0 - 1);
        i1 = Math.min(columns - 1, i1 + 1);
        j0 = Math.max(0, j0 - 1);
        j1 = Math.min(rows - 1, j1 + 1);
        for (int j = j0; j <= j1; j++) {
            Arrays.fill(reached, j * columns + i0, j * columns + i1 + 1, false);
        }
        queue.clear();
        for (int i = i0; i <= i1; i++) {
            seed(barrier, j0 * columns + i);
            seed(barrier, j1 * columns + i);
        }
        for (int j = j0; j <= j1; j++) {
            seed(barrier, j * columns + i0);
            seed(barrier, j * columns + i1);
        }
        spread(barrier, -1);
        return reached;
    }

    /**
     * After {@link #outside}, calls {@code consumer} for each region the barrier encloses that
     * has at most {@code maxPixels} pixels; larger regions are skipped.
     */
    void enclosedRegions(boolean[] barrier, int maxPixels, RegionConsumer consumer) {
        for (int p = 0; p < reached.length; p++) {
            if (reached[p] || barrier[p]) {
                continue;
            }
            queue.clear();
            reached[p] = true;
            queue.add(p);
            int count = spread(barrier, maxPixels);
            if (count <= maxPixels) {
                consumer.accept(region, count);
            }
        }
    }

    private void seed(boolean[] barrier, int p) {
        if (!reached[p] && !barrier[p]) {
            reached[p] = true;
            queue.add(p);
        }
    }

    /**
     * Empties the queue, marking the free pixels it reaches; records them in {@link #region}
     * while there are at most {@code keep} of them. Returns how many pixels were taken.
     */
    private int spread(boolean[] barrier, int keep) {
        int count = 0;
        while (!queue.isEmpty()) {
            int p = queue.remove();
            if (count < keep) {
                if (count == region.length) {
                    region = Arrays.copyOf(region, count * 2);
                }
                region[count] = p;
            }
            count++;
            int i = p % columns;
            if (i > 0) {
                visit(barrier, p - 1);
            }
            if (i + 1 < columns) {
                visit(barrier, p + 1);
            }
            if (p >= columns) {
                visit(barrier, p - columns);
            }
            if (p + columns < reached.length) {
                visit(barrier, p + columns);
            }
        }
        return count;
    }

    private void visit(boolean[] barrier, int p) {
        if (!reached[p] && !barrier[p]) {
            reached[p] = true;
            queue.add(p);
        }
    }
}
