package org.fovea.dicom.net;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the C-GET and C-MOVE runs of a retrieve share: their requests, and what came of them. */
final class RetrieveSteps {

    private RetrieveSteps() {
    }

    /** One request: a whole series (no instance list) or some of its instances. */
    record Step(String seriesUid, List<String> sopUids) {
    }

    /** What one run brought, and how it ended. */
    static final class Outcome {
        Ingest ingest;
        String failure;
        Exception cause;
        boolean cancelled;
        String nodeSays = "";
        /** When the last response arrived (System.nanoTime), before the last images were stored. */
        long transferredAt;
    }

    /** The identifier of one step's request, for the study {@code studyUid}. */
    static AttributeList identifier(String studyUid, Step step) throws DicomException {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("StudyInstanceUID", studyUid);
        keys.put("SeriesInstanceUID", step.seriesUid());
        AttributeList list;
        if (step.sopUids().isEmpty()) {
            list = Identifiers.query(QueryLevel.SERIES, keys);
        } else {
            keys.put("SOPInstanceUID", String.join("\\", step.sopUids()));
            list = Identifiers.query(QueryLevel.IMAGE, keys);
        }
        return list;
    }

    /**
     * Sends one C-GET or C-MOVE request for {@code step} and waits for its final response (a
     * C-GET's objects come back on the association meanwhile, a C-MOVE's go to the listener).
     */
    static void request(Association a, RetrieveHandler handler, String model, byte[] command, String studyUid,
                        Step step)
            throws DicomNetworkException, DicomException, IOException, AReleaseException {
        handler.reset();
        byte pc = a.getSuitablePresentationContextID(model);
        a.send(pc, command, null);
        a.send(pc, null, encode(identifier(studyUid, step), a.getTransferSyntaxForPresentationContextID(pc)));
        a.waitForPDataPDUsUntilHandlerReportsDone();
    }

    static boolean isFailure(int status) {
        return status != 0x0000 && status != 0xFF00 && status != 0xFF01;
    }

    private static byte[] encode(AttributeList identifier, String transferSyntaxUid) throws IOException, DicomException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DicomOutputStream out = new DicomOutputStream(bytes, null, transferSyntaxUid);
        identifier.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
