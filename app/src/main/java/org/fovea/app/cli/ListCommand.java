package org.fovea.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Lists the local archive: studies with their series. */
@Command(name = "ls", description = "List the studies and series in the local archive.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    private FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Machine-readable output: an array of studies with their series.")
    private boolean json;

    @Option(names = "--files", description = "With --json: list each series' image files in display order.")
    private boolean files;

    @Option(names = "--name", description = "Only studies whose patient name contains this (Chinese or pinyin).")
    private String name;

    @Option(names = "--modality", description = "Only studies with this modality (CT, MR, DX, …).")
    private String modality;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalArchive archive = LocalArchive.open(parent.home())) {
            List<StudySummary> studies = archive.findStudies(new StudyQuery(name, null, null, modality, null, null));
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (StudySummary s : studies) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("study", s);
                    List<Object> series = new ArrayList<>();
                    for (SeriesSummary se : archive.series(s.studyUid())) {
                        if (files) {
                            Map<String, Object> withFiles = new LinkedHashMap<>();
                            withFiles.put("series", se);
                            withFiles.put("files", archive.instances(se.seriesUid()).stream()
                                    .map(i -> i.file().toString()).toList());
                            series.add(withFiles);
                        } else {
                            series.add(se);
                        }
                    }
                    row.put("series", series);
                    rows.add(row);
                }
                out.println(new ObjectMapper().registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } else {
                printTable(out, archive, studies);
            }
        }
        out.flush();
        return 0;
    }

    private static void printTable(PrintWriter out, LocalArchive archive, List<StudySummary> studies) {
        if (studies.isEmpty()) {
            out.println("The archive is empty: import with './fovea import PATH' or run './fovea demo'.");
            return;
        }
        for (StudySummary s : studies) {
            out.printf("%s  %s  %s  %s  %s  %s  (%d series, %d images)  %s%n", s.patientName(), s.patientId(),
                    s.studyDate(), s.modalities(), s.description(), s.accession(), s.seriesCount(),
                    s.instanceCount(), s.studyUid());
            for (SeriesSummary se : archive.series(s.studyUid())) {
                out.printf("    #%s %s %s  %d images  %s%n", se.number(), se.modality(), se.description(),
                        se.instanceCount(), se.seriesUid());
            }
        }
    }
}
