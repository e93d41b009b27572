package org.fovea.render.volume.segment;

import org.fovea.render.volume.Volume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Finds what lies outside the patient in a CT volume: the table, pads, cables, the parts of a
 * head holder, anything denser than air that the body does not enclose. It must never take
 * anything of the body, so every doubt keeps a voxel:
 * <ol>
 *   <li><b>matter</b>: voxels of at least {@value #AIR_HU} HU, halfway between air (−1000) and
 *       the skin and fat (−150 and above); foam pads (−900 to −700) count as air;</li>
 *   <li><b>body</b>: the largest 3D connected piece of matter, and every other piece with a part
 *       at least {@value #THICK_MM} mm thick in both in-plane directions: arms raised beside a
 *       chest or the second leg are not joined to the trunk inside the scanned range but are
 *       thick, while a table top and its shells, cables and straps are thin;</li>
 *   <li><b>enclosed</b>: in each slice, matter that the body surrounds (a nodule or a vessel
 *       inside the lung, whose surrounding lung is below the air threshold) is body too.</li>
 * </ol>
 * What is left, matter that is neither, is the mask. A table the patient lies on with no gap
 * (no pad, or a pad as dense as tissue) is part of the body's piece and stays.
 * CT only: the thresholds are HU.
 */
public final class TableRemoval {

    public static final double AIR_HU = -500;
    public static final double THICK_MM = 30;

    private TableRemoval() {
    }

    /** The table and everything else outside the body of {@code v}. */
    public static VoxelMask table(Volume v) {
        return table(v, () -> false, fraction -> { });
    }

    /**
     * The table and everything else outside the body of {@code v}; {@code progress} receives the
     * fraction done (0..1, from worker threads). Throws {@link CancellationException} soon after
     * {@code cancelled} turns true.
     */
    public static VoxelMask table(Volume v, BooleanSupplier cancelled, DoubleConsumer progress) {
        Work work = new Work(cancelled, progress);
        HuThreshold matter = new HuThreshold(v, AIR_HU);
        VoxelMask thick = thickParts(v, matter, work);
        VoxelMask outsideBody = piecesOutsideBody(v, matter, thick, work);
        VoxelMask removed = notEnclosed(v, matter, outsideBody, work);
        work.report(1);
        return removed;
    }

    /**
     * Matter eroded by a box {@link #THICK_MM} wide in-plane: erosion by a box is erosion by
     * its row segment, then by its column segment, each a pass over runs.
     */
    private static VoxelMask thickParts(Volume v, HuThreshold matter, Work work) {
        int nx = v.columns(), ny = v.rows();
        int slice = nx * ny;
        double[] spacing = v.geometry().spacing();
        int ri = halfWidth(spacing[0]), rj = halfWidth(spacing[1]);
        VoxelMask thick = VoxelMask.sizedFor(v);
        ThreadLocal<boolean[]> rowsEroded = ThreadLocal.withInitial(() -> new boolean[slice]);
        work.perSlice(v.slices(), 0, 0.25, k -> {
            int base = k * slice;
            boolean[] eroded = rowsEroded.get();
            Arrays.fill(eroded, false);
            for (int j = 0; j < ny; j++) {
                int row = j * nx;
                int start = -1;
                for (int i = 0; i <= nx; i++) {
                    boolean in = i < nx && matter.test(base + row + i);
                    if (in && start < 0) {
                        start = i;
                    } else if (!in && start >= 0) {
                        for (int e = start + ri; e <= i - 1 - ri; e++) {
                            eroded[row + e] = true;
                        }
                        start = -1;
                    }
                }
            }
            for (int i = 0; i < nx; i++) {
                int start = -1;
                for (int j = 0; j <= ny; j++) {
                    boolean in = j < ny && eroded[j * nx + i];
                    if (in && start < 0) {
                        start = j;
                    } else if (!in && start >= 0) {
                        for (int e = start + rj; e <= j - 1 - rj; e++) {
                            thick.setConcurrently(base + e * nx + i);
                        }
                        start = -1;
                    }
                }
            }
        });
        return thick;
    }

    /** Voxels each side of the centre so that the box spans at least {@link #THICK_MM}. */
    private static int halfWidth(double spacing) {
        return Math.max(1, (int) Math.ceil((THICK_MM / spacing - 1) / 2));
    }

    /** A connected piece of matter: a voxel to flood it from, its size, whether part is thick. */
    private record Piece(int seed, int voxels, boolean thick) {
    }

    /**
     * The pieces of matter that are not body, by two flood fills: one over all matter to size
     * and judge each piece, and one over the pieces judged not body to mark them. The second
     * flood covers only the table and its like, a small part of the volume.
     */
    private static VoxelMask piecesOutsideBody(Volume v, HuThreshold matter, VoxelMask thick, Work work) {
        VoxelMask seen = VoxelMask.sizedFor(v);
        IntQueue queue = new IntQueue();
        List<Piece> pieces = new ArrayList<>();
        int total = v.columns() * v.rows() * v.slices();
        for (int p = 0; p < total; p++) {
            if ((p & 0xFFFFF) == 0) {
                work.check();
                work.report(0.25 + 0.5 * p / total);
            }
            if (!seen.get(p) && matter.test(p)) {
                pieces.add(flood(v, matter, seen, thick, queue, p, work));
            }
        }
        Piece largest = null;
        for (Piece piece : pieces) {
            if (largest == null || piece.voxels > largest.voxels) {
                largest = piece;
            }
        }
        VoxelMask outside = VoxelMask.sizedFor(v);
        for (Piece piece : pieces) {
            if (piece != largest && !piece.thick) {
                flood(v, matter, outside, null, queue, piece.seed, work);
            }
        }
        return outside;
    }

    /**
     * Floods the 6-connected piece of matter around {@code seed} into {@code into}, a run along
     * a row at a time: the queue holds one voxel of each run still to fill, so the work per voxel
     * is a few bit tests, and divisions are per run.
     */
    private static Piece flood(Volume v, HuThreshold matter, VoxelMask into, VoxelMask thick, IntQueue queue,
                               int seed, Work work) {
        int nx = v.columns(), ny = v.rows(), nz = v.slices();
        int slice = nx * ny;
        boolean isThick = false;
        int voxels = 0;
        int runs = 0;
        queue.clear();
        queue.add(seed);
        while (!queue.isEmpty()) {
            int p = queue.remove();
            if (into.get(p)) {
                continue;
            }
            if ((++runs & 0xFFFF) == 0) {
                work.check();
            }
            int line = p / nx;
            int rowStart = line * nx, rowEnd = rowStart + nx - 1;
            int a = p, b = p;
            while (a > rowStart && free(matter, into, a - 1)) {
                a--;
            }
            while (b < rowEnd && free(matter, into, b + 1)) {
                b++;
            }
            for (int q = a; q <= b; q++) {
                into.set(q);
            }
            voxels += b - a + 1;
            if (thick != null && !isThick) {
                int t = thick.nextSet(a);
                isThick = t >= 0 && t <= b;
            }
            int j = line % ny, k = line / ny;
            if (j > 0) {
                queueRuns(matter, into, queue, a - nx, b - nx);
            }
            if (j + 1 < ny) {
                queueRuns(matter, into, queue, a + nx, b + nx);
            }
            if (k > 0) {
                queueRuns(matter, into, queue, a - slice, b - slice);
            }
            if (k + 1 < nz) {
                queueRuns(matter, into, queue, a + slice, b + slice);
            }
        }
        return new Piece(seed, voxels, isThick);
    }

    private static boolean free(HuThreshold matter, VoxelMask into, int p) {
        return !into.get(p) && matter.test(p);
    }

    /** Queues the first voxel of every run of free matter in {@code [from, to]} of one row. */
    private static void queueRuns(HuThreshold matter, VoxelMask into, IntQueue queue, int from, int to) {
        boolean inRun = false;
        for (int q = from; q <= to; q++) {
            boolean f = free(matter, into, q);
            if (f && !inRun) {
                queue.add(q);
            }
            inRun = f;
        }
    }

    /** Of the pieces outside the body, the voxels the body does not surround in their slice. */
    private static VoxelMask notEnclosed(Volume v, HuThreshold matter, VoxelMask outsideBody, Work work) {
        int slice = v.columns() * v.rows();
        VoxelMask removed = VoxelMask.sizedFor(v);
        ThreadLocal<SliceFlood> floods = ThreadLocal.withInitial(() -> new SliceFlood(v.columns(), v.rows()));
        ThreadLocal<boolean[]> barriers = ThreadLocal.withInitial(() -> new boolean[slice]);
        work.perSlice(v.slices(), 0.75, 1, k -> {
            int base = k * slice;
            int first = outsideBody.nextSet(base);
            if (first < 0 || first >= base + slice) {
                return;
            }
            boolean[] body = barriers.get();
            for (int p = 0; p < slice; p++) {
                body[p] = matter.test(base + p) && !outsideBody.get(base + p);
            }
            boolean[] reached = floods.get().outside(body);
            for (int p = first - base; p < slice; p++) {
                if (reached[p] && outsideBody.get(base + p)) {
                    removed.setConcurrently(base + p);
                }
            }
        });
        return removed;
    }
}
