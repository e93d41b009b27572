package org.fovea.dicom.net;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.CMoveRequestCommandMessage;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.ReceiveFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A C-MOVE's run: the node sends the objects to this workstation's listener, which hands this
 * retrieve those it expects. Expected are the instances listed by UID, and every object whose
 * C-STORE names one of this run's C-MOVEs as its Move Originator (Orthanc and DCMTK name it; a
 * first C-MOVE lists no UIDs). A node that names no originator is taken at its word by its
 * AE title, as it sends on a first C-MOVE.
 */
final class MoveRun implements StoreScp.Arrivals {

    private static final Logger LOG = LoggerFactory.getLogger(MoveRun.class);
    private static final String MOVE = SOPClass.StudyRootQueryRetrieveInformationModelMove;

    private final RetrieveContext context;
    private final int total;
    private final Set<String> expected = ConcurrentHashMap.newKeySet();
    /** The Message IDs of this run's C-MOVE requests. */
    private final Set<Integer> moves = ConcurrentHashMap.newKeySet();
    private final boolean listed;
    private final AtomicInteger arrived = new AtomicInteger();
    private String destination;
    private ReceiveFolder folder;
    private Ingest ingest;
    private AssociationGuard guard;

    MoveRun(RetrieveContext context, List<String> missingUids, int total) {
        this.context = context;
        this.total = total;
        this.listed = !missingUids.isEmpty();
        expected.addAll(missingUids);
    }

    @Override
    public boolean expects(StoreRequest store, String callingAeTitle) {
        if (expected.contains(store.sopInstanceUid())) {
            return true;
        }
        if (store.moveOriginatorMessageId() >= 0) {
            return !listed && moves.contains(store.moveOriginatorMessageId())
                    && store.moveOriginatorAeTitle().equals(destination);
        }
        return !listed && callingAeTitle.trim().equals(context.node().aeTitle());
    }

    @Override
    public Path folder() {
        return folder.path();
    }

    /** Checks and queues the file: the C-STORE is answered without waiting for it to be indexed. */
    @Override
    public void accept(ReceivedFile received, StoreScp.StoreListener told) throws IOException, DicomReadException {
        guard.touch();
        expected.remove(received.sopInstanceUid());
        try {
            ingest.receive(received, told);
            arrived.incrementAndGet();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the retrieve has ended: the sender is told it was not stored
            Ingest.deleteQuietly(received.path());
            throw new IOException("the retrieve of " + received.sopInstanceUid() + " has ended", e);
        }
    }

    RetrieveSteps.Outcome run(List<RetrieveSteps.Step> steps) throws DicomNetworkFailure {
        DicomClient client = context.client();
        DicomNode node = context.node();
        LocalArchive archive = context.archive();
        StoreScp running = client.storeScp();
        StoreScp temporary = null;
        if (running == null) {
            try {
                temporary = StoreScp.start(client.settings(), archive, StoreScp.StoreListener.none());
            } catch (IOException e) {
                throw new DicomNetworkFailure("A C-MOVE from " + node.address() + " needs this workstation's listener, "
                        + "but " + e.getMessage(), e);
            }
        }
        StoreScp scp = running != null ? running : temporary;
        destination = scp.aeTitle();
        RetrieveSteps.Outcome outcome = new RetrieveSteps.Outcome();
        try (Ingest counts = new Ingest(archive, context.listener(), total)) {
            ingest = counts;
            outcome.ingest = counts;
            try {
                folder = ReceiveFolder.create(archive, "move");
            } catch (IOException e) {
                throw new DicomNetworkFailure("A receive folder cannot be created in " + archive.incomingDirectory()
                        + " (" + e.getMessage() + ").", e);
            }
            Association a = client.associate(node, DicomClient.contexts(MOVE), new LinkedList<>());
            try (AssociationGuard g = new AssociationGuard(a, client.settings().responseTimeoutSeconds(),
                    context.cancel())) {
                guard = g;
                scp.register(this);
                RetrieveHandler responses = new RetrieveHandler(folder.path(), g, r -> {
                    throw new IllegalStateException("a C-STORE on the C-MOVE association");
                });
                try {
                    a.setReceivedDataHandler(responses);
                    for (RetrieveSteps.Step step : steps) {
                        CMoveRequestCommandMessage move = new CMoveRequestCommandMessage(MOVE, destination);
                        moves.add(move.getMessageID());
                        RetrieveSteps.request(a, responses, MOVE, move.getBytes(), context.request().studyUid(), step);
                        int status = responses.finalStatus();
                        if (RetrieveSteps.isFailure(status) && arrived.get() == 0) {
                            throw new DicomNetworkFailure(client.describe(node, "the retrieve (C-MOVE to "
                                    + destination + ")", new DicomNetworkException("C-MOVE failure status 0x"
                                    + Integer.toHexString(status)), null, ""));
                        }
                        if (responses.failedSuboperations() > 0 || RetrieveSteps.isFailure(status)) {
                            outcome.nodeSays = "C-MOVE status " + DicomClient.hex(status) + ", "
                                    + responses.failedSuboperations() + " failed";
                        }
                    }
                    Associations.release(a);
                } catch (DicomNetworkException | AReleaseException | DicomException | IOException
                         | RuntimeException e) {
                    Associations.closeTransport(a);
                    outcome.cancelled = guard.cancelled();
                    outcome.cause = e;
                    outcome.failure = client.describe(node, "the retrieve", e, guard, "").replaceAll("\\.$", "");
                    LOG.info("C-MOVE from {} ended: {}", node.address(), outcome.failure, e);
                } catch (DicomNetworkFailure refused) {
                    Associations.closeTransport(a);
                    throw refused;
                }
            } finally {
                scp.unregister(this);
            }
            outcome.transferredAt = System.nanoTime();
            counts.finish();
        } finally {
            if (temporary != null) {
                temporary.close();
            }
            if (folder != null) {
                folder.close();
            }
        }
        return outcome;
    }
}
