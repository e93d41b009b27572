package org.fovea.render.volume.segment;

import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VolumeGeometry;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Finds the bone of a CT volume, so that a volume rendering can hide it and keep the
 * contrast-filled vessels. Bone and contrast overlap in HU (cancellous bone 100–400, arterial
 * contrast 150–500), so HU alone cannot separate them; what separates them is that bone has a
 * dense cortex and a vessel has none. Three steps:
 * <ol>
 *   <li><b>cortex</b>: voxels of at least {@value #DENSE_HU} HU, above the lumen of a CT
 *       angiogram at 100–120 kV (250–500 HU) with room for noise, below the cortex of ribs and
 *       vertebrae (700–2000 HU, still 600+ in thin rib cortex after partial-volume averaging);
 *       a voxel counts only with at least two such 6-neighbours, so a noise spike in a bright
 *       vessel is not taken for bone;</li>
 *   <li><b>rim</b>: from the cortex, growth through voxels of at least {@value #RIM_HU} HU for
 *       at most {@value #RIM_MM} mm along the path (at least one voxel in-plane on coarse
 *       data): the cortex's partial-volume edge and the cancellous bone lining it. A vessel that
 *       touches bone loses at most this much of its wall;</li>
 *   <li><b>marrow</b>: in each slice, regions that cortex and rim enclose completely and that are
 *       smaller than {@value #MAX_MARROW_MM2} mm² (a vertebral body, a femoral head or condyle;
 *       not the skull's or the pelvis' cavity, whose vessels must stay) lose their voxels of at
 *       least {@value #MARROW_HU} HU, cancellous bone and red marrow. Fatty marrow and the
 *       spinal canal stay: they are darker than the soft tissue a vessel view shows.</li>
 * </ol>
 *
 * <p>Known limits: a vessel whose lumen exceeds {@value #DENSE_HU} HU (undiluted contrast in
 * the injected arm vein and superior vena cava, or a CTA at 70–80 kV) is taken for bone;
 * calcified plaque is removed with its rim; a vessel ringed by calcium in a slice is taken for
 * marrow there. CT only: the thresholds are HU.
 */
public final class BoneRemoval {

    public static final double DENSE_HU = 600;
    public static final double RIM_HU = 150;
    public static final double RIM_MM = 2;
    public static final double MARROW_HU = 100;
    public static final double MAX_MARROW_MM2 = 5000;

    private BoneRemoval() {
    }

    /** The bone of {@code v}. */
    public static VoxelMask bones(Volume v) {
        return bones(v, () -> false, fraction -> { });
    }

    /**
     * The bone of {@code v}; {@code progress} receives the fraction done (0..1, from worker
     * threads). Throws {@link CancellationException} soon after {@code cancelled} turns true.
     */
    public static VoxelMask bones(Volume v, BooleanSupplier cancelled, DoubleConsumer progress) {
        Work work = new Work(cancelled, progress);
        VoxelMask bone = VoxelMask.sizedFor(v);
        cortex(v, bone, work);
        rim(v, bone, work);
        marrow(v, bone, work);
        work.report(1);
        return bone;
    }

    private static void cortex(Volume v, VoxelMask bone, Work work) {
        HuThreshold dense = new HuThreshold(v, DENSE_HU);
        int nx = v.columns(), ny = v.rows(), nz = v.slices();
        int slice = nx * ny;
        work.perSlice(nz, 0, 0.3, k -> {
            for (int j = 0, p = k * slice; j < ny; j++) {
                for (int i = 0; i < nx; i++, p++) {
                    if (!dense.test(p)) {
                        continue;
                    }
                    int neighbours = (i > 0 && dense.test(p - 1) ? 1 : 0)
                            + (i + 1 < nx && dense.test(p + 1) ? 1 : 0)
                            + (j > 0 && dense.test(p - nx) ? 1 : 0)
                            + (j + 1 < ny && dense.test(p + nx) ? 1 : 0)
                            + (k > 0 && dense.test(p - slice) ? 1 : 0)
                            + (k + 1 < nz && dense.test(p + slice) ? 1 : 0);
                    if (neighbours >= 2) {
                        bone.setConcurrently(p);
                    }
                }
            }
        });
    }

    /**
     * Grows the cortex into bright voxels along paths of at most {@link #RIM_MM}. The queue
     * holds pairs (voxel, mm left in micrometres); it starts from the cortex voxels that have a
     * bright neighbour outside the cortex, the only ones that can grow.
     */
    private static void rim(Volume v, VoxelMask bone, Work work) {
        HuThreshold bright = new HuThreshold(v, RIM_HU);
        int nx = v.columns(), ny = v.rows(), nz = v.slices();
        int slice = nx * ny;
        double[] spacing = v.geometry().spacing();
        int stepI = (int) Math.round(spacing[0] * 1000), stepJ = (int) Math.round(spacing[1] * 1000);
        int stepK = (int) Math.round(spacing[2] * 1000);
        int budget = (int) Math.round(Math.max(RIM_MM, Math.max(spacing[0], spacing[1])) * 1000);
        IntQueue queue = new IntQueue();
        for (int p = bone.nextSet(0); p >= 0; p = bone.nextSet(p + 1)) {
            if ((p & 0xFFFFF) == 0) {
                work.check();
            }
            int i = p % nx, j = (p / nx) % ny, k = p / slice;
            if (i > 0 && grows(bone, bright, p - 1) || i + 1 < nx && grows(bone, bright, p + 1)
                    || j > 0 && grows(bone, bright, p - nx) || j + 1 < ny && grows(bone, bright, p + nx)
                    || k > 0 && grows(bone, bright, p - slice) || k + 1 < nz && grows(bone, bright, p + slice)) {
                queue.add(p);
                queue.add(budget);
            }
        }
        work.report(0.4);
        long steps = 0;
        while (!queue.isEmpty()) {
            if ((++steps & 0xFFFFF) == 0) {
                work.check();
            }
            int p = queue.remove();
            int left = queue.remove();
            int i = p % nx, j = (p / nx) % ny, k = p / slice;
            if (left >= stepI) {
                if (i > 0) {
                    grow(bone, bright, queue, p - 1, left - stepI);
                }
                if (i + 1 < nx) {
                    grow(bone, bright, queue, p + 1, left - stepI);
                }
            }
            if (left >= stepJ) {
                if (j > 0) {
                    grow(bone, bright, queue, p - nx, left - stepJ);
                }
                if (j + 1 < ny) {
                    grow(bone, bright, queue, p + nx, left - stepJ);
                }
            }
            if (left >= stepK) {
                if (k > 0) {
                    grow(bone, bright, queue, p - slice, left - stepK);
                }
                if (k + 1 < nz) {
                    grow(bone, bright, queue, p + slice, left - stepK);
                }
            }
        }
        work.report(0.5);
    }

    private static boolean grows(VoxelMask bone, HuThreshold bright, int p) {
        return !bone.get(p) && bright.test(p);
    }

    private static void grow(VoxelMask bone, HuThreshold bright, IntQueue queue, int p, int left) {
        if (grows(bone, bright, p)) {
            bone.set(p);
            queue.add(p);
            queue.add(left);
        }
    }

    private static void marrow(Volume v, VoxelMask bone, Work work) {
        HuThreshold cancellous = new HuThreshold(v, MARROW_HU);
        int nx = v.columns(), ny = v.rows();
        int slice = nx * ny;
        VolumeGeometry g = v.geometry();
        Vec3 pixel = g.columnStep().cross(g.rowStep());
        int maxPixels = (int) Math.min(slice, Math.floor(MAX_MARROW_MM2 / pixel.length()));
        ThreadLocal<SliceFlood> floods = ThreadLocal.withInitial(() -> new SliceFlood(nx, ny));
        ThreadLocal<boolean[]> barriers = ThreadLocal.withInitial(() -> new boolean[slice]);
        // the barrier of a slice is read before any bit of that slice is set, and slices only
        // share words at their ends, so slices can be filled in parallel
        work.perSlice(v.slices(), 0.5, 1, k -> {
            int base = k * slice;
            boolean[] barrier = barriers.get();
            boolean any = false;
            for (int p = 0; p < slice; p++) {
                barrier[p] = bone.get(base + p);
                any |= barrier[p];
            }
            if (!any) {
                return;
            }
            SliceFlood flood = floods.get();
            flood.outside(barrier);
            flood.enclosedRegions(barrier, maxPixels, (pixels, count) -> {
                for (int n = 0; n < count; n++) {
                    int p = base + pixels[n];
                    if (cancellous.test(p)) {
                        bone.setConcurrently(p);
                    }
                }
            });
        });
    }
}
