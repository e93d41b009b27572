package org.fovea.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.WindowLevel;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.MprModel;
import org.fovea.render.volume.MprView;
import org.fovea.render.volume.Reslicer;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VolumeGeometry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A three-plane MPR update of the demo-sized CT (512 x 512 x 300, 1 mm, head to feet): the
 * crosshair moves, and the axial, coronal and sagittal planes through it are resliced and
 * rendered to ARGB through rescale -1024 and a 400/40 window, as the MPR layout does per mouse
 * event. The cursor moves by fractions of a voxel along all three axes, so every plane is
 * interpolated: the general case, not the voxel-copy path that whole-voxel positions take.
 * Variants: planes rotated (oblique MPR, 30 degrees about the axial normal then 20 about the
 * coronal's), and a 10 mm MIP slab. The goal is absolute (30 ms per update); the
 * baseline, copying three 512 x 512 slices (the least any update must move), carries it to
 * other machines as a ratio: 30 ms over the ~100 µs the copy takes on the two-core build
 * machine, 300x.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MprBenchmark {

    private static final int COLUMNS = 512, ROWS = 512, SLICES = 300;

    private Volume volume;
    private Reslicer reslicer;
    private MprModel straight;
    private MprModel oblique;
    private MprModel mip;
    private Vec3 start;
    private int step;
    private final PixelInfo info = new PixelInfo(false, new Rescale(1, -1024, "HU"), List.of());
    private final WindowLevel window = new WindowLevel(400, 40);
    private final FrameRenderer[] renderers = {new FrameRenderer(), new FrameRenderer(), new FrameRenderer()};
    private final short[][] reuse = new short[3][0];
    private final int[][] argb = new int[3][0];
    private final short[][] copies = new short[3][COLUMNS * ROWS];

    @Setup
    public void setUp() {
        volume = ctLikeVolume(new Random(20240611));
        reslicer = new Reslicer(volume);
        straight = new MprModel(volume);
        oblique = new MprModel(volume);
        oblique.rotate(MprView.AXIAL, 30);
        oblique.rotate(MprView.CORONAL, 20);
        mip = new MprModel(volume);
        mip.setSlab(Slab.mip(10));
        start = straight.cursor();
    }

    /**
     * Air around an elliptical body of noisy soft tissue with a ring of bone and two lungs,
     * changing in size from head to feet; HU + 1024 stored.
     */
    private static Volume ctLikeVolume(Random random) {
        short[] noise = new short[1 << 16];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) Math.round(40 * random.nextGaussian());
        }
        short[] v = new short[COLUMNS * ROWS * SLICES];
        int n = 0;
        for (int k = 0; k < SLICES; k++) {
            double scale = 0.8 + 0.2 * Math.sin(Math.PI * k / SLICES);
            for (int j = 0; j < ROWS; j++) {
                for (int i = 0; i < COLUMNS; i++, n++) {
                    double dx = (i - 256) / (220.0 * scale), dy = (j - 256) / (170.0 * scale);
                    double r = dx * dx + dy * dy;
                    double lx = Math.abs(dx) - 0.45, ly = dy / 0.6;
                    double hu = r > 1 ? -1000 : r > 0.85 ? 700 : lx * lx / 0.1 + ly * ly < 1 ? -850 : 40;
                    int stored = (int) hu + 1024 + (r > 1 ? 0 : noise[(int) (n * 2654435761L >>> 16) & 0xFFFF]);
                    v[n] = (short) Math.max(0, Math.min(4095, stored));
                }
            }
        }
        VolumeGeometry geometry = new VolumeGeometry(new Vec3(-255.5, -255.5, 150), new Vec3(1, 0, 0),
                new Vec3(0, 1, 0), new Vec3(0, 0, -1));
        return new Volume(COLUMNS, ROWS, SLICES, v, 0, false, new PixelInfo(false, new Rescale(1, -1024, "HU"),
                List.of()), geometry);
    }

    /** The crosshair's next position: steps of a fraction of a voxel along every axis, within the body. */
    private Vec3 nextCursor() {
        step++;
        return start.plus(new Vec3(step * 1.37 % 60 - 30, step * 0.83 % 60 - 30, step * 0.61 % 40 - 20));
    }

    private int update(MprModel model) {
        model.setCursor(nextCursor());
        int sum = 0;
        for (MprView view : MprView.values()) {
            int v = view.ordinal();
            Frame frame = reslicer.reslice(model.plane(view), model.slab(), reuse[v]);
            reuse[v] = frame.values();
            int n = frame.columns() * frame.rows();
            if (argb[v].length < n) {
                argb[v] = new int[n];
            }
            renderers[v].render(frame, info, window, false, argb[v]);
            sum += argb[v][n / 2];
        }
        return sum;
    }

    @Benchmark
    public int mprUpdate() {
        return update(straight);
    }

    @Benchmark
    public int obliqueMprUpdate() {
        return update(oblique);
    }

    @Benchmark
    public int mip10mm() {
        return update(mip);
    }

    @Benchmark
    public short[][] copyThreeSlices() {
        int slice = COLUMNS * ROWS;
        int k = nextSlice();
        for (int c = 0; c < 3; c++) {
            System.arraycopy(volume.values(), (k + 40 * c) * slice, copies[c], 0, slice);
        }
        return copies;
    }

    private int nextSlice() {
        step++;
        return step % (SLICES - 80);
    }
}
