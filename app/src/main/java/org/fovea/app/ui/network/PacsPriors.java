package org.fovea.app.ui.network;

import org.fovea.app.ui.viewer.PatientTimeline;
import org.fovea.app.view.QueryKeys;
import org.fovea.app.view.Timeline;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.QueryLevel;
import org.fovea.dicom.net.QueryResult;
import org.fovea.dicom.net.RetrieveRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The PACS side of the patient's timeline: its studies of the open patient (a C-FIND by patient ID
 * on the first query/retrieve node, in the background), and the retrieve of one of them with its
 * progress in the transfers panel, cancellable there. Without a query/retrieve node the timeline
 * shows the local archive alone.
 */
public final class PacsPriors {

    private final NetworkService network;
    private final TransferPanel transfers;
    private final Runnable onArrived;

    private PacsPriors(NetworkService network, TransferPanel transfers, Runnable onArrived) {
        this.network = network;
        this.transfers = transfers;
        this.onArrived = onArrived;
    }

    /** Gives the timeline the PACS: its studies, and retrieving one of them. */
    public static void install(PatientTimeline timeline, NetworkService network, TransferPanel transfers,
                               Runnable onArrived) {
        PacsPriors p = new PacsPriors(network, transfers, onArrived);
        timeline.setPacs(p::studiesOf);
        timeline.setRetrieve(p::retrieve);
    }

    private DicomNode node() {
        List<DicomNode> nodes = network.nodes(DicomNode.Service.QUERY_RETRIEVE);
        return nodes.isEmpty() ? null : nodes.get(0);
    }

    CompletableFuture<List<QueryResult>> studiesOf(String patientId) {
        DicomNode n = node();
        if (n == null || patientId.isBlank()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Map<String, String> keys = QueryKeys.withReturnKeys(QueryKeys.STUDY, Map.of("PatientID", patientId));
        return network.call(() -> network.client().find(n, QueryLevel.STUDY, keys, CancelToken.none()));
    }

    /** Completes on the FX thread: true when every image of the study is in the local archive. */
    CompletableFuture<Boolean> retrieve(Timeline.Entry study) {
        DicomNode n = node();
        if (n == null) {
            return CompletableFuture.completedFuture(false);
        }
        CancelToken cancel = new CancelToken();
        TransferPanel.Line line = transfers.start(study.label() + " ← " + n.name(), cancel);
        return network.call(() -> network.retrieve(n, RetrieveRequest.study(study.studyUid()),
                (done, total, current) -> {
                    line.progress(done, total, current);
                    onArrived.run();
                }, cancel)).handle((report, error) -> {
                    line.close();
                    onArrived.run();
                    return error == null && report.complete() && !report.cancelled();
                });
    }
}
