package org.fovea.dicom.demo;

import com.pixelmed.dicom.SOPClass;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The current chest CT's scout (定位像): one frontal projection of the phantom, as the scanner
 * takes it before the axial series, in the same frame of reference. Its plane is coronal: rows
 * run to the patient's left (+x), columns to the feet (-z), the first pixel's centre at the top
 * right of the patient, y = 0, so the axial slices' reference lines cross it at their z. Series 2:
 * the axial series stays the study's first.
 */
public final class LocalizerWriter {

    /** The localizer's series number. */
    public static final int SERIES_NUMBER = 2;
    /** At most this many pixels a side: a scout needs no finer sampling. */
    private static final int MAX_MATRIX = 512;

    private LocalizerWriter() {
    }

    /** The localizer's sampling at a demo size: the radiograph's field, at most 512 pixels a side. */
    public static DrGeometry geometry(DemoSize size) {
        int n = Math.min(MAX_MATRIX, size.radiograph().columns());
        return new DrGeometry(n, n);
    }

    static void write(ChestPhantom phantom, DemoSize size, LocalDate date, Path file) {
        DrGeometry g = geometry(size);
        short[] pixels = RadiographWriter.render(phantom, g);
        int[] window = RadiographWriter.presentationWindow(pixels);
        String spacing = DemoHeaders.ds(g.pixelSpacing());
        DemoStudy study = DemoStudy.CURRENT_CT;
        DemoHeaders.projectionPixels(DemoHeaders.start(study, size, date, SOPClass.CTImageStorage, "CT", 1)
                .set("SOPInstanceUID", study.localizerInstanceUid(size))
                .set("SeriesInstanceUID", study.localizerSeriesUid(size))
                .set("SeriesNumber", String.valueOf(SERIES_NUMBER))
                .set("SeriesDescription", "定位像")
                .set("ImageType", "ORIGINAL", "PRIMARY", "LOCALIZER")
                .set("KVP", "120")
                .set("AcquisitionNumber", "1")
                .set("ImagePositionPatient", DemoHeaders.ds(g.x(0)), "0", DemoHeaders.ds(g.z(0)))
                .set("ImageOrientationPatient", "1", "0", "0", "0", "0", "-1")
                .set("FrameOfReferenceUID", study.frameOfReferenceUid(size))
                .set("PositionReferenceIndicator")
                .set("PixelSpacing", spacing, spacing)
                .set("PatientPosition", "HFS")
                .set("SliceThickness"), g, "MONOCHROME1")
                .set("RescaleIntercept", "0")
                .set("RescaleSlope", "1")
                .set("WindowCenter", String.valueOf(window[0]))
                .set("WindowWidth", String.valueOf(window[1]))
                .set("BurnedInAnnotation", "NO")
                .pixels(pixels)
                .write(file);
    }
}
