package org.fovea.dicom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A screenshot of a view (MPR, CPR, VR, with its overlays) as a DICOM Secondary Capture Image
 * (PS3.3 A.8.1): RGB, 8 bits, in the same patient and study as the images it shows, so it lands
 * in the study's image library in the local archive and can go to reports, film layout or a PACS
 * like any other image. All screenshots of a study share one series ({@link #seriesUidFor}), the
 * study's image library, numbered in the order they were taken.
 */
public final class SecondaryCapture {

    /** Secondary Capture Image Storage. */
    public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.7";
    /** Series Number of the image library: high, so it sorts after the acquired series. */
    public static final String SERIES_NUMBER = "9900";

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

    private SecondaryCapture() {
    }

    /** The image library series of a study: the same UID for every screenshot of that study. */
    public static String seriesUidFor(String studyInstanceUid) {
        return Uids.fromName("fovea-image-library/" + studyInstanceUid);
    }

    /**
     * Writes the screenshot into {@code directory} as a new Part 10 file and returns it.
     *
     * @param source            an image of the study shown: patient and study attributes are copied
     * @param argb              the view's pixels, {@code 0xAARRGGBB} row-major (alpha ignored)
     * @param seriesDescription the image library's name in the user's language
     * @param comment           what the screenshot shows (view, plane, window), kept as Image Comments
     * @param instanceNumber    from 1, the screenshot's place in the library
     */
    public static Path write(ImageHeader source, int[] argb, int width, int height, String seriesDescription,
                             String comment, int instanceNumber, Path directory) {
        return write(source, argb, width, height, seriesUidFor(source.studyInstanceUid()), SERIES_NUMBER,
                seriesDescription, comment, instanceNumber, Uids.random(), directory);
    }

    /**
     * The same, into the series given, with the SOP Instance UID given (one made from what the
     * image is, so the same image made DICOM again is the same instance).
     */
    public static Path write(ImageHeader source, int[] argb, int width, int height, String seriesUid,
                             String seriesNumber, String seriesDescription, String comment, int instanceNumber,
                             String sopInstanceUid, Path directory) {
        if (width <= 0 || height <= 0 || argb.length < width * height) {
            throw new IllegalArgumentException("screenshot of " + width + "x" + height + " with " + argb.length
                    + " pixels");
        }
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0, o = 0; i < width * height; i++) {
            int p = argb[i];
            rgb[o++] = (byte) (p >> 16);
            rgb[o++] = (byte) (p >> 8);
            rgb[o++] = (byte) p;
        }
        LocalDateTime now = LocalDateTime.now();
        DatasetBuilder b = new DatasetBuilder()
                .set("SOPClassUID", SOP_CLASS_UID)
                .set("SOPInstanceUID", sopInstanceUid)
                .set("PatientName", source.patientName())
                .set("PatientID", source.patientId())
                .set("PatientBirthDate", source.patientBirthDate())
                .set("PatientSex", source.patientSex())
                .set("StudyInstanceUID", source.studyInstanceUid())
                .set("StudyDate", source.studyDate())
                .set("StudyTime", source.studyTime())
                .set("StudyDescription", source.studyDescription())
                .set("AccessionNumber", source.accessionNumber())
                .set("ReferringPhysicianName")
                .set("StudyID")
                .set("SeriesInstanceUID", seriesUid)
                .set("SeriesNumber", seriesNumber)
                .set("Laterality")
                .set("SeriesDescription", seriesDescription)
                .set("Modality", "OT")
                .set("ConversionType", "WSD")
                .set("Manufacturer", "Fovea")
                .set("SecondaryCaptureDeviceManufacturer", "Fovea")
                .set("InstanceNumber", Integer.toString(instanceNumber))
                .set("ContentDate", DA.format(now))
                .set("ContentTime", TM.format(now))
                .set("DateOfSecondaryCapture", DA.format(now))
                .set("TimeOfSecondaryCapture", TM.format(now))
                .set("PatientOrientation")
                .set("ImageComments", comment)
                .set("BurnedInAnnotation", "YES")
                .setInt("SamplesPerPixel", 3)
                .set("PhotometricInterpretation", "RGB")
                .setInt("PlanarConfiguration", 0)
                .setInt("Rows", height)
                .setInt("Columns", width)
                .setInt("BitsAllocated", 8)
                .setInt("BitsStored", 8)
                .setInt("HighBit", 7)
                .setInt("PixelRepresentation", 0)
                .pixelBytes(rgb);
        if (!source.patientAge().isEmpty()) {
            b.set("PatientAge", source.patientAge());
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory + ": " + e.getMessage(), e);
        }
        Path file = directory.resolve(sopInstanceUid + ".dcm");
        b.write(file);
        return file;
    }
}
