package org.fovea.render.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.IntBinaryOperator;
import org.fovea.render.Frame;
import org.fovea.render.geom.Vec3;
import org.junit.jupiter.api.Test;

/**
 * Thick slabs along each axis equal what a radiologist would compute by hand from the source
 * voxels: the maximum, minimum or mean of the voxels whose centres lie within half the slab of
 * the plane.
 */
class SlabTest {

    private static final int COLUMNS = 40, ROWS = 36, SLICES = 30;
    private static final VolumeGeometry GEOMETRY = Phantoms.headFirstAxial(new Vec3(-20, -18, 15), 1, 1);
    /** Noise from -1000 to 2000 HU: every voxel different, so one wrong voxel shows. */
    private static final Volume NOISE = noise(GEOMETRY, COLUMNS, ROWS, SLICES);

    private static Volume noise(VolumeGeometry geometry, int columns, int rows, int slices) {
        Random random = new Random(4);
        short[] values = new short[columns * rows * slices];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (24 + random.nextInt(3001));
        }
        return new Volume(columns, rows, slices, values, 0, true, Phantoms.CT, geometry);
    }

    private final Reslicer reslicer = new Reslicer(NOISE);
    private final Vec3 voxel = GEOMETRY.toPatient(17, 11, 9);

    @Test
    void mipAndMinipAlongEachAxisAreTheExtremesOfTheSourceVoxels() {
        for (SlabMode mode : new SlabMode[] {SlabMode.MIP, SlabMode.MINIP}) {
            Slab slab = new Slab(10, mode);
            assertEqualsBruteForce(NOISE, Planes.axial(NOISE, voxel), slab);
            assertEqualsBruteForce(NOISE, Planes.coronal(NOISE, voxel), slab);
            assertEqualsBruteForce(NOISE, Planes.sagittal(NOISE, voxel), slab);
        }
    }

    @Test
    void averageIsTheRoundedMeanOfTheSourceVoxels() {
        assertEqualsBruteForce(NOISE, Planes.coronal(NOISE, voxel), Slab.average(6));
        assertEqualsBruteForce(NOISE, Planes.sagittal(NOISE, voxel), Slab.average(3));
    }

    @Test
    void aSlabReachingBeyondTheVolumeUsesOnlyTheVoxelsThere() {
        // 2 slices from the head end, 20 mm thick: a MinIP must not turn into the air outside
        Vec3 nearTop = GEOMETRY.toPatient(17, 11, 2);
        assertEqualsBruteForce(NOISE, Planes.axial(NOISE, nearTop), Slab.minip(20));
        assertEqualsBruteForce(NOISE, Planes.sagittal(NOISE, GEOMETRY.toPatient(38, 11, 2)), Slab.average(12));
    }

    @Test
    void axialMipOfThickSlicesTakesWholeSlices() {
        // 0.7 mm pixels, 2.5 mm slices: a 10 mm slab holds the 5 slices within 5 mm
        VolumeGeometry geometry = Phantoms.headFirstAxial(new Vec3(-10, -10, 30), 0.7, 2.5);
        Volume volume = noise(geometry, 30, 28, 20);
        assertEqualsBruteForce(volume, Planes.axial(volume, geometry.toPatient(3, 4, 10)), Slab.mip(10));
    }

    @Test
    void aSlabBetweenSlicesInterpolatesEachSampleFromTheTwoVoxelsAroundIt() {
        for (SlabMode mode : SlabMode.values()) {
            Slab slab = new Slab(8, mode);
            for (Vec3 offset : new Vec3[] {new Vec3(0, 0, 0.3), new Vec3(0, 0.6, 0), new Vec3(-0.25, 0, 0)}) {
                SlicePlane plane = offset.z() != 0 ? Planes.axial(NOISE, voxel.plus(offset))
                        : offset.y() != 0 ? Planes.coronal(NOISE, voxel.plus(offset)) : Planes.sagittal(NOISE, voxel.plus(offset));
                Frame frame = reslicer.reslice(plane, slab);
                Vec3 n = plane.normal();
                for (int y = 0; y < plane.height(); y += 3) {
                    for (int x = 0; x < plane.width(); x += 2) {
                        Vec3 p = plane.toPatient(x, y);
                        double best = mode == SlabMode.MIP ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                        double sum = 0;
                        // samples 1 mm apart within 4 mm, each between two voxels along the normal
                        for (int s = -4; s <= 4; s++) {
                            double[] f = GEOMETRY.toIndex(p.plus(n.times(s)));
                            int axis = indexAxisAlong(NOISE, n);
                            int[] lower = {(int) Math.round(f[0]), (int) Math.round(f[1]), (int) Math.round(f[2])};
                            lower[axis] = (int) Math.floor(f[axis]);
                            double t = f[axis] - lower[axis];
                            int[] upper = lower.clone();
                            upper[axis]++;
                            double v = (1 - t) * NOISE.stored(lower[0], lower[1], lower[2])
                                    + t * NOISE.stored(upper[0], upper[1], upper[2]);
                            best = mode == SlabMode.MIP ? Math.max(best, v) : Math.min(best, v);
                            sum += v;
                        }
                        double expected = mode == SlabMode.AVERAGE ? sum / 9 : best;
                        // samples are rounded to stored values, and a mean of rounded samples once more
                        double tolerance = mode == SlabMode.AVERAGE ? 1 : 0.5 + 1e-9;
                        assertThat((double) frame.storedValue(x, y)).as("%s %s pixel %d,%d", mode, offset, x, y)
                                .isCloseTo(expected, within(tolerance));
                    }
                }
            }
        }
    }

    @Test
    void aThinSlabIsTheSlice() {
        SlicePlane coronal = Planes.coronal(NOISE, voxel);
        Frame thin = reslicer.reslice(coronal, Slab.NONE);
        // thinner than two voxel steps: only the plane's own voxel is within half of it
        Frame under2 = reslicer.reslice(coronal, Slab.mip(1.9));
        for (int y = 0; y < thin.rows(); y++) {
            for (int x = 0; x < thin.columns(); x++) {
                int[] v = voxelOf(NOISE, coronal.toPatient(x, y));
                assertThat(thin.storedValue(x, y)).isEqualTo(NOISE.stored(v[0], v[1], v[2]));
                assertThat(under2.storedValue(x, y)).isEqualTo(thin.storedValue(x, y));
            }
        }
    }

    /**
     * Every pixel against the voxels of the source within half the slab's thickness of the
     * pixel, found by walking the source's index along the plane's normal.
     */
    private void assertEqualsBruteForce(Volume volume, SlicePlane plane, Slab slab) {
        Frame frame = new Reslicer(volume).reslice(plane, slab);
        Vec3 normal = plane.normal();
        int axis = indexAxisAlong(volume, normal);
        int[] size = {volume.columns(), volume.rows(), volume.slices()};
        IntBinaryOperator pick = slab.mode() == SlabMode.MIP ? Math::max : Math::min;
        for (int y = 0; y < plane.height(); y++) {
            for (int x = 0; x < plane.width(); x++) {
                Vec3 p = plane.toPatient(x, y);
                int[] v = voxelOf(volume, p);
                int best = slab.mode() == SlabMode.MIP ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                long sum = 0;
                int n = 0;
                for (int t = 0; t < size[axis]; t++) {
                    v[axis] = t;
                    Vec3 centre = volume.geometry().toPatient(v[0], v[1], v[2]);
                    if (Math.abs(centre.minus(p).dot(normal)) <= slab.thicknessMm() / 2 + 1e-9) {
                        int s = volume.stored(v[0], v[1], v[2]);
                        best = pick.applyAsInt(best, s);
                        sum += s;
                        n++;
                    }
                }
                int expected = slab.mode() == SlabMode.AVERAGE ? (int) Math.floorDiv(2 * sum + n, 2L * n) : best;
                assertThat(frame.storedValue(x, y)).as("%s %s pixel %d,%d", slab, plane.normal(), x, y)
                        .isEqualTo(expected);
            }
        }
    }

    /** The one voxel axis along which a normal runs (the slab tests use axis-aligned planes). */
    private static int indexAxisAlong(Volume volume, Vec3 normal) {
        Vec3[] steps = {volume.geometry().columnStep(), volume.geometry().rowStep(), volume.geometry().sliceStep()};
        for (int a = 0; a < 3; a++) {
            if (Math.abs(Math.abs(steps[a].normalized().dot(normal)) - 1) < 1e-12) {
                return a;
            }
        }
        throw new AssertionError(normal + " runs along no voxel axis");
    }

    /** The source voxel whose centre is at p; fails unless p is a voxel centre. */
    private static int[] voxelOf(Volume volume, Vec3 p) {
        double[] f = volume.geometry().toIndex(p);
        int[] v = new int[3];
        for (int a = 0; a < 3; a++) {
            v[a] = (int) Math.round(f[a]);
            assertThat(Math.abs(f[a] - v[a])).as("pixel on a voxel centre").isLessThan(1e-6);
        }
        return v;
    }
}
