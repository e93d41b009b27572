package org.fovea.dicom.net;

import com.pixelmed.dicom.SetOfDicomFiles;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.MultipleInstanceTransferStatusHandlerWithFileName;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextListFactory;
import com.pixelmed.network.StorageSOPClassSCU;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.HeaderReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * C-STORE of chosen files through PixelMed's StorageSOPClassSCU on one association. Files that
 * are not readable DICOM are reported without being offered; a file the node refuses (its SOP
 * class or transfer syntax not accepted, or a failure status) is reported and the others are
 * still sent.
 */
final class Sender {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final DicomClient client;
    private final DicomNode node;
    private final List<Path> files;
    private final TransferListener listener;
    private final CancelToken cancel;

    Sender(DicomClient client, DicomNode node, List<Path> files, TransferListener listener, CancelToken cancel) {
        this.client = client;
        this.node = node;
        this.files = files;
        this.listener = listener;
        this.cancel = cancel;
    }

    SendReport run() throws DicomNetworkFailure {
        Map<Path, SendResult> results = new LinkedHashMap<>();
        Map<String, Path> byName = new LinkedHashMap<>();
        SetOfDicomFiles set = new SetOfDicomFiles();
        for (Path f : files) {
            results.put(f, null);
            try {
                HeaderReader.read(f);
                String name = f.toAbsolutePath().toString();
                set.add(name);
                byName.put(name, f);
            } catch (DicomReadException e) {
                results.put(f, new SendResult(f, false, "not sent: " + e.reason()));
            }
        }
        if (set.isEmpty() || cancel.isCancelled()) {
            return report(results, "not sent", cancel.isCancelled());
        }
        LinkedList<PresentationContext> contexts;
        try {
            contexts = PresentationContextListFactory.createNewPresentationContextList(set, 0);
        } catch (DicomNetworkException e) {
            throw new DicomNetworkFailure("The files for " + node.address() + " cannot be offered (" + e.getMessage()
                    + ").", e);
        }
        Association a = client.associate(node, contexts, new LinkedList<>());
        int total = byName.size();
        int[] done = {0};
        try (AssociationGuard guard = new AssociationGuard(a, client.settings().responseTimeoutSeconds(), cancel)) {
            MultipleInstanceTransferStatusHandlerWithFileName handler = new MultipleInstanceTransferStatusHandlerWithFileName() {
                @Override
                public void updateStatus(int remaining, int completed, int failed, int warning, String sopInstanceUid,
                                         String fileName, boolean success) {
                    guard.touch();
                    Path f = byName.get(fileName);
                    if (f != null) {
                        results.put(f, new SendResult(f, success, success ? "stored" : "refused by " + node.address()));
                    }
                    listener.progress(++done[0], total, fileName);
                }
            };
            StorageSOPClassSCU scu = new StorageSOPClassSCU(a, set, handler);
            boolean interrupted = guard.stop() != AssociationGuard.Stop.NONE;
            if (interrupted) {
                String why = guard.cancelled() ? "not sent: cancelled"
                        : "not sent: " + node.address() + " stopped answering";
                fixInterrupted(results, why);
            } else {
                Associations.release(a);
            }
            if (scu.encounteredTrappedExceptions() && !interrupted) {
                LOG.info("Sending to {} met errors; see the per-file results", node.address());
            }
            return report(results, "not sent: the association with " + node.address() + " ended", guard.cancelled());
        } catch (RuntimeException e) {
            Associations.closeTransport(a);
            LOG.warn("Sending to {} failed", node.address(), e);
            throw new DicomNetworkFailure(node.address() + " failed while files were sent (" + e.getMessage() + ") after "
                    + done[0] + " of " + total + " files.", e);
        }
    }

    /** Files reported as refused after the guard cut the association were never really refused. */
    private static void fixInterrupted(Map<Path, SendResult> results, String why) {
        results.replaceAll((f, r) -> r == null || !r.ok() && r.status().startsWith("refused") ? new SendResult(f, false, why)
                : r);
    }

    private static SendReport report(Map<Path, SendResult> results, String unsent, boolean cancelled) {
        List<SendResult> list = new ArrayList<>();
        results.forEach((f, r) -> list.add(r != null ? r : new SendResult(f, false, unsent)));
        return new SendReport(list, cancelled);
    }
}
