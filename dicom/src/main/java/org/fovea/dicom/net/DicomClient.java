package org.fovea.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.CEchoRequestCommandMessage;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.FindSOPClassSCU;
import com.pixelmed.network.IdentifierHandler;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.SCUSCPRoleSelection;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * The workstation as a DICOM client (SCU): echo, query, retrieve, send and worklist against the
 * nodes of the settings. Every call blocks (run it off the UI thread), honours its
 * {@link CancelToken} and the settings' timeouts, and reports failure as one
 * {@link DicomNetworkFailure} sentence naming the node.
 */
public final class DicomClient {

    private static final Logger LOG = LoggerFactory.getLogger(DicomClient.class);
    static final String MODALITY_WORKLIST_FIND = "1.2.840.10008.5.1.4.31";

    private final NetworkSettings settings;
    private volatile StoreScp storeScp;

    public DicomClient(NetworkSettings settings) {
        this.settings = settings;
    }

    public NetworkSettings settings() {
        return settings;
    }

    /**
     * Lets C-MOVE retrieves use the running listener as their destination; without one, each
     * C-MOVE opens a temporary listener on the settings' port for its duration. Null removes it.
     */
    public void useStoreScp(StoreScp running) {
        this.storeScp = running;
    }

    StoreScp storeScp() {
        return storeScp;
    }

    // ---------------------------------------------------------------- echo

    /** C-ECHO: never throws; a failure is an {@link EchoResult} with the reason. */
    public EchoResult echo(DicomNode node) {
        long start = System.nanoTime();
        try {
            Association a = associate(node, contexts(SOPClass.Verification), new LinkedList<>());
            try (AssociationGuard guard = new AssociationGuard(a, settings.responseTimeoutSeconds(), CancelToken.none())) {
                StatusHandler handler = new StatusHandler();
                a.setReceivedDataHandler(handler);
                byte pc = a.getSuitablePresentationContextID(SOPClass.Verification);
                a.send(pc, new CEchoRequestCommandMessage().getBytes(), null);
                a.waitForCommandPDataPDUs();
                Associations.release(a);
                if (!handler.wasSuccessful()) {
                    return new EchoResult(false, millisSince(start), node.address() + " answered the echo with status "
                            + hex(handler.getStatus()) + ".");
                }
                return new EchoResult(true, millisSince(start), "");
            } catch (DicomNetworkException | AReleaseException | DicomException | IOException | RuntimeException e) {
                Associations.closeTransport(a);
                LOG.info("Echo of {} failed", node.address(), e);
                return new EchoResult(false, millisSince(start), describe(node, "the echo", e, null, ""));
            }
        } catch (DicomNetworkFailure f) {
            return new EchoResult(false, millisSince(start), f.getMessage());
        }
    }

    // ---------------------------------------------------------------- find

    /**
     * C-FIND in the Study Root model. {@code keys} maps attribute keywords to values: DICOM
     * matching (wildcards {@code *} and {@code ?}, date ranges {@code 20240101-20240131}, UID
     * lists separated by backslashes); an empty value asks for the attribute to be returned.
     * Cancelling ends the query and returns the matches received so far.
     */
    public List<QueryResult> find(DicomNode node, QueryLevel level, Map<String, String> keys, CancelToken cancel)
            throws DicomNetworkFailure {
        AttributeList identifier;
        try {
            identifier = Identifiers.query(level, keys);
        } catch (DicomException e) {
            throw new DicomNetworkFailure("The query keys for " + node.address() + " cannot be encoded (" + e.getMessage()
                    + ").", e);
        }
        List<String> asked = new ArrayList<>(keys.keySet());
        asked.add(0, level.uniqueKey());
        return runFind(node, SOPClass.StudyRootQueryRetrieveInformationModelFind, identifier, asked, cancel, "the query");
    }

    /**
     * Modality Worklist C-FIND. Keys such as ScheduledProcedureStepStartDate, Modality and
     * ScheduledStationAETitle go into the Scheduled Procedure Step Sequence; the patient,
     * accession and procedure are always returned.
     */
    public List<QueryResult> worklist(DicomNode node, Map<String, String> keys, CancelToken cancel)
            throws DicomNetworkFailure {
        AttributeList identifier;
        try {
            identifier = Identifiers.worklist(keys);
        } catch (DicomException e) {
            throw new DicomNetworkFailure("The worklist keys for " + node.address() + " cannot be encoded ("
                    + e.getMessage() + ").", e);
        }
        List<String> asked = new ArrayList<>(Identifiers.WORKLIST_RETURN_KEYS);
        keys.keySet().forEach(k -> {
            if (!asked.contains(k)) {
                asked.add(k);
            }
        });
        return runFind(node, MODALITY_WORKLIST_FIND, identifier, asked, cancel, "the worklist query");
    }

