package org.fovea.app.cli;

import org.fovea.app.view.QueryKeys;
import org.fovea.dicom.net.DicomClient;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.QueryResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Modality worklist C-FIND: the procedures scheduled on a worklist server. */
@Command(name = "worklist", mixinStandardHelpOptions = true, description = "List scheduled procedures from a modality worklist server (MWL C-FIND).")
final class DicomWorklistCommand implements Callable<Integer> {

    @ParentCommand
    private DicomCommand dicom;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AET@HOST:PORT", description = "The worklist server.")
    private String address;

    @Option(names = {"-k", "--key"}, paramLabel = "TAG=VALUE",
            description = "Match by keyword, e.g. ScheduledProcedureStepStartDate=20240315, Modality=CT, "
                    + "ScheduledStationAETitle=CT01, PatientName=张*.")
    private List<String> keys = new ArrayList<>();

    @Option(names = "--aet", description = "Our AE title for this call (default: the workstation's).")
    private String aeTitle;

    @Option(names = "--json", description = "Machine-readable output: an array of objects keyed by attribute keyword.")
    private boolean json;

    @Override
    public Integer call() {
        Map<String, String> matching;
        try {
            matching = QueryKeys.parseAssignments(keys);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        DicomNode node = DicomSupport.node(address);
        DicomClient client = new DicomClient(DicomSupport.settings(dicom.home(), aeTitle));
        Map<String, String> query = QueryKeys.withReturnKeys(QueryKeys.WORKLIST, matching);
        List<QueryResult> results = DicomSupport.cancellable(cancel -> client.worklist(node, query, cancel));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            DicomSupport.printJson(out, results.stream().map(QueryResult::values).toList());
        } else {
            DicomSupport.printTable(out, new ArrayList<>(query.keySet()), results);
            out.printf("%d scheduled %s%n", results.size(), results.size() == 1 ? "procedure" : "procedures");
        }
        out.flush();
        return 0;
    }
}
