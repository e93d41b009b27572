package org.fovea.render.volume;

import java.util.Arrays;

/**
 * Samples one image row: pixels along a straight line through the volume, index positions
 * {@code start + x * across}, thin or as a slab of samples {@code start + x * across + s * deep}
 * for s in -half..half. Reslicing and curved reformats are both made of such rows. Holds the
 * scratch rows of one thread.
 *
 * <p>When {@code across} and {@code deep} are whole index steps (axis-aligned planes at the
 * voxel spacing, wherever the cursor is), every sample of a row sits at the same fraction of a
 * voxel from its cell's corner: no fraction means the voxels themselves are copied; a fraction
 * along one axis (the plane between two slices) interpolates two voxels instead of eight.
 */
final class RowSampler {

    /** A start this close to a whole index is on it: well below a gray level's worth of interpolation. */
    private static final double ON_VOXEL = 1e-6;

    private final VoxelSampler sampler;
    private final int width;
    private final SlabMode mode;
    private final int half;
    private final int[] inside = new int[2];
    private final int[] core = new int[2];
    private final int[] buf;
    /** Array indices of the cells of an oblique row. */
    private final int[] cells;
    /** Kept so that the loads that bring a row's cells into the cache stay. */
    private int touched;
    private final int[] acc;
    private final int[] count;
    /** Lower cell corner and fraction along each axis of the current row (whole steps only). */
    private final int[] corner = new int[3];
    private final double[] fraction = new double[3];

    /** Rows of {@code width} pixels; a slab of {@code 2 * half + 1} samples per pixel, combined by {@code mode}. */
    RowSampler(VoxelSampler sampler, int width, int half, SlabMode mode) {
        this.sampler = sampler;
        this.width = width;
        this.mode = mode;
        this.half = half;
        buf = new int[width];
        cells = new int[width];
        acc = half > 0 ? new int[width] : null;
        count = half > 0 && mode == SlabMode.AVERAGE ? new int[width] : null;
    }

    /**
     * Writes the row into {@code out} from {@code at}. {@code wholeSteps}: {@code across} and
     * {@code deep} are whole index steps.
     */
    void row(double[] start, double[] across, double[] deep, boolean wholeSteps, short[] out, int at) {
        if (half == 0) {
            thin(start[0], start[1], start[2], across, wholeSteps, out, at);
        } else {
            slab(start, across, deep, wholeSteps, out, at);
        }
    }

    private void thin(double ri, double rj, double rk, double[] dx, boolean wholeSteps, short[] out, int at) {
        sampler.insideRange(ri, rj, rk, dx[0], dx[1], dx[2], width, inside);
        int first = inside[0], last = inside[1];
        short outside = (short) sampler.outside;
        if (first > last) {
            Arrays.fill(out, at, at + width, outside);
            return;
        }
        Arrays.fill(out, at, at + first, outside);
        Arrays.fill(out, at + last + 1, at + width, outside);
        if (wholeSteps && onVoxels(ri, rj, rk) && voxelStep(dx) == 1) {
            // pixels are consecutive voxels of one row of the volume: the common axial case
            System.arraycopy(sampler.values, voxelIndex() + first, out, at + first, last - first + 1);
            return;
        }
        samples(ri, rj, rk, dx, wholeSteps, first, last);
        for (int x = first; x <= last; x++) {
            out[at + x] = (short) buf[x];
        }
    }

    private void slab(double[] start, double[] dx, double[] ds, boolean wholeSteps, short[] out, int at) {
        Arrays.fill(acc, mode == SlabMode.MIP ? Integer.MIN_VALUE : mode == SlabMode.MINIP ? Integer.MAX_VALUE : 0);
        if (count != null) {
            Arrays.fill(count, 0);
        }
        for (int s = -half; s <= half; s++) {
            double si = start[0] + s * ds[0], sj = start[1] + s * ds[1], sk = start[2] + s * ds[2];
            sampler.insideRange(si, sj, sk, dx[0], dx[1], dx[2], width, inside);
            int first = inside[0], last = inside[1];
            if (first <= last) {
                samples(si, sj, sk, dx, wholeSteps, first, last);
                combine(first, last);
            }
        }
        int outside = sampler.outside;
        if (count != null) {
            for (int x = 0; x < width; x++) {
                // the mean, rounded half up
                int v = count[x] == 0 ? outside : (int) Math.floorDiv(2L * acc[x] + count[x], 2L * count[x]);
                out[at + x] = (short) v;
            }
        } else {
            int none = mode == SlabMode.MIP ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            for (int x = 0; x < width; x++) {
                out[at + x] = (short) (acc[x] == none ? outside : acc[x]);
            }
        }
    }

