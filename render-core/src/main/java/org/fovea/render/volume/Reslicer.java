package org.fovea.render.volume;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.fovea.render.Frame;

/**
 * Reformats a volume on a {@link SlicePlane}: a grayscale {@link Frame} of stored values with the
 * volume's signedness (Bits Stored 16), to be rendered with the volume's {@code PixelInfo}
 * through {@code FrameRenderer} like any acquired image.
 *
 * <p>Sampling: trilinear interpolation; the volume extends half a voxel beyond its outer voxel
 * centres, and outside it pixels take the volume's minimum stored value (air on CT). Where every
 * pixel centre falls on a voxel centre (axis-aligned planes through voxel centres at the voxel
 * spacing, the usual MPR of an axial CT), pixels are voxels copied without interpolation: the
 * same values, and faster.
 *
 * <p>Slabs: samples along the plane's normal, symmetric about the plane, one index-space voxel
 * apart (for a normal along a voxel axis that is exactly that axis' spacing, so a slab along an
 * axis of an axis-aligned volume samples whole voxels); every sample within half the slab's
 * thickness of the plane counts, samples outside the volume are left out. So a 10 mm MIP on
 * 1 mm slices is the maximum of the 11 voxels within ±5 mm.
 *
 * <p>Speed: index positions step incrementally across a row (no per-pixel matrix product), and
 * rows are shared out in bands between the caller and one helper thread. Thread-safe: one
 * instance may serve several views.
 */
public final class Reslicer {

    /** Below this many pixels the hand-over to the helper costs more than it saves. */
    private static final int SPLIT_PIXELS = 1 << 15;

    /** Bands per image: enough that a thread delayed by other work leaves the rest to the other. */
    private static final int BANDS = 16;

    /**
     * How far, in voxels, the sample positions of a whole image may stray from voxel centres for
     * the image to be copied from voxels rather than interpolated: far below anything visible.
     */
    private static final double LATTICE_TOLERANCE = 1e-3;

