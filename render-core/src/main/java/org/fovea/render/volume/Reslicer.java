package org.fovea.render.volume;

import java.util.Objects;
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
 * same values, and faster; an axis-aligned plane between voxel centres interpolates only the
 * voxels on either side of it (see {@link RowSampler}).
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

    /**
     * How far, in voxels, whole-voxel stepping may stray from the true sample positions over an
     * image: far below anything visible.
     */
    private static final double WHOLE_STEP_TOLERANCE = 1e-3;

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
        int width = plane.width(), height = plane.height();
        short[] out = reuse != null && reuse.length >= width * height ? reuse : new short[width * height];
        double[] base = new double[3];
        sampler.toIndex(plane.toPatient(0, 0), base);
        double[] across = sampler.indexDirection(plane.right().times(plane.pixelMm()));
        double[] down = sampler.indexDirection(plane.down().times(plane.pixelMm()));
        double stepMm = sampler.sampleStepMm(plane.normal());
        double[] deep = sampler.indexDirection(plane.normal().times(stepMm));
        int half = halfSamples(slab, stepMm, sampler);
        boolean wholeSteps = wholeSteps(across, down, deep, width, height, half);
        ParallelRows.run(height, width, () -> {
            RowSampler rows = new RowSampler(sampler, width, half, slab.mode());
            double[] start = new double[3];
            return (from, to) -> {
                for (int y = from; y < to; y++) {
                    for (int a = 0; a < 3; a++) {
                        start[a] = base[a] + y * down[a];
                    }
                    rows.row(start, across, deep, wholeSteps, out, y * width);
                }
            };
        });
        return Frame.grayscale(width, height, out, volume.signed(), 16);
    }

    /**
     * How many samples a slab of samples {@code stepMm} apart takes on each side of its plane:
     * all within half its thickness, but none farther out than the volume is long.
     */
    static int halfSamples(Slab slab, double stepMm, VoxelSampler sampler) {
        int within = (int) Math.floor(slab.thicknessMm() / (2 * stepMm) + 1e-9);
        return Math.min(within, sampler.columns + sampler.rows + sampler.slices);
    }

    /**
     * Whether pixels and slab samples step by whole voxels (to within {@link #WHOLE_STEP_TOLERANCE}
     * over the whole image): then every sample sits at the same fraction of a voxel.
     */
    private static boolean wholeSteps(double[] across, double[] down, double[] deep, int width, int height, int half) {
        for (int a = 0; a < 3; a++) {
            double stray = fraction(across[a]) * (width - 1) + fraction(down[a]) * (height - 1) + fraction(deep[a]) * half;
            if (stray > WHOLE_STEP_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private static double fraction(double v) {
        return Math.abs(v - Math.rint(v));
    }
}
