package org.fovea.dicom.archive;

import org.fovea.dicom.DatasetBuilder;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Tiny CT images (UTF-8 names) of a patient per call, one study each, for the name search tests. */
final class NamedImages {

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private NamedImages() {
    }

    /** Writes one image of a new study of this patient into {@code dir} and returns its path. */
    static Path write(Path dir, String patientName, String patientId) {
        int n = SERIAL.incrementAndGet();
        Path file = dir.resolve("named-" + n + ".dcm");
        new DatasetBuilder()
                .set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2")
                .set("SOPInstanceUID", "2.25.7100" + n)
                .set("StudyInstanceUID", "2.25.7200" + n)
                .set("SeriesInstanceUID", "2.25.7300" + n)
                .set("Modality", "CT")
                .set("PatientName", patientName)
                .set("PatientID", patientId)
                .set("StudyDate", "20240102")
                .setInt("SamplesPerPixel", 1)
                .set("PhotometricInterpretation", "MONOCHROME2")
                .setInt("Rows", 4)
                .setInt("Columns", 4)
                .setInt("BitsAllocated", 16)
                .setInt("BitsStored", 12)
                .setInt("HighBit", 11)
                .setInt("PixelRepresentation", 0)
                .pixels(new short[16])
                .write(file);
        return file;
    }
}
