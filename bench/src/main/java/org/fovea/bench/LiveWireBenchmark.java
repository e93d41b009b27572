package org.fovea.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fovea.render.Frame;
import org.fovea.render.ModalityLut;
import org.fovea.render.Rescale;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.LiveWire;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The magnetic lasso on a 512 x 512 CT slice. {@link #followTheMouse}: an anchor is placed and the
 * cursor moves 24 px per mouse event in a wide arc around the lung, each event asking for the path
 * from the anchor (the on-screen update); JMH reports the time of one event, averaged over the 16, of which
 * the farthest cost most. {@link #prepare}: the edge costs of a slice, paid once when the lasso
 * first touches an image.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LiveWireBenchmark {

    private static final int SIZE = 512;
    private static final int EVENTS = 16;
    private static final ModalityLut CT = new Rescale(1, -1024, "HU");

    private Frame frame;
    private LiveWire wire;
    private ImagePoint[] cursor;

    @Setup
    public void setUp() {
        frame = Frame.grayscale(SIZE, SIZE, chestSlice(new Random(7)), true, 16);
        wire = LiveWire.on(frame, CT);
        cursor = new ImagePoint[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            double a = Math.PI * i / (EVENTS - 1);
            cursor[i] = new ImagePoint(256 - 190 * Math.cos(a), 256 - 150 * Math.sin(a));
        }
    }

    /** Noisy soft tissue, two lungs, a ring of ribs, a few nodules. */
    private static short[] chestSlice(Random random) {
        short[] v = new short[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double dx = (x - 256) / 230.0, dy = (y - 256) / 180.0;
                double r = dx * dx + dy * dy;
                double lung = Math.min(Math.hypot((x - 160) / 80.0, (y - 250) / 120.0),
                        Math.hypot((x - 352) / 80.0, (y - 250) / 120.0));
                double hu = r > 1 ? -1000 : r > 0.88 ? 800 : lung < 1 ? -820 : 40;
                if (Math.hypot(x - 170, y - 230) < 14 || Math.hypot(x - 340, y - 280) < 8) {
                    hu = 30;
                }
                v[y * SIZE + x] = (short) Math.round(hu + 25 * random.nextGaussian() + 1024);
            }
        }
        return v;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int followTheMouse() {
        wire.seed(new ImagePoint(66, 256));
        int corners = 0;
        for (ImagePoint p : cursor) {
            corners += wire.pathTo(p).size();
        }
        return corners;
    }

    @Benchmark
    public LiveWire prepare() {
        return LiveWire.on(frame, CT);
    }
}
