package org.fovea.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.network.Association;
import com.pixelmed.network.CEchoResponseCommandMessage;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.MessageServiceElementCommand;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.archive.ParsedInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the requests of one association accepted by the {@link StoreScp}: C-ECHO, and C-STORE,
 * each data set written once, straight from the PDUs, to an {@link IncomingFile}.
 *
 * <p>A pushed object is answered Success once it is complete in the listener's receive folder
 * (written, not yet flushed to disk) and its header shows an instance this workstation can store;
 * {@link ListenerIngest} files it into the archive from there. Before the association's release
 * is answered, {@link #makeDurable} flushes whatever of it the archive has not stored yet: a sender
 * whose association ended well has every image on disk, and one that stops before that learns it
 * from the missing release answer. An object a C-MOVE of ours asked for goes to that retrieve
 * (which makes it durable before it ends). Objects that cannot be stored get a failure status, so
 * the sender knows; the association goes on.
 *
 * <p>PixelMed's StorageSOPClassSCP answers Success whatever its handler does, and took about
 * twice storescp's time for 300 CT images with a handler that did nothing; this class uses
 * PixelMed's association, PDU and command message classes and adds only the message routing.
 */
final class StoreHandler extends CompositeResponseHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StoreHandler.class);
    private static final int SUCCESS = 0x0000;
    /** PS3.7 C.4.2.1.4: Refused: Out of Resources. */
    private static final int OUT_OF_RESOURCES = 0xA700;
    /** PS3.7 C.4.2.1.4: Error: Cannot Understand. */
    private static final int CANNOT_UNDERSTAND = 0xC000;
    /** PS3.7 C.4.2.1.4 (general status): Processing Failure. */
    private static final int PROCESSING_FAILURE = 0x0110;

    /** Where a received object goes once complete. */
    interface Destination {
        /** The retrieve expecting the object, or null for a push. */
        StoreScp.Arrivals retrieveOf(StoreRequest store, String callingAeTitle);

        /** Takes over a complete pushed object, acknowledged-to-be, and what its header says. */
        void pushed(Path file, ParsedInstance parsed);

        /**
         * Makes the given pushed objects durable, in the archive or in the receive folder; called
         * before the release is answered.
         */
        void makeDurable(List<Path> pushed) throws IOException;
    }

    private final Path pushFolder;
    private final Destination destination;
    private final StoreScp.StoreListener listener;

    private final CommandFragments command = new CommandFragments();
    private StoreRequest store;
    private StoreScp.Arrivals retrieve;
    private IncomingFile file;
    /** Pushed objects acknowledged on this association, to be durable before its release. */
    private final List<Path> pushed = new ArrayList<>();

    StoreHandler(Path pushFolder, Destination destination, StoreScp.StoreListener listener) {
        this.pushFolder = pushFolder;
        this.destination = destination;
        this.listener = listener;
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
                AttributeList cmd = command.add(pdv);
                if (cmd != null) {
                    onCommand(cmd, pdv.getPresentationContextID(), association);
                }
            } else if (file != null) {
                file.write(pdv.getValue());
                if (pdv.isLastFragment()) {
                    int status = stored(association.getCallingAETitle());
                    store.answer(association, status);
                }
            } else {
                throw new DicomNetworkException("a data fragment arrived without a C-STORE request that announces it");
            }
        }
    }

    private void onCommand(AttributeList cmd, byte context, Association association)
            throws DicomException, IOException, DicomNetworkException {
        int field = Attribute.getSingleIntegerValueOrDefault(cmd, TagFromName.CommandField, 0xffff);
        if (field == MessageServiceElementCommand.C_ECHO_RQ) {
            association.send(context, new CEchoResponseCommandMessage(
                    Attribute.getSingleStringValueOrEmptyString(cmd, TagFromName.AffectedSOPClassUID),
                    Attribute.getSingleIntegerValueOrDefault(cmd, TagFromName.MessageID, 0), SUCCESS).getBytes(), null);
        } else if (field == MessageServiceElementCommand.C_STORE_RQ) {
            store = StoreRequest.of(cmd, context);
            retrieve = destination.retrieveOf(store, association.getCallingAETitle());
            file = store.openFile(retrieve != null ? retrieve.folder() : pushFolder, association,
                    association.getCallingAETitle());
        } else {
            throw new DicomNetworkException("unexpected " + MessageServiceElementCommand.toString(field)
                    + " on the listener: only C-ECHO and C-STORE are served");
        }
    }

    /** Hands the completed object on; returns the status to answer. */
    private int stored(String callingAeTitle) {
        IncomingFile received = file;
        file = null;
        String sop = store.sopInstanceUid();
        if (retrieve != null) {
            try {
                retrieve.accept(received.complete(), listener);
                return SUCCESS;
            } catch (IOException e) {
                received.close();
                return refused(callingAeTitle, sop, "it arrived after its retrieve ended", PROCESSING_FAILURE, e);
            } catch (DicomReadException e) {
                // the retrieve has deleted it, and told the listener why
                return CANNOT_UNDERSTAND;
            }
        }
        ParsedInstance parsed;
        try {
            parsed = received.parse();
        } catch (DicomReadException e) {
            received.close();
            return refused(callingAeTitle, sop, e.reason(), CANNOT_UNDERSTAND, e);
        }
        Path complete;
        try {
            complete = received.complete().path();
        } catch (IOException e) {
            received.close();
            return refused(callingAeTitle, sop, "it could not be written to disk (" + e.getMessage() + ")",
                    OUT_OF_RESOURCES, e);
        }
        pushed.add(complete);
        destination.pushed(complete, parsed);
        return SUCCESS;
    }

    /**
     * Makes every object acknowledged on this association durable; run before its release is
     * answered ({@link ReleaseBarrierSocket}).
     */
    void makeDurable() throws IOException {
        if (pushed.isEmpty()) {
            return;
        }
        destination.makeDurable(pushed);
        pushed.clear();
    }

    private int refused(String callingAeTitle, String sop, String reason, int status, Exception e) {
        String sentence = "Image " + sop + " from " + callingAeTitle + " was refused: " + reason + ".";
        LOG.warn(sentence, e);
        listener.failed(sentence);
        return status;
    }

    /** Deletes an object cut off by the end of the association. */
    void discardPartial() {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
