package org.fovea.dicom.demo;

import org.fovea.dicom.DatasetBuilder;

import com.pixelmed.dicom.SOPClass;
import org.fovea.dicom.CancelToken;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Samples the phantom at pixel centres (no partial-volume averaging) into an axial CT series,
 * one file per slice, slices in parallel on every core.
 *
 * <p>Stored values are unsigned 12-bit in 16-bit words: HU = stored - 1024 (Rescale Slope 1,
 * Intercept -1024), so -1024..3071 HU. Gaussian noise of {@value #NOISE_SD} HU (seeded per
 * slice, so every run writes the same pixels) makes it look like CT.
 */
public final class CtSeriesWriter {

    public static final double NOISE_SD = 10;
    public static final int RESCALE_INTERCEPT = -1024;
    private static final long SEED = 20240601L;

    private CtSeriesWriter() {
    }

    /**
     * Writes the series into {@code dir} as {@code CT0001.dcm}...; calls {@code onSlice} with the
     * number of slices written so far (from worker threads). Returns false when cancelled.
     */
    public static boolean write(ChestPhantom phantom, CtGeometry geometry, DemoStudy study, DemoSize size,
                                LocalDate studyDate, Path dir, IntConsumer onSlice, CancelToken cancel) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ct-phantom");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger written = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < geometry.slices(); k++) {
                int slice = k;
                futures.add(pool.submit(() -> {
                    if (cancel.isCancelled()) {
                        return;
                    }
                    short[] pixels = render(phantom, geometry, slice);
                    slice(geometry, study, size, studyDate, slice).pixels(pixels)
                            .write(dir.resolve(String.format("CT%04d.dcm", slice + 1)));
                    onSlice.accept(written.incrementAndGet());
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return !cancel.isCancelled() && written.get() == geometry.slices();
    }

    /** Stored values of one slice, row by row. */
    static short[] render(ChestPhantom phantom, CtGeometry g, int slice) {
        int n = g.matrix();
        short[] out = new short[n * n];
        ChestPhantom.Plane plane = phantom.plane(g.z(slice));
        SplittableRandom noise = new SplittableRandom(SEED * 31 + slice);
        double pixel = g.pixelSpacing();
        for (int row = 0; row < n; row++) {
            double y = g.position(row);
            for (int col = 0; col < n; col++) {
                double x = g.position(col);
                double hu = (plane.nearNoduleEdge(x, y, pixel) ? plane.pixelMeanHu(x, y, pixel) : plane.hu(x, y))
                        + NOISE_SD * noise.nextGaussian();
                long stored = Math.round(hu) - RESCALE_INTERCEPT;
                out[row * n + col] = (short) Math.max(0, Math.min(4095, stored));
            }
        }
        return out;
    }

    private static DatasetBuilder slice(CtGeometry g, DemoStudy study, DemoSize size, LocalDate date, int slice) {
        String spacing = DemoHeaders.ds(g.pixelSpacing());
        String z = DemoHeaders.ds(g.z(slice));
        String origin = DemoHeaders.ds(g.position(0));
        return DemoHeaders.start(study, size, date, SOPClass.CTImageStorage, "CT", slice + 1)
                .set("ImageType", "ORIGINAL", "PRIMARY", "AXIAL")
                .set("SliceThickness", DemoHeaders.ds(g.sliceSpacing()))
                .set("SpacingBetweenSlices", DemoHeaders.ds(g.sliceSpacing()))
                .set("KVP", "120")
                .set("ConvolutionKernel", "STANDARD")
                .set("PatientPosition", "HFS")
                .set("AcquisitionNumber", "1")
                .set("ImagePositionPatient", origin, origin, z)
                .set("ImageOrientationPatient", "1", "0", "0", "0", "1", "0")
                .set("FrameOfReferenceUID", study.frameOfReferenceUid(size))
                .set("PositionReferenceIndicator", "SN")
                .set("SliceLocation", z)
                .setInt("SamplesPerPixel", 1)
                .set("PhotometricInterpretation", "MONOCHROME2")
                .setInt("Rows", g.matrix())
                .setInt("Columns", g.matrix())
                .set("PixelSpacing", spacing, spacing)
                .setInt("BitsAllocated", 16)
                .setInt("BitsStored", 12)
                .setInt("HighBit", 11)
                .setInt("PixelRepresentation", 0)
                // mediastinum first: the usual first look at a plain chest CT; lung second
                .set("WindowCenter", "40", "-600")
                .set("WindowWidth", "400", "1500")
                .set("WindowCenterWidthExplanation", "MEDIASTINUM", "LUNG")
                .set("RescaleIntercept", Integer.toString(RESCALE_INTERCEPT))
                .set("RescaleSlope", "1")
                .set("RescaleType", "HU")
                .set("LossyImageCompression", "00");
    }
}