    /** Stored values of the samples {@code first..last} (all inside) of the row starting at (si, sj, sk), into {@code buf}. */
    private void samples(double si, double sj, double sk, double[] dx, boolean wholeSteps, int first, int last) {
        double di = dx[0], dj = dx[1], dk = dx[2];
        int from;
        int to;
        if (wholeSteps) {
            boolean onVoxels = onVoxels(si, sj, sk);
            // the cells' upper corners must be inside too along the axes with a fraction
            VoxelSampler.range(corner[0], corner[1], corner[2], di, dj, dk, 0, 0, 0,
                    sampler.columns - (fraction[0] > 0 ? 2 : 1), sampler.rows - (fraction[1] > 0 ? 2 : 1),
                    sampler.slices - (fraction[2] > 0 ? 2 : 1), width, core);
            from = Math.max(first, core[0]);
            to = Math.min(last, core[1]);
            int p = voxelIndex();
            int step = voxelStep(dx);
            int axis = fractionalAxis();
            short[] v = sampler.values;
            int m = sampler.mask;
            if (onVoxels) {
                for (int x = from; x <= to; x++) {
                    buf[x] = v[p + x * step] & m;
                }
            } else if (axis >= 0) {
                int up = sampler.neighbour(axis);
                double t = fraction[axis];
                for (int x = from; x <= to; x++) {
                    int q = p + x * step;
                    int a = v[q] & m;
                    buf[x] = VoxelSampler.round(a + t * ((v[q + up] & m) - a));
                }
            } else {
                for (int x = from; x <= to; x++) {
                    buf[x] = VoxelSampler.round(sampler.interpolateCore(si + x * di, sj + x * dj, sk + x * dk));
                }
            }
        } else {
            sampler.coreRange(si, sj, sk, di, dj, dk, width, core);
            from = Math.max(first, core[0]);
            to = Math.min(last, core[1]);
            if (from <= to) {
                touched += sampler.interpolateCoreRow(si, sj, sk, di, dj, dk, from, to, buf, cells);
            }
        }
        // the half-voxel rim, where interpolation leans on the edge voxels
        if (from > to) {
            from = last + 1;
            to = last;
        }
        for (int x = first; x < from; x++) {
            buf[x] = VoxelSampler.round(sampler.interpolate(si + x * di, sj + x * dj, sk + x * dk));
        }
        for (int x = to + 1; x <= last; x++) {
            buf[x] = VoxelSampler.round(sampler.interpolate(si + x * di, sj + x * dj, sk + x * dk));
        }
    }

    /**
     * Splits a row's start into its cell's lower corner and the fraction beyond it, per axis;
     * whether there is no fraction at all.
     */
    private boolean onVoxels(double fi, double fj, double fk) {
        split(0, fi);
        split(1, fj);
        split(2, fk);
        return fraction[0] == 0 && fraction[1] == 0 && fraction[2] == 0;
    }

    private void split(int axis, double f) {
        double whole = Math.rint(f);
        if (Math.abs(f - whole) < ON_VOXEL) {
            corner[axis] = (int) whole;
            fraction[axis] = 0;
        } else {
            double floor = Math.floor(f);
            corner[axis] = (int) floor;
            fraction[axis] = f - floor;
        }
    }

    /** The one axis with a fraction, or -1 when there are none or several. */
    private int fractionalAxis() {
        int axis = -1;
        for (int a = 0; a < 3; a++) {
            if (fraction[a] > 0) {
                if (axis >= 0) return -1;
                axis = a;
            }
        }
        return axis;
    }

    private void combine(int first, int last) {
        switch (mode) {
            case MIP -> {
                for (int x = first; x <= last; x++) {
                    acc[x] = Math.max(acc[x], buf[x]);
                }
            }
            case MINIP -> {
                for (int x = first; x <= last; x++) {
                    acc[x] = Math.min(acc[x], buf[x]);
                }
            }
            case AVERAGE -> {
                for (int x = first; x <= last; x++) {
                    acc[x] += buf[x];
                    count[x]++;
                }
            }
        }
    }

    /** Array index of the current row's corner voxel (pixel 0 of the row, which may lie outside). */
    private int voxelIndex() {
        return sampler.offset + corner[0] + corner[1] * sampler.strideJ + corner[2] * sampler.strideK;
    }

    /** Array index change for a whole index step. */
    private int voxelStep(double[] d) {
        return (int) Math.rint(d[0]) + (int) Math.rint(d[1]) * sampler.strideJ + (int) Math.rint(d[2]) * sampler.strideK;
    }
}
