package org.fovea.bench;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.CtGeometry;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.demo.DrGeometry;
import org.fovea.dicom.series.SeriesStack;
import org.fovea.dicom.series.VolumeBuilder;
import org.fovea.render.Frame;
import org.fovea.render.volume.MprModel;
import org.fovea.render.volume.MprView;
import org.fovea.render.volume.Reslicer;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VrPreset;
import org.fovea.render.vtk.VolumeRenderView;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Memory of a 512 x 512 x 1000 CT open in 2D and in 3D, as the workstation opens it: the series
 * decoded by the viewer's {@link SeriesStack}, the volume built on the same array, three MPR planes
 * resliced, and the VR view given the volume. The goal (issue 4) is at most 1.5x the raw voxel bytes
 * on the Java heap, plus VTK's own copy, which lives outside the heap and is reported as the growth
 * of the process's resident memory when VR gets the volume.
 *
 * <p>The baseline is the raw voxel bytes (columns x rows x slices x 2), in the same run. Heap figures
 * are used heap after a full collection, less the heap in use before the series was opened. The
 * series is the demo chest phantom sampled at 1000 slices (0.3 mm), written to a temporary archive
 * and deleted at the end (~520 MB of disk while it runs).
 */
public final class MemoryBenchmark {

    static final int MATRIX = 512;
    static final int SLICES = 1000;
    static final double GOAL = 1.5;

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("fovea-memory-bench");
        try {
            run(home);
        } finally {
            Runs.deleteTree(home);
        }
    }

    private static void run(Path home) throws Exception {
        DemoSize size = new DemoSize(new CtGeometry(MATRIX, SLICES), new CtGeometry(16, 2), new DrGeometry(16, 16));
        List<InstanceEntry> instances;
        long t0 = System.nanoTime();
        try (LocalArchive archive = LocalArchive.open(home)) {
            DemoStudies.ensure(size, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
            instances = archive.instances(DemoStudy.CURRENT_CT.seriesUid(size));
        }
        System.err.printf("MemoryBenchmark: %d-slice CT written in %d s%n", instances.size(),
                (System.nanoTime() - t0) / 1_000_000_000);
        long raw = (long) MATRIX * MATRIX * SLICES * 2;
        long before = usedHeapAfterGc();
        long rssBefore = residentBytes();

        SeriesStack stack = new SeriesStack(instances, Runnable::run);
        ExecutorService pool = SeriesStack.newDecodePool();
        stack.start(pool);
        stack.whenDecoded().get(10, TimeUnit.MINUTES);
        pool.shutdown();
        long in2d = usedHeapAfterGc() - before;

        Volume volume = VolumeBuilder.build(stack);
        MprModel model = new MprModel(volume);
        Reslicer reslicer = new Reslicer(volume);
        List<Frame> planes = new ArrayList<>();
        for (MprView v : MprView.values()) {
            planes.add(reslicer.reslice(model.plane(v), Slab.NONE));
        }
        long rssBeforeVtk = residentBytes();
        VolumeRenderView vr = VolumeRenderView.open(MATRIX, MATRIX).get(1, TimeUnit.MINUTES);
        vr.setVolume(volume).get(5, TimeUnit.MINUTES);
        vr.setTransferFunction(VrPreset.CT_BONE.transferFunction(volume)).get();
        vr.render(VolumeRenderView.Quality.FULL).get(5, TimeUnit.MINUTES);
        long in3d = usedHeapAfterGc() - before;
        long vtk = residentBytes() - rssBeforeVtk;
        double ratio = (double) in3d / raw;

        System.out.printf("memory, 512x512x1000 CT in 2D: heap %d MB vs raw voxels %d MB = %.2fx%n",
                mb(in2d), mb(raw), (double) in2d / raw);
        System.out.printf("memory, 512x512x1000 CT in 2D and 3D: heap %d MB vs raw voxels %d MB = %.2fx (goal <= %.1fx) %s;"
                        + " VTK outside the heap +%d MB (%.2fx raw; process resident %d MB -> %d MB)%n",
                mb(in3d), mb(raw), ratio, GOAL, ratio <= GOAL ? "PASS" : "MISS", mb(vtk), (double) vtk / raw,
                mb(rssBefore), mb(residentBytes()));
        // keep everything reachable until measured
        if (planes.size() != 3 || stack.size() != SLICES || model.cursor() == null) {
            throw new IllegalStateException("unexpected state");
        }
        vr.close();
        if (ratio > GOAL) {
            System.exit(1);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS of this process (Linux). */
    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}
