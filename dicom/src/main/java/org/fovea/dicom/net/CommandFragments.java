package org.fovea.dicom.net;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.PresentationDataValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Collects the fragments of a DIMSE command as they arrive in P-DATA values and decodes the
 * command (always Implicit VR Little Endian, PS3.7 6.3.1) once its last fragment is in. Shared by
 * the handlers that route messages themselves (C-GET's, the store listener's).
 */
final class CommandFragments {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** Adds a command fragment; returns the whole command after its last fragment, else null. */
    AttributeList add(PresentationDataValue pdv) throws DicomException, IOException {
        bytes.write(pdv.getValue());
        if (!pdv.isLastFragment()) {
            return null;
        }
        AttributeList cmd = new AttributeList();
        cmd.read(new DicomInputStream(new ByteArrayInputStream(bytes.toByteArray()), TransferSyntax.Default, false));
        bytes.reset();
        return cmd;
    }
}
