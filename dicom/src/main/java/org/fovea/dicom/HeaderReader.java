package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an instance's header (everything before Pixel Data) through PixelMed. */
public final class HeaderReader {

    private HeaderReader() {
    }

    /** Reads the header of a file, stopping before the pixel data. */
    public static ImageHeader read(Path file) throws DicomReadException {
        if (!Files.isRegularFile(file)) {
            throw new DicomReadException(file, "not a file");
        }
        AttributeList list = new AttributeList();
        try (LibraryOutput.Scope about = LibraryOutput.about(file)) {
            list.read(file.toString(), TagFromName.PixelData);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new DicomReadException(file, "not a readable DICOM file (" + e.getMessage() + ")", e);
        }
        if (s(list, TagFromName.SOPInstanceUID).isEmpty()) {
            throw new DicomReadException(file, "not a DICOM image: no SOP Instance UID");
        }
        return fromAttributes(list);
    }

    /** Extracts the header fields from an already-read attribute list. */
    public static ImageHeader fromAttributes(AttributeList list) {
        String ts = s(list, TagFromName.TransferSyntaxUID);
        return new ImageHeader(
                s(list, TagFromName.SOPClassUID),
                s(list, TagFromName.SOPInstanceUID),
                s(list, TagFromName.StudyInstanceUID),
                s(list, TagFromName.SeriesInstanceUID),
                ts,
                s(list, TagFromName.PatientName),
                s(list, TagFromName.PatientID),
                s(list, TagFromName.PatientSex),
                s(list, TagFromName.PatientBirthDate),
                s(list, TagFromName.PatientAge),
                s(list, TagFromName.StudyDate),
                s(list, TagFromName.StudyTime),
                s(list, TagFromName.StudyDescription),
                s(list, TagFromName.AccessionNumber),
                s(list, TagFromName.Modality),
                s(list, TagFromName.SeriesNumber),
                s(list, TagFromName.SeriesDescription),
                s(list, TagFromName.BodyPartExamined),
                s(list, TagFromName.InstanceNumber),
                s(list, TagFromName.SliceLocation),
                s(list, TagFromName.SliceThickness),
                Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0),
                Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0),
                Math.max(1, Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1)),
                s(list, TagFromName.FrameOfReferenceUID));
    }

    private static String s(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }
}
