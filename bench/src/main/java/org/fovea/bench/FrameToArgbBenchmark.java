package org.fovea.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.WindowLevel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scrolling a CT stack with unchanged settings: one 512 x 512 16-bit frame to ARGB through
 * rescale -1024 and a 400/40 window, against copying the same 512 KB of stored values with
 * {@code System.arraycopy}, which no per-pixel display step can beat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrameToArgbBenchmark {

    private static final int SIZE = 512;

    private Frame frame;
    private short[] stored;
    private short[] copy;
    private int[] argb;
    private PixelInfo info;
    private WindowLevel window;
    private FrameRenderer renderer;

    @Setup
    public void setUp() {
        stored = ctLikeSlice(new Random(20240611));
        copy = new short[stored.length];
        argb = new int[stored.length];
        frame = Frame.grayscale(SIZE, SIZE, stored, true, 16);
        info = new PixelInfo(false, new Rescale(1, -1024, "HU"), List.of());
        window = new WindowLevel(400, 40);
        renderer = new FrameRenderer();
    }

    /** Air around an elliptical body of noisy soft tissue with a ring of bone, in stored values. */
    private static short[] ctLikeSlice(Random random) {
        short[] v = new short[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double dx = (x - 256) / 220.0, dy = (y - 256) / 170.0;
                double r = dx * dx + dy * dy;
                double hu = r > 1 ? -1000 : r > 0.85 ? 700 + 300 * random.nextGaussian() : 40 + 60 * random.nextGaussian();
                v[y * SIZE + x] = (short) Math.round(Math.max(-1024, Math.min(3071, hu)) + 1024);
            }
        }
        return v;
    }

    @Benchmark
    public int[] frameToArgb() {
        renderer.render(frame, info, window, false, argb);
        return argb;
    }

    @Benchmark
    public short[] arraycopyBaseline() {
        System.arraycopy(stored, 0, copy, 0, stored.length);
        return copy;
    }
}
