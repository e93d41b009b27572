package org.fovea.app.cli;

import org.fovea.dicom.LibraryOutput;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.net.DicomClient;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.RetrieveMethod;
import org.fovea.dicom.net.RetrieveReport;
import org.fovea.dicom.net.RetrieveRequest;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Retrieves a study, or some of its series, into the local archive; {@code get} and {@code move}
 * differ only in how the peer delivers the images.
 */
abstract class DicomRetrieveCommand implements Callable<Integer> {

    @ParentCommand
    private DicomCommand dicom;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AET@HOST:PORT", description = "The PACS, e.g. ORTHANC@127.0.0.1:4242.")
    private String address;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "Study Instance UID to retrieve.")
    private String studyUid;

    @Option(names = "--series", paramLabel = "UID", arity = "1..*",
            description = "Only these series of the study (default: all of them).")
    private List<String> seriesUids = new ArrayList<>();

    @Option(names = "--aet", description = "Our AE title for this call (default: the workstation's). "
            + "For move, the PACS must know it as a destination.")
    private String aeTitle;

    @Option(names = "--json", description = "Machine-readable summary.")
    private boolean json;

    abstract RetrieveMethod method();

    @Override
    public Integer call() {
        DicomNode node = DicomSupport.node(address).withRetrieveMethod(method());
        DicomClient client = new DicomClient(DicomSupport.settings(dicom.home(), aeTitle));
        ConsoleProgress progress = new ConsoleProgress(LibraryOutput.terminal(), "retrieving");
        RetrieveReport r;
        try (LocalArchive archive = LocalArchive.open(dicom.home())) {
            r = DicomSupport.cancellable(cancel -> client.retrieve(node, new RetrieveRequest(studyUid, List.copyOf(seriesUids)),
                    archive, progress::update, cancel));
        }
        if (r.expected() == 0 && r.alreadyPresent() == 0 && !r.cancelled() && r.failures().isEmpty()) {
            throw new UserError(node.address() + " holds no images of study " + studyUid
                    + (seriesUids.isEmpty() ? "" : " in series " + String.join(", ", seriesUids))
                    + ": check the UIDs with 'fovea dicom find'.");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("study", studyUid);
            m.put("expected", r.expected());
            m.put("received", r.received());
            m.put("alreadyPresent", r.alreadyPresent());
            m.put("failures", r.failures());
            m.put("cancelled", r.cancelled());
            m.put("complete", r.complete());
            DicomSupport.printJson(out, m);
        } else {
            out.printf("received %d of %d, already present %d, failed %d%s%n", r.received(), r.expected(),
                    r.alreadyPresent(), r.failures().size(), r.cancelled() ? " (cancelled)" : "");
            for (String f : r.failures()) {
                out.printf("  %s%n", f);
            }
        }
        out.flush();
        return r.complete() && !r.cancelled() ? 0 : 1;
    }
}
