package org.fovea.dicom.net;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.Association;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.CStoreResponseCommandMessage;
import com.pixelmed.network.DicomNetworkException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A C-STORE request whose data set is being received, by the listener or a C-GET: its command
 * and the presentation context it came on, which its data set and its answer use.
 */
record StoreRequest(CStoreRequestCommandMessage command, byte context) {

    static StoreRequest of(AttributeList command, byte context) throws DicomException, IOException {
        return new StoreRequest(new CStoreRequestCommandMessage(command), context);
    }

    String sopInstanceUid() {
        return command.getAffectedSOPInstanceUID();
    }

    /** The Message ID of the C-MOVE this C-STORE serves (PS3.7 9.3.1.1), or -1 when it does not say. */
    int moveOriginatorMessageId() {
        return command.getMoveOriginatorMessageID();
    }

    /** The AE title that asked for the C-MOVE this C-STORE serves, or "" when it does not say. */
    String moveOriginatorAeTitle() {
        String ae = command.getmoveOriginatorApplicationEntityTitle();
        return ae == null ? "" : ae.trim();
    }

    /** Opens the file in {@code folder} that the request's data set is written to. */
    IncomingFile openFile(Path folder, Association association, String sourceAeTitle)
            throws IOException, DicomException, DicomNetworkException {
        return IncomingFile.open(folder, command.getAffectedSOPClassUID(), command.getAffectedSOPInstanceUID(),
                association.getTransferSyntaxForPresentationContextID(context), sourceAeTitle);
    }

    /** Sends the C-STORE response with {@code status}. */
    void answer(Association association, int status) throws DicomNetworkException, DicomException, IOException {
        association.send(context, new CStoreResponseCommandMessage(command.getAffectedSOPClassUID(),
                command.getAffectedSOPInstanceUID(), command.getMessageID(), status).getBytes(), null);
    }
}