    private List<QueryResult> runFind(DicomNode node, String sopClass, AttributeList identifier, List<String> asked,
                                      CancelToken cancel, String what) throws DicomNetworkFailure {
        Association a = associate(node, contexts(sopClass), new LinkedList<>());
        List<QueryResult> results = new ArrayList<>();
        try (AssociationGuard guard = new AssociationGuard(a, settings.responseTimeoutSeconds(), cancel)) {
            IdentifierHandler handler = new IdentifierHandler() {
                @Override
                public void doSomethingWithIdentifier(AttributeList match) {
                    guard.touch();
                    results.add(Identifiers.result(match, asked));
                }
            };
            try {
                new FindSOPClassSCU(a, sopClass, identifier, handler);
                Associations.release(a);
                return results;
            } catch (DicomNetworkException | DicomException | IOException | RuntimeException e) {
                Associations.closeTransport(a);
                if (guard.cancelled()) {
                    return results;
                }
                LOG.info("C-FIND on {} failed", node.address(), e);
                throw new DicomNetworkFailure(describe(node, what, e, guard, " after " + results.size() + " matches"), e);
            }
        }
    }

    // ---------------------------------------------------------------- retrieve and send

    /**
     * Retrieves a study or some of its series into the archive. See the class comment of
     * {@link Retrieval} for how it plans and what it guarantees.
     */
    public RetrieveReport retrieve(DicomNode node, RetrieveRequest request, LocalArchive archive,
                                   TransferListener listener, CancelToken cancel) throws DicomNetworkFailure {
        return new Retrieval(this, node, request, archive, listener, cancel).run();
    }

    /** C-STORE of files to the node on one association, with one result per file. */
    public SendReport send(DicomNode node, List<Path> files, TransferListener listener, CancelToken cancel)
            throws DicomNetworkFailure {
        return new Sender(this, node, files, listener, cancel).run();
    }

    // ---------------------------------------------------------------- shared

    Association associate(DicomNode node, LinkedList<PresentationContext> contexts,
                          LinkedList<SCUSCPRoleSelection> roles) throws DicomNetworkFailure {
        return Associations.open(node, settings.localAeTitle(), contexts, roles, settings.connectTimeoutSeconds());
    }

    /** One presentation context per abstract syntax, each offering Explicit then Implicit VR Little Endian. */
    static LinkedList<PresentationContext> contexts(String... abstractSyntaxes) {
        LinkedList<PresentationContext> list = new LinkedList<>();
        byte id = 1;
        for (String as : abstractSyntaxes) {
            LinkedList<String> ts = new LinkedList<>();
            ts.add(TransferSyntax.ExplicitVRLittleEndian);
            ts.add(TransferSyntax.ImplicitVRLittleEndian);
            list.add(new PresentationContext(id, as, ts));
            id += 2;
        }
        return list;
    }

    /**
     * One sentence for a failure during an operation on an open association: the guard's reason
     * when it ended the association, otherwise what PixelMed saw.
     */
    String describe(DicomNode node, String what, Exception e, AssociationGuard guard, String progress) {
        if (guard != null && guard.stop() == AssociationGuard.Stop.TIMED_OUT || isReadTimeout(e)) {
            return node.address() + " did not answer " + what + " within " + settings.responseTimeoutSeconds()
                    + " s (the response timeout)" + progress + ".";
        }
        if (guard != null && guard.stop() == AssociationGuard.Stop.CANCELLED) {
            return what.substring(0, 1).toUpperCase() + what.substring(1) + " on " + node.address() + " was cancelled"
                    + progress + ".";
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("failure status") || m.contains("reports failure")) {
            String status = m.replaceAll(".*0x", "");
            return node.address() + " refused " + what + " with status 0x" + status + " (" + statusMeaning(status) + ").";
        }
        if (m.contains("A-ABORT")) {
            return node.address() + " aborted the association during " + what + progress + ".";
        }
        if (e instanceof DicomException || e instanceof RuntimeException) {
            return node.address() + " sent a response that cannot be understood during " + what + progress + " ("
                    + m + ").";
        }
        return node.address() + " closed the association during " + what + progress + ".";
    }

    private static boolean isReadTimeout(Exception e) {
        return String.valueOf(e.getMessage()).contains("SocketTimeoutException")
                || e instanceof java.net.SocketTimeoutException;
    }

    static String statusMeaning(String hexStatus) {
        String s = hexStatus.toUpperCase();
        if (s.startsWith("A7")) {
            return "out of resources";
        }
        if (s.equals("A801")) {
            return "move destination unknown: the node does not know this workstation's AE title";
        }
        if (s.startsWith("A9")) {
            return "the identifier does not match the SOP class";
        }
        if (s.startsWith("C")) {
            return "unable to process";
        }
        if (s.equals("122")) {
            return "SOP class not supported";
        }
        if (s.equals("124")) {
            return "not authorized";
        }
        if (s.equals("FE00")) {
            return "cancelled";
        }
        return "see the node's log";
    }

    static String hex(int status) {
        return "0x" + String.format("%04X", status & 0xffff);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Collects the status of a single response (C-ECHO, C-STORE). */
    static final class StatusHandler extends CompositeResponseHandler {
        @Override
        protected void evaluateStatusAndSetSuccess(AttributeList list) {
            status = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Status, 0xffff);
            success = status == 0x0000;
            setDone(true);
        }
    }
}
