package org.fovea.dicom.archive;

import org.fovea.dicom.DatasetBuilder;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A 4x4 CT image of a study of its own (UTF-8 patient name), for tests about what the archive
 * lists rather than what it shows. Study date and series number are set only when given, so a
 * test can leave them out as some modalities do.
 */
public final class TinyImage {

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final String patientName;
    private final String patientId;
    private String studyUid;
    private String studyDate = "20240102";
    private String seriesNumber = "1";

    private TinyImage(String patientName, String patientId) {
        this.patientName = patientName;
        this.patientId = patientId;
    }

    public static TinyImage of(String patientName, String patientId) {
        return new TinyImage(patientName, patientId);
    }

    public TinyImage studyUid(String uid) {
        studyUid = uid;
        return this;
    }

    /** DICOM form (yyyyMMdd); null leaves Study Date out. */
    public TinyImage studyDate(String date) {
        studyDate = date;
        return this;
    }

    /** Null leaves Series Number out. */
    public TinyImage seriesNumber(String number) {
        seriesNumber = number;
        return this;
    }

    /** Writes the image into {@code dir} and returns its path. */
    public Path write(Path dir) {
        int n = SERIAL.incrementAndGet();
        String study = studyUid != null ? studyUid : "2.25.7200" + n;
        DatasetBuilder b = new DatasetBuilder()
                .set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2")
                .set("SOPInstanceUID", study + ".1.1")
                .set("StudyInstanceUID", study)
                .set("SeriesInstanceUID", study + ".1")
                .set("Modality", "CT")
                .set("PatientName", patientName)
                .set("PatientID", patientId)
                .setInt("SamplesPerPixel", 1)
                .set("PhotometricInterpretation", "MONOCHROME2")
                .setInt("Rows", 4)
                .setInt("Columns", 4)
                .setInt("BitsAllocated", 16)
                .setInt("BitsStored", 12)
                .setInt("HighBit", 11)
                .setInt("PixelRepresentation", 0)
                .pixels(new short[16]);
        if (studyDate != null) {
            b.set("StudyDate", studyDate);
        }
        if (seriesNumber != null) {
            b.set("SeriesNumber", seriesNumber);
        }
        Path file = dir.resolve("tiny-" + n + ".dcm");
        b.write(file);
        return file;
    }
}
