package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;

import java.nio.file.Path;

/**
 * Run in a separate JVM by the tests: retrieves a study by C-GET into a home's archive and dies
 * without any shutdown (Runtime.halt, as a kill -9 or a crash would) once 60 images are in the
 * retrieve's batch: the batch flushed after the 1st and the 51st, so some complete images are
 * only in the receive folder.
 */
public final class RetrieveThenHalt {

    private RetrieveThenHalt() {
    }

    public static void main(String[] args) throws Exception {
        LocalArchive archive = LocalArchive.open(Path.of(args[0]));
        DicomNode node = DicomNode.parse(args[1]).withRetrieveMethod(RetrieveMethod.C_GET);
        new DicomClient(NetworkSettings.defaults().withLocal("FOVEA", 0, false)).retrieve(node,
                RetrieveRequest.study(args[2]), archive, (done, total, current) -> {
                    if (done == 60) {
                        Runtime.getRuntime().halt(9);
                    }
                }, CancelToken.none());
        System.exit(1);
    }
}
