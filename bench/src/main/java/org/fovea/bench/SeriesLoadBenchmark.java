package org.fovea.bench;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.series.SeriesStack;
import org.fovea.dicom.series.Slice;
import org.fovea.render.FrameRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Opening the demo's 300-slice 512x512 CT from the local archive, as the viewer does it: the
 * archive query for the series, then {@link SeriesStack} decoding on the viewer's decode pool.
 * {@code firstImage} stops when the first slice is decoded and rendered to ARGB;
 * {@code decodeSeries} when every slice is decoded. The baseline {@code readSeriesBytes} reads
 * the same files' bytes (the page cache is warm after the first iteration, as for both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SeriesLoadBenchmark {

    private Path home;
    private LocalArchive archive;
    private String seriesUid;
    private List<Path> files;
    private ExecutorService decodePool;

    @Setup(Level.Trial)
    public void generateDemo() throws IOException {
        home = Files.createTempDirectory("fovea-bench");
        archive = LocalArchive.open(home);
        DemoStudies.ensure(DemoSize.STANDARD, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
        seriesUid = DemoStudy.CURRENT_CT.seriesUid(DemoSize.STANDARD);
        files = archive.instances(seriesUid).stream().map(InstanceEntry::file).toList();
        if (files.size() != 300) {
            throw new IllegalStateException("expected the 300-slice demo CT, found " + files.size() + " files");
        }
        decodePool = SeriesStack.newDecodePool();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException, InterruptedException {
        // a closed stack's workers finish the slice in hand: let them, before the files go
        decodePool.shutdownNow();
        decodePool.awaitTermination(30, TimeUnit.SECONDS);
        archive.close();
        try (Stream<Path> walk = Files.walk(home)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long readSeriesBytes() throws IOException {
        long n = 0;
        for (Path f : files) {
            n += Files.readAllBytes(f).length;
        }
        return n;
    }

    @Benchmark
    public int decodeSeries() throws InterruptedException {
        SeriesStack stack = new SeriesStack(archive.instances(seriesUid), Runnable::run);
        CountDownLatch all = new CountDownLatch(stack.size());
        stack.addListener(i -> all.countDown());
        stack.start(decodePool);
        all.await();
        return stack.size();
    }

    /**
     * Time to first image is measured from an idle workstation, as when a radiologist opens a
     * series: the previous invocation's closed stack may still be finishing the slice in hand on
     * the decode pool, so wait until the pool has run everything queued before it.
     */
    @Setup(Level.Invocation)
    public void idleDecodePool() throws Exception {
        // one marker per pool thread, each waiting for all: they can only all run once every
        // thread has let go of earlier work
        int threads = Runtime.getRuntime().availableProcessors();
        CountDownLatch allRunning = new CountDownLatch(threads);
        List<java.util.concurrent.Future<?>> markers = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            markers.add(decodePool.submit(() -> {
                allRunning.countDown();
                allRunning.await();
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> m : markers) {
            m.get();
        }
    }

    @Benchmark
    public int firstImage() throws InterruptedException {
        SeriesStack stack = new SeriesStack(archive.instances(seriesUid), Runnable::run);
        CountDownLatch first = new CountDownLatch(1);
        stack.addListener(i -> first.countDown());
        stack.start(decodePool);
        first.await();
        Slice s = stack.anySlice();
        int[] argb = new int[s.frame().columns() * s.frame().rows()];
        new FrameRenderer().render(s.frame(), s.pixelInfo(), null, false, argb);
        stack.close();
        return argb[argb.length / 2];
    }
}
