package org.fovea.registration.worklist;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.CEchoResponseCommandMessage;
import com.pixelmed.network.CFindRequestCommandMessage;
import com.pixelmed.network.CFindResponseCommandMessage;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.MessageServiceElementCommand;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;
import com.pixelmed.network.ResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Serves the requests of one association with a modality: C-ECHO, and C-FIND on the worklist,
 * each answered with a pending response per match and a final one.
 *
 * <p>Why not PixelMed's {@code StorageSOPClassSCPDispatcher}, which takes a query generator: its
 * handler (PixelMed 20220618, {@code StorageSOPClassSCP$CompositeCommandReceivedPDUHandler})
 * answers a failed query with {@code errorComment} null whatever the generator's
 * {@code getErrorComment()} says, so a modality sending a malformed date would not learn what was
 * wrong; and the dispatcher opens its own server socket (no real port for 0, and no TCP_NODELAY,
 * so a small response may wait for the modality's delayed ACK) and starts an untracked thread per
 * association that {@code shutdown()} cannot end. So, as the store listener does in
 * {@code fovea-dicom}, this class uses PixelMed's association, PDU and command message classes
 * and drives the same {@link com.pixelmed.query.QueryResponseGenerator} contract itself, adding
 * only the message routing.
 */
final class WorklistAssociation extends CompositeResponseHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WorklistAssociation.class);

    private final DataSource db;
    private final ByteArrayOutputStream command = new ByteArrayOutputStream();
    private final ByteArrayOutputStream identifier = new ByteArrayOutputStream();
    private CFindRequestCommandMessage find;
    private byte findContext;

    WorklistAssociation(DataSource db) {
        this.db = db;
    }

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
        // requests are routed in sendPDataIndication, which this class replaces
    }

    @Override
    public void sendPDataIndication(PDataPDU pdata, Association association)
            throws DicomNetworkException, DicomException, IOException {
        for (Object o : pdata.getPDVList()) {
            PresentationDataValue pdv = (PresentationDataValue) o;
            if (pdv.isCommand()) {
                command.write(pdv.getValue());
                if (pdv.isLastFragment()) {
                    AttributeList cmd = new AttributeList();
                    // a command is always Implicit VR Little Endian (PS3.7 6.3.1)
                    cmd.read(new DicomInputStream(new ByteArrayInputStream(command.toByteArray()), TransferSyntax.Default,
                            false));
                    command.reset();
                    onCommand(cmd, pdv.getPresentationContextID(), association);
                }
            } else if (find != null) {
                identifier.write(pdv.getValue());
                if (pdv.isLastFragment()) {
                    answer(association);
                }
            } else {
                throw new DicomNetworkException("a data set arrived without a C-FIND request that announces it");
            }
        }
    }

    private void onCommand(AttributeList cmd, byte context, Association association)
            throws DicomException, IOException, DicomNetworkException {
        int field = Attribute.getSingleIntegerValueOrDefault(cmd, TagFromName.CommandField, 0xffff);
        if (field == MessageServiceElementCommand.C_ECHO_RQ) {
            association.send(context, new CEchoResponseCommandMessage(
                    Attribute.getSingleStringValueOrEmptyString(cmd, TagFromName.AffectedSOPClassUID),
                    Attribute.getSingleIntegerValueOrDefault(cmd, TagFromName.MessageID, 0),
                    ResponseStatus.Success).getBytes(), null);
        } else if (field == MessageServiceElementCommand.C_FIND_RQ) {
            find = new CFindRequestCommandMessage(cmd);
            findContext = context;
            identifier.reset();
        } else if (field == MessageServiceElementCommand.C_CANCEL_RQ) {
            // every C-FIND is answered in full before the next PDU is read: the cancel comes after its end
            LOG.debug("C-CANCEL from {} after its query was answered", association.getCallingAETitle());
        } else {
            throw new DicomNetworkException("unexpected " + MessageServiceElementCommand.toString(field)
                    + " on the worklist: only C-ECHO and C-FIND are served");
        }
    }

    /** Runs the query the identifier asks and sends its matches and the final status. */
    private void answer(Association association) throws DicomException, IOException, DicomNetworkException {
        CFindRequestCommandMessage request = find;
        find = null;
        String sopClass = request.getAffectedSOPClassUID();
        String calling = association.getCallingAETitle();
        long started = System.nanoTime();
        String transferSyntax = association.getTransferSyntaxForPresentationContextID(findContext);
        AttributeList keys = new AttributeList();
        try {
            keys.read(new DicomInputStream(new ByteArrayInputStream(identifier.toByteArray()), transferSyntax, false));
        } catch (DicomException | IOException | RuntimeException e) {
            LOG.info("A worklist query from {} could not be read: {}", calling, e.getMessage());
            send(association, new CFindResponseCommandMessage(sopClass, request.getMessageID(),
                    WorklistQuery.UNABLE_TO_PROCESS, false, null, "the identifier cannot be decoded"), null);
            return;
        }
        WorklistQuery query = new WorklistQuery(db);
        int matches = 0;
        try {
            query.performQuery(sopClass, keys, false);
            if (query.getStatus() != ResponseStatus.Success) {
                LOG.info("A worklist query from {} was refused (status {}): {}", calling,
                        Integer.toHexString(query.getStatus()), query.problem());
                send(association, new CFindResponseCommandMessage(sopClass, request.getMessageID(), query.getStatus(),
                        false, query.getOffendingElement(), query.getErrorComment()), null);
                return;
            }
            int pending = query.allOptionalKeysSuppliedWereSupported()
                    ? ResponseStatus.MatchesAreContinuingOptionalKeysSupported
                    : ResponseStatus.MatchesAreContinuingOptionalKeysNotSupported;
            for (AttributeList match = query.next(); match != null; match = query.next()) {
                send(association, new CFindResponseCommandMessage(sopClass, request.getMessageID(), pending, true),
                        encode(match, transferSyntax));
                matches++;
            }
        } catch (RuntimeException e) {
            LOG.warn("A worklist query from {} failed after {} matches", calling, matches, e);
            send(association, new CFindResponseCommandMessage(sopClass, request.getMessageID(),
                    WorklistQuery.UNABLE_TO_PROCESS, false, null, "the worklist failed; see its log"), null);
            return;
        } finally {
            query.close();
        }
        send(association, new CFindResponseCommandMessage(sopClass, request.getMessageID(), ResponseStatus.Success,
                false), null);
        LOG.debug("Worklist query from {}: {} matches in {} ms", calling, matches,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void send(Association association, CFindResponseCommandMessage response, byte[] data)
            throws DicomNetworkException, DicomException, IOException {
        // command and data set in separate P-DATA PDUs, as PixelMed's own SCP sends them
        association.send(findContext, response.getBytes(), null);
        if (data != null) {
            association.send(findContext, null, data);
        }
    }

    private static byte[] encode(AttributeList match, String transferSyntax) throws DicomException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DicomOutputStream out = new DicomOutputStream(bytes, null, transferSyntax);
        match.write(out);
        out.close();
        return bytes.toByteArray();
    }
}
