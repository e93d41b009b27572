package org.fovea.app.cli;

import org.fovea.app.view.QueryKeys;
import org.fovea.dicom.net.DicomClient;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.QueryLevel;
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

/** C-FIND at study, series or image level. */
@Command(name = "find", mixinStandardHelpOptions = true, description = "Query a PACS (C-FIND) for studies, series or images.")
final class DicomFindCommand implements Callable<Integer> {

    @ParentCommand
    private DicomCommand dicom;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AET@HOST:PORT", description = "The PACS, e.g. ORTHANC@127.0.0.1:4242.")
    private String address;

    @Option(names = "--level", defaultValue = "study", paramLabel = "study|series|image",
            description = "Query level (default: ${DEFAULT-VALUE}); series needs -k StudyInstanceUID=…, "
                    + "image also -k SeriesInstanceUID=….")
    private String level;

    @Option(names = {"-k", "--key"}, paramLabel = "TAG=VALUE",
            description = "Match on an attribute by keyword, e.g. PatientName=张* or StudyDate=20240101-20240131; "
                    + "a bare TAG adds it to the returned attributes.")
    private List<String> keys = new ArrayList<>();

    @Option(names = "--aet", description = "Our AE title for this call (default: the workstation's).")
    private String aeTitle;

    @Option(names = "--json", description = "Machine-readable output: an array of objects keyed by attribute keyword.")
    private boolean json;

    @Override
    public Integer call() {
        QueryLevel l = level(level);
        List<String> returnKeys = switch (l) {
            case STUDY -> QueryKeys.STUDY;
            case SERIES -> QueryKeys.SERIES;
            case IMAGE -> QueryKeys.IMAGE;
        };
        Map<String, String> matching;
        try {
            matching = QueryKeys.parseAssignments(keys);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        DicomNode node = DicomSupport.node(address);
        DicomClient client = new DicomClient(DicomSupport.settings(dicom.home(), aeTitle));
        Map<String, String> query = QueryKeys.withReturnKeys(returnKeys, matching);
        List<QueryResult> results = DicomSupport.cancellable(cancel -> client.find(node, l, query, cancel));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            DicomSupport.printJson(out, results.stream().map(QueryResult::values).toList());
        } else {
            DicomSupport.printTable(out, new ArrayList<>(query.keySet()), results);
            out.printf("%d %s found%n", results.size(), switch (l) {
                case STUDY -> results.size() == 1 ? "study" : "studies";
                case SERIES -> "series";
                case IMAGE -> results.size() == 1 ? "image" : "images";
            });
        }
        out.flush();
        return 0;
    }

    static QueryLevel level(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "study" -> QueryLevel.STUDY;
            case "series" -> QueryLevel.SERIES;
            case "image", "instance" -> QueryLevel.IMAGE;
            default -> throw new UserError("--level " + s + " is not a query level: use study, series or image.");
        };
    }
}
