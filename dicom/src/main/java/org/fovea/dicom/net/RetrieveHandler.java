package org.fovea.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.network.Association;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.MessageServiceElementCommand;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;

import org.fovea.dicom.DicomReadException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Receives the messages of one C-GET or C-MOVE on an association opened by {@link Retrieval}: for
 * a C-GET, the C-STORE sub-operations the node sends (each data set written once, straight from
 * the PDUs, to an {@link IncomingFile}, then acknowledged and handed on); for either, the
 * responses with their counts, until the final one.
 *
 * <p>PixelMed's own GetSOPClassSCU opens and releases an association per C-GET inside its
 * constructor and never exposes it, so it can neither be cancelled, nor time out, nor be aborted
 * when the peer dies, nor run several C-GETs on one association; its MoveSOPClassSCU does not
 * tell the Message ID of its C-MOVE, which the node's C-STOREs name. This handler uses PixelMed's
 * association, PDU and command message classes and adds only the message routing.
 */
final class RetrieveHandler extends CompositeResponseHandler {

    private static final int SUCCESS = 0x0000;
    /** PS3.7 C.4.2.1.4: Error: Cannot Understand, for an object that cannot be shown. */
    private static final int CANNOT_UNDERSTAND = 0xC000;
    private static final int PENDING = 0xFF00;
    private static final int PENDING_WARNING = 0xFF01;
    private static final int NO_DATA_SET = 0x0101;
    private static final AttributeTag FAILED_SOP_INSTANCE_UID_LIST = new AttributeTag(0x0008, 0x0058);

    private final Path folder;
    private final AssociationGuard guard;
    private final Receiver received;

    private final CommandFragments command = new CommandFragments();
    private final ByteArrayOutputStream responseData = new ByteArrayOutputStream();
    private int currentCommand = MessageServiceElementCommand.NOCOMMAND;
    private StoreRequest store;
    private IncomingFile file;
    private int lastStatus = -1;
    private int completed;
    private int failed;
    private int warnings;
    private String failedUids = "";

    /** Takes over a complete object, or refuses it after deleting it. */
    interface Receiver {
        void receive(ReceivedFile file) throws DicomReadException;
    }

    RetrieveHandler(Path folder, AssociationGuard guard, Receiver received) {
        this.folder = folder;
        this.guard = guard;
        this.received = received;
    }

    /** Readies the handler for the next request on the same association. */
    void reset() {
        setDone(false);
        lastStatus = -1;
        currentCommand = MessageServiceElementCommand.NOCOMMAND;
        failedUids = "";
    }

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
        // responses are evaluated in sendPDataIndication, which this class replaces
    }

    @Override
    public void sendPDataIndication(PDataPDU pdata, Association association)
            throws DicomNetworkException, DicomException, IOException {
        guard.touch();
        for (Object o : pdata.getPDVList()) {
            PresentationDataValue pdv = (PresentationDataValue) o;
            if (pdv.isCommand()) {
                AttributeList cmd = command.add(pdv);
                if (cmd != null) {
                    onCommand(cmd, pdv.getPresentationContextID(), association);
                }
            } else if (currentCommand == MessageServiceElementCommand.C_STORE_RQ && file != null) {
                file.write(pdv.getValue());
                if (pdv.isLastFragment()) {
                    ReceivedFile complete = file.complete();
                    file = null;
                    currentCommand = MessageServiceElementCommand.NOCOMMAND;
                    // handed over before answering: a cancel that closes the association while the
                    // answer is sent must not leave a whole image behind, unstored
                    int status = SUCCESS;
                    try {
                        received.receive(complete);
                    } catch (DicomReadException refused) {
                        status = CANNOT_UNDERSTAND;
                    }
                    store.answer(association, status);
                }
            } else if (currentCommand == MessageServiceElementCommand.C_GET_RSP
                    || currentCommand == MessageServiceElementCommand.C_MOVE_RSP) {
                responseData.write(pdv.getValue());
                if (pdv.isLastFragment()) {
                    AttributeList data = CompositeResponseHandler.getAttributeListFromCommandOrData(
                            responseData.toByteArray(), association.getTransferSyntaxForPresentationContextID(
                                    pdv.getPresentationContextID()));
                    responseData.reset();
                    failedUids = Attribute.getDelimitedStringValuesOrEmptyString(data, FAILED_SOP_INSTANCE_UID_LIST);
                    finishIfFinal();
                }
            } else {
                throw new DicomNetworkException("a data fragment arrived without a command that announces it");
            }
        }
    }

    private void onCommand(AttributeList cmd, byte context, Association association)
            throws DicomException, IOException, DicomNetworkException {
        int field = Attribute.getSingleIntegerValueOrDefault(cmd, TagFromName.CommandField, 0xffff);
        if (field == MessageServiceElementCommand.C_STORE_RQ) {
            currentCommand = field;
            store = StoreRequest.of(cmd, context);
            file = store.openFile(folder, association, association.getCalledAETitle());
        } else if (field == MessageServiceElementCommand.C_GET_RSP || field == MessageServiceElementCommand.C_MOVE_RSP) {
            currentCommand = field;
            lastStatus = Attribute.getSingleIntegerValueOrDefault(cmd, TagFromName.Status, 0xffff);
            completed = Attribute.getSingleIntegerValueOrDefault(cmd, TagFromName.NumberOfCompletedSuboperations, completed);
            failed = Attribute.getSingleIntegerValueOrDefault(cmd, TagFromName.NumberOfFailedSuboperations, failed);
            warnings = Attribute.getSingleIntegerValueOrDefault(cmd, TagFromName.NumberOfWarningSuboperations, warnings);
            int dataSetType = Attribute.getSingleIntegerValueOrDefault(cmd, TagFromName.CommandDataSetType, NO_DATA_SET);
            if (dataSetType == NO_DATA_SET) {
                finishIfFinal();
            }
        } else {
            throw new DicomNetworkException("unexpected " + MessageServiceElementCommand.toString(field)
                    + " during a retrieve");
        }
    }

    private void finishIfFinal() {
        if (lastStatus != PENDING && lastStatus != PENDING_WARNING) {
            setDone(true);
        }
        currentCommand = MessageServiceElementCommand.NOCOMMAND;
    }

    /** Deletes an object cut off by a failure. */
    void discardPartial() {
        if (file != null) {
            file.close();
            file = null;
        }
    }

    int finalStatus() {
        return lastStatus;
    }

    int failedSuboperations() {
        return failed;
    }

    int warningSuboperations() {
        return warnings;
    }

    int completedSuboperations() {
        return completed;
    }

    String failedUids() {
        return failedUids;
    }
}
