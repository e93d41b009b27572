package org.fovea.dicom.demo;

import org.fovea.dicom.DatasetBuilder;

import com.pixelmed.dicom.SOPClass;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A PA chest radiograph of the phantom standing (no table): the attenuation line integral along
 * y, computed on a 1 mm grid and interpolated to the detector pixels, stored as a log-exposure
 * image (MONOCHROME1, 12 bits: air 4095 shows black, dense paths low values show white).
 */
public final class RadiographWriter {

    /** Linear attenuation of water at a typical chest effective energy (~60 keV), per mm. */
    static final double MU_WATER = 0.019;
    /** Line integral that maps to stored value 0; thicker paths clip. */
    static final double MAX_ATTENUATION = 7.0;
    public static final int MAX_VALUE = 4095;
    private static final double GRID = 1.0;
    private static final double Y_FROM = -ChestPhantom.BODY_RY;
    private static final double Y_TO = ChestPhantom.BODY_RY;
    private static final long SEED = 20240602L;

    private RadiographWriter() {
    }

    public static void write(ChestPhantom phantom, DrGeometry g, DemoSize size, LocalDate date, Path file) {
        short[] pixels = render(phantom, g);
        int[] window = presentationWindow(pixels);
        String spacing = DemoHeaders.ds(g.pixelSpacing());
        DemoStudy study = DemoStudy.CHEST_DR;
        DemoHeaders.projectionPixels(DemoHeaders.start(study, size, date, SOPClass.DigitalXRayImageStorageForPresentation, "DX", 1)
                .set("ImageType", "ORIGINAL", "PRIMARY")
                .set("PresentationIntentType", "FOR PRESENTATION")
                .set("PatientOrientation", "L", "F")
                .set("ViewPosition", "PA")
                .sequence("ViewCodeSequence", DatasetBuilder.item()
                        .set("CodeValue", "399348003")
                        .set("CodingSchemeDesignator", "SCT")
                        .set("CodeMeaning", "postero-anterior"))
                .set("PositionerType", "COLUMN")
                .emptySequence("AcquisitionContextSequence")
                .set("ImageLaterality", "U")
                .sequence("AnatomicRegionSequence", DatasetBuilder.item()
                        .set("CodeValue", "51185008")
                        .set("CodingSchemeDesignator", "SCT")
                        .set("CodeMeaning", "Chest"))
                .set("KVP", "125")
                .set("DetectorType", "SCINTILLATOR")
                .set("ImagerPixelSpacing", spacing, spacing)
                .set("BurnedInAnnotation", "NO")
                .set("AcquisitionNumber", "1"), g, "MONOCHROME1")
                .set("PixelIntensityRelationship", "LOG")
                .setInt("PixelIntensityRelationshipSign", 1)
                .set("RescaleIntercept", "0")
                .set("RescaleSlope", "1")
                .set("RescaleType", "US")
                // MONOCHROME1 is shown inverted; DX requires saying so explicitly
                .set("PresentationLUTShape", "INVERSE")
                .set("WindowCenter", String.valueOf(window[0]))
                .set("WindowWidth", String.valueOf(window[1]))
                .set("WindowCenterWidthExplanation", "AUTO")
                .set("LossyImageCompression", "00")
                .pixels(pixels)
                .write(file);
    }

    /**
     * Centre and width spanning the 1st to 99th percentile of the stored values, as a DR
     * modality sets its presentation window: the full 12-bit range would show a flat grey film.
     */
    static int[] presentationWindow(short[] pixels) {
        int[] histogram = new int[MAX_VALUE + 1];
        for (short p : pixels) {
            histogram[p]++;
        }
        int low = percentile(histogram, pixels.length, 0.01);
        int high = Math.max(low + 1, percentile(histogram, pixels.length, 0.99));
        return new int[] {(low + high + 1) / 2, high - low + 1};
    }

    private static int percentile(int[] histogram, int count, double fraction) {
        long target = (long) Math.ceil(count * fraction);
        long seen = 0;
        for (int v = 0; v < histogram.length; v++) {
            seen += histogram[v];
            if (seen >= target) {
                return v;
            }
        }
        return histogram.length - 1;
    }

    /** Stored values, row by row. */
    static short[] render(ChestPhantom phantom, DrGeometry g) {
        double x0 = -DrGeometry.WIDTH / 2;
        int nx = (int) Math.ceil(DrGeometry.WIDTH / GRID) + 1;
        int nz = (int) Math.ceil(DrGeometry.HEIGHT / GRID) + 1;
        double[][] attenuation = new double[nz][];
        IntStream.range(0, nz).parallel().forEach(iz -> {
            ChestPhantom.Plane plane = phantom.plane(DrGeometry.TOP_Z - iz * GRID);
            double[] row = new double[nx];
            for (int ix = 0; ix < nx; ix++) {
                double x = x0 + ix * GRID;
                double sum = 0;
                for (double y = Y_FROM; y <= Y_TO; y += GRID) {
                    double hu = plane.huWithoutTable(x, y);
                    sum += Math.max(0, 1 + hu / 1000);
                }
                row[ix] = sum * MU_WATER * GRID;
            }
            attenuation[iz] = row;
        });
        short[] out = new short[g.rows() * g.columns()];
        IntStream.range(0, g.rows()).parallel().forEach(r -> {
            SplittableRandom noise = new SplittableRandom(SEED * 31 + r);
            double fz = (DrGeometry.TOP_Z - g.z(r)) / GRID;
            int iz = Math.min(nz - 2, (int) fz);
            double tz = fz - iz;
            for (int c = 0; c < g.columns(); c++) {
                double fx = (g.x(c) - x0) / GRID;
                int ix = Math.min(nx - 2, (int) fx);
                double tx = fx - ix;
                double a = (1 - tz) * ((1 - tx) * attenuation[iz][ix] + tx * attenuation[iz][ix + 1])
                        + tz * ((1 - tx) * attenuation[iz + 1][ix] + tx * attenuation[iz + 1][ix + 1]);
                double v = MAX_VALUE * (1 - a / MAX_ATTENUATION) + 6 * noise.nextGaussian();
                out[r * g.columns() + c] = (short) Math.max(0, Math.min(MAX_VALUE, Math.round(v)));
            }
        });
        return out;
    }
}
