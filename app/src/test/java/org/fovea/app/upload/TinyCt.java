package org.fovea.app.upload;

import org.fovea.dicom.DatasetBuilder;
import org.fovea.dicom.Uids;

import java.nio.file.Files;
import java.nio.file.Path;

/** A 4 x 4 CT image of a patient, for the upload tests: what a technician's folder holds. */
public final class TinyCt {

    private TinyCt() {
    }

    /** Writes the image; its SOP Instance UID is returned. A null accession leaves the element out. */
    public static String write(Path file, String patientId, String accession, String studyUid) throws Exception {
        Files.createDirectories(file.getParent());
        String sop = Uids.random();
        DatasetBuilder b = new DatasetBuilder()
                .set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2")
                .set("SOPInstanceUID", sop)
                .set("StudyInstanceUID", studyUid)
                .set("SeriesInstanceUID", studyUid + ".1")
                .set("Modality", "CT")
                .set("PatientName", "WANG^JIANGUO=王^建国")
                .set("PatientID", patientId)
                .setInt("SamplesPerPixel", 1)
                .set("PhotometricInterpretation", "MONOCHROME2")
                .setInt("Rows", 4)
                .setInt("Columns", 4)
                .setInt("BitsAllocated", 16)
                .setInt("BitsStored", 12)
                .setInt("HighBit", 11)
                .setInt("PixelRepresentation", 0)
                .pixels(new short[] {0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500});
        if (accession != null) {
            b.set("AccessionNumber", accession);
        }
        b.write(file);
        return sop;
    }
}
