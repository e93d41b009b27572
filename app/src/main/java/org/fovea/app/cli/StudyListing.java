package org.fovea.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./fovea ls} prints for a page of studies, as a table or as JSON. An attribute the
 * files did not carry (a study date, a series number) is printed empty, in both: a script reads
 * "" where the table shows nothing, never the word null.
 */
final class StudyListing {

    private final LocalArchive archive;
    private final List<StudySummary> studies;
    private final int offset;
    private final int total;
    private final boolean more;

    StudyListing(LocalArchive archive, List<StudySummary> studies, int offset, int total, boolean more) {
        this.archive = archive;
        this.studies = studies;
        this.offset = offset;
        this.total = total;
        this.more = more;
    }

    void printTable(PrintWriter out, StudyQuery query, int limit) {
        if (total == 0) {
            out.println(query.matchesEverything()
                    ? "The archive is empty: import with './fovea import PATH' or run './fovea demo'."
                    : "No study matches.");
            return;
        }
        if (studies.isEmpty()) {
            out.printf("No studies after the first %d; %d match.%n", offset, total);
            return;
        }
        for (StudySummary s : studies) {
            out.printf("%s  %s  %s  %s  %s  %s  (%d series, %d images)  %s%n", s.patientName(), s.patientId(),
                    date(s.studyDate()), s.modalities(), s.description(), s.accession(), s.seriesCount(),
                    s.instanceCount(), s.studyUid());
            for (SeriesSummary se : archive.series(s.studyUid())) {
                out.printf("    #%s %s %s  %d images  %s%n", number(se), se.modality(), se.description(),
                        se.instanceCount(), se.seriesUid());
            }
        }
        if (more || offset > 0) {
            out.printf("Studies %d-%d of %d, newest first.%s%n", offset + 1, offset + studies.size(), total, more
                    ? " More: --offset " + (offset + studies.size()) + " (the next " + limit + "), or --all." : "");
        }
    }

    /** {"total", "offset", "limit" (absent with --all), "more", "studies": [{"study", "series"}]}. */
    String json(Integer limit, boolean withFiles) throws JsonProcessingException {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", total);
        page.put("offset", offset);
        if (limit != null) {
            page.put("limit", limit);
        }
        page.put("more", more);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StudySummary s : studies) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("study", study(s));
            List<Object> series = new ArrayList<>();
            for (SeriesSummary se : archive.series(s.studyUid())) {
                if (withFiles) {
                    Map<String, Object> seriesWithFiles = new LinkedHashMap<>();
                    seriesWithFiles.put("series", series(se));
                    seriesWithFiles.put("files", archive.instances(se.seriesUid()).stream()
                            .map(i -> i.file().toString()).toList());
                    series.add(seriesWithFiles);
                } else {
                    series.add(series(se));
                }
            }
            row.put("series", series);
            rows.add(row);
        }
        page.put("studies", rows);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(page);
    }

    private static Map<String, Object> study(StudySummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("studyUid", s.studyUid());
        m.put("patientName", s.patientName());
        m.put("patientId", s.patientId());
        m.put("sex", s.sex());
        m.put("birthDate", date(s.birthDate()));
        m.put("age", s.age());
        m.put("studyDate", date(s.studyDate()));
        m.put("studyTime", s.studyTime());
        m.put("description", s.description());
        m.put("accession", s.accession());
        m.put("modalities", s.modalities());
        m.put("seriesCount", s.seriesCount());
        m.put("instanceCount", s.instanceCount());
        return m;
    }

    private static Map<String, Object> series(SeriesSummary se) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seriesUid", se.seriesUid());
        m.put("studyUid", se.studyUid());
        m.put("number", number(se));
        m.put("modality", se.modality());
        m.put("description", se.description());
        m.put("instanceCount", se.instanceCount());
        return m;
    }

    /** The series number as DICOM writes it (IS is text), empty when the files carry none. */
    private static String number(SeriesSummary se) {
        return se.number() == null ? "" : se.number().toString();
    }

    /** ISO 8601 (2024-01-31), empty when absent. */
    private static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }
}
