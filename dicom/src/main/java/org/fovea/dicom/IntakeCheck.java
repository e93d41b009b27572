package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;

import java.nio.file.Path;

/**
 * What an object must pass before the archive stores it, whether a user imports it or a network
 * peer sends it: its elements fit in the file ({@link DataSetLayout}), its header was read
 * without losing an element, and, when it is an image (it has Pixel Data, or its SOP class is an
 * image storage class), the viewer could show it: the same checks {@link DicomImage#read} makes,
 * without decoding, except the first frame of an RLE image (RLE streams carry no size of their
 * own; decoding one is a fast byte loop). Objects without pixels (SR, key object selections,
 * presentation states, encapsulated PDF) pass on the first two rules.
 */
public final class IntakeCheck {

    private static final String RLE = "1.2.840.10008.1.2.5";

    private IntakeCheck() {
    }

    /**
     * @param header the header PixelMed read, up to Pixel Data
     * @throws DicomReadException naming the file and the one reason it cannot be stored
     */
    public static void check(Path file, AttributeList header, String transferSyntax, DataSetLayout layout)
            throws DicomReadException {
        layout.requireRead(file, header);
        String sopClass = Attribute.getSingleStringValueOrEmptyString(header, TagFromName.SOPClassUID).trim();
        if (layout.pixelData() == null && !layout.floatPixelData() && !SOPClass.isImageStorage(sopClass)) {
            return;
        }
        ImageDescription.of(file, header, transferSyntax, layout);
        if (RLE.equals(transferSyntax)) {
            DicomImage.read(file).frame(0);
        }
    }
}
