package org.fovea.app.cli;

import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudyPage;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Lists the local archive: studies with their series, newest first, a page at a time. Its time
 * is the JVM's start and the archive's opening, not the archive's size: one page is read.
 */
@Command(name = "ls", description = "List the studies and series in the local archive, newest first.")
final class ListCommand implements Callable<Integer> {

    /** A screenful of studies with their series; scripts page with --offset or take --all. */
    static final int DEFAULT_LIMIT = 50;

    @ParentCommand
    private FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Machine-readable output: the page of studies with their series, "
            + "the total and whether more follow.")
    private boolean json;

    @Option(names = "--files", description = "With --json: list each series' image files in display order.")
    private boolean files;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
            description = "At most N studies (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0",
            description = "Skip the N newest matching studies (the next page: --offset 50).")
    private int offset;

    @Option(names = "--all", description = "Every matching study, however many.")
    private boolean all;

    @Option(names = "--name", description = "Only studies whose patient name contains this (characters, pinyin or initials).")
    private String name;

    @Option(names = "--patient-id", paramLabel = "ID", description = "Only studies of this patient ID.")
    private String patientId;

    @Option(names = "--accession", description = "Only the study with this accession number.")
    private String accession;

    @Option(names = "--modality", description = "Only studies with this modality (CT, MR, DX, …).")
    private String modality;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Only studies of this date or later.")
    private LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Only studies of this date or earlier.")
    private LocalDate to;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || offset < 0) {
            throw new UserError("--limit must be 1 or more and --offset 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        StudyQuery query = new StudyQuery(name, patientId, accession, modality, from, to);
        try (LocalArchive archive = LocalArchive.open(parent.home())) {
            List<StudySummary> studies;
            boolean more;
            if (all) {
                studies = archive.findStudies(query);
                more = false;
            } else {
                StudyPage page = archive.findStudies(query, offset, limit);
                studies = page.studies();
                more = page.more();
            }
            int first = all ? 0 : offset;
            int total = more || first > 0 ? archive.countStudies(query) : studies.size();
            StudyListing listing = new StudyListing(archive, studies, first, total, more);
            if (json) {
                out.println(listing.json(all ? null : limit, files));
            } else {
                listing.printTable(out, query, limit);
            }
        }
        out.flush();
        return 0;
    }
}