    /** One daemon helper for all reslicers; the caller does whatever the helper has not started. */
    private static final ExecutorService HELPER = Runtime.getRuntime().availableProcessors() < 2 ? null
            : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fovea-reslice-helper");
                t.setDaemon(true);
                return t;
            });

    private final Volume volume;
    private final VoxelSampler sampler;

    public Reslicer(Volume volume) {
        this.volume = Objects.requireNonNull(volume);
        this.sampler = new VoxelSampler(volume);
    }

    public Volume volume() {
        return volume;
    }

    /** The plane reformatted into a new array. */
    public Frame reslice(SlicePlane plane, Slab slab) {
        return reslice(plane, slab, null);
    }

    /**
     * The plane reformatted into {@code reuse} when it holds at least {@code width * height}
     * values (a viewport keeps one per view so that scrolling allocates nothing), else into a
     * new array.
     */
    public Frame reslice(SlicePlane plane, Slab slab, short[] reuse) {
        int n = plane.width() * plane.height();
        short[] out = reuse != null && reuse.length >= n ? reuse : new short[n];
        Job job = new Job(plane, slab);
        if (HELPER == null || n < SPLIT_PIXELS) {
            job.work(out);
        } else {
            FutureTask<Void> helperShare = new FutureTask<>(() -> job.work(out), null);
            HELPER.execute(helperShare);
            job.work(out);
            // runs the helper's share here if the helper has not picked it up: never wait on a busy helper
            helperShare.run();
            try {
                helperShare.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reslicing", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("reslicing failed", e.getCause());
            }
        }
        return Frame.grayscale(plane.width(), plane.height(), out, volume.signed(), 16);
    }

    /** How many samples a slab of samples {@code stepMm} apart takes on each side of the plane. */
    static int halfSamples(Slab slab, double stepMm) {
        return (int) Math.floor(slab.thicknessMm() / (2 * stepMm) + 1e-9);
    }

    /** One reslice: the plane in index space, its slab, and the bands of rows still to do. */
    private final class Job {
        final int width;
        final int height;
        /** Index position of pixel (0, 0), and its change per pixel to the right and down. */
        final double[] base;
        final double[] dx;
        final double[] dy;
        /** Index change from one slab sample to the next; samples -half..half. */
        final double[] ds;
        final int half;
        final SlabMode mode;
        /** Every sample is on a voxel centre: copy voxels instead of interpolating. */
        final boolean lattice;
        final AtomicInteger nextBand = new AtomicInteger();
        final int bandRows;

        Job(SlicePlane plane, Slab slab) {
            width = plane.width();
            height = plane.height();
            base = new double[3];
            sampler.toIndex(plane.toPatient(0, 0), base);
            dx = sampler.indexDirection(plane.right().times(plane.pixelMm()));
            dy = sampler.indexDirection(plane.down().times(plane.pixelMm()));
            double stepMm = sampler.sampleStepMm(plane.normal());
            ds = sampler.indexDirection(plane.normal().times(stepMm));
            // samples farther out than the volume is long can never be inside it
            half = Math.min(halfSamples(slab, stepMm), sampler.columns + sampler.rows + sampler.slices);
            mode = slab.mode();
            lattice = onLattice();
            bandRows = Math.max(1, (height + BANDS - 1) / BANDS);
        }

        /** Whether every sample of the image lies within {@link #LATTICE_TOLERANCE} of a voxel centre. */
        private boolean onLattice() {
            for (int a = 0; a < 3; a++) {
                double stray = fraction(base[a]) + fraction(dx[a]) * (width - 1) + fraction(dy[a]) * (height - 1)
                        + fraction(ds[a]) * half;
                if (stray > LATTICE_TOLERANCE) {
                    return false;
                }
            }
            return true;
        }

        private double fraction(double v) {
            return Math.abs(v - Math.rint(v));
        }

        /** Takes bands of rows until none is left. */
        void work(short[] out) {
            int[] range = new int[2];
            int[] buf = half > 0 ? new int[width] : null;
            int[] acc = half > 0 ? new int[width] : null;
            int[] count = half > 0 && mode == SlabMode.AVERAGE ? new int[width] : null;
            int band;
            while ((band = nextBand.getAndIncrement()) * bandRows < height) {
                int last = Math.min(height, (band + 1) * bandRows);
                for (int y = band * bandRows; y < last; y++) {
                    double ri = base[0] + y * dy[0], rj = base[1] + y * dy[1], rk = base[2] + y * dy[2];
                    if (half == 0) {
                        thinRow(ri, rj, rk, out, y * width, range);
                    } else {
                        slabRow(ri, rj, rk, out, y * width, range, buf, acc, count);
                    }
                }
            }
        }

        private void thinRow(double ri, double rj, double rk, short[] out, int row, int[] range) {
            sampler.insideRange(ri, rj, rk, dx[0], dx[1], dx[2], width, range);
            int first = range[0], last = range[1];
            short outside = (short) sampler.outside;
            if (first > last) {
                Arrays.fill(out, row, row + width, outside);
                return;
            }
            Arrays.fill(out, row, row + first, outside);
            Arrays.fill(out, row + last + 1, row + width, outside);
            if (lattice) {
                int p = voxelIndex(ri, rj, rk);
                int step = voxelStep(dx);
                if (step == 1) {
                    System.arraycopy(sampler.values, p + first, out, row + first, last - first + 1);
                } else {
                    short[] v = sampler.values;
                    for (int x = first; x <= last; x++) {
                        out[row + x] = v[p + x * step];
                    }
                }
            } else {
                double di = dx[0], dj = dx[1], dk = dx[2];
                for (int x = first; x <= last; x++) {
                    out[row + x] = (short) VoxelSampler.round(sampler.interpolate(ri + x * di, rj + x * dj, rk + x * dk));
                }
            }
        }

        private void slabRow(double ri, double rj, double rk, short[] out, int row, int[] range, int[] buf, int[] acc,
                             int[] count) {
            Arrays.fill(acc, mode == SlabMode.MIP ? Integer.MIN_VALUE
                    : mode == SlabMode.MINIP ? Integer.MAX_VALUE : 0);
            if (count != null) {
                Arrays.fill(count, 0);
            }
            for (int s = -half; s <= half; s++) {
                double si = ri + s * ds[0], sj = rj + s * ds[1], sk = rk + s * ds[2];
                sampler.insideRange(si, sj, sk, dx[0], dx[1], dx[2], width, range);
                int first = range[0], last = range[1];
                if (first > last) {
                    continue;
                }
                sampleRow(si, sj, sk, first, last, buf);
                combine(buf, first, last, acc, count);
            }
            int outside = sampler.outside;
            if (count != null) {
                for (int x = 0; x < width; x++) {
                    // the mean rounded half up
                    int v = count[x] == 0 ? outside : (int) Math.floorDiv(2L * acc[x] + count[x], 2L * count[x]);
                    out[row + x] = (short) v;
                }
            } else {
                int none = mode == SlabMode.MIP ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                for (int x = 0; x < width; x++) {
                    out[row + x] = (short) (acc[x] == none ? outside : acc[x]);
                }
            }
        }

        /** Stored values of the samples {@code first..last} of a row starting at index (si, sj, sk). */
        private void sampleRow(double si, double sj, double sk, int first, int last, int[] buf) {
            if (lattice) {
                int p = voxelIndex(si, sj, sk);
                int step = voxelStep(dx);
                short[] v = sampler.values;
                int m = sampler.mask;
                for (int x = first; x <= last; x++) {
                    buf[x] = v[p + x * step] & m;
                }
            } else {
                double di = dx[0], dj = dx[1], dk = dx[2];
                for (int x = first; x <= last; x++) {
                    buf[x] = VoxelSampler.round(sampler.interpolate(si + x * di, sj + x * dj, sk + x * dk));
                }
            }
        }

        private void combine(int[] buf, int first, int last, int[] acc, int[] count) {
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

        /** Array index of the voxel at a lattice index position (pixel 0 of a row; may lie outside). */
        private int voxelIndex(double fi, double fj, double fk) {
            return sampler.offset + (int) Math.rint(fi) + (int) Math.rint(fj) * sampler.strideJ
                    + (int) Math.rint(fk) * sampler.strideK;
        }

        /** Array index change for a lattice index step. */
        private int voxelStep(double[] d) {
            return (int) Math.rint(d[0]) + (int) Math.rint(d[1]) * sampler.strideJ
                    + (int) Math.rint(d[2]) * sampler.strideK;
        }
    }
}
