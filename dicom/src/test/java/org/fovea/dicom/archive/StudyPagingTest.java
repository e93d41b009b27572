package org.fovea.dicom.archive;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The study list's pages on a generated archive of about 400 studies, against the truth read
 * from the tables with plain queries and sorted and filtered here, one study at a time.
 */
class StudyPagingTest {

    private static final int PAGE = 37;
    /** Studies of one moment, ordered by UID only: the generator's newest are moved here. */
    private static final LocalDate SAME_DAY = LocalDate.of(2025, 6, 1);

    @TempDir
    static Path home;
    private static LocalArchive archive;
    private static List<Row> truth;

    /** A study as the tables hold it. */
    record Row(String uid, LocalDate date, String time, String patientId, String patientName, String accession,
               Set<String> modalities, int series, int images) {
    }

    @BeforeAll
    static void generate() throws SQLException {
        SyntheticArchive.generate(home, 20_000, 7);
        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:file:" + home.resolve("db").resolve("fovea"), "sa", "");
             Statement st = c.createStatement()) {
            // six studies at one date and time, so only their UIDs order them, across a page boundary
            st.executeUpdate("UPDATE study SET study_date = DATE '2025-06-01', study_time = '101500' WHERE study_uid IN "
                    + "(SELECT study_uid FROM study ORDER BY accession FETCH FIRST 6 ROWS ONLY)");
            truth = readTruth(c);
        }
        archive = LocalArchive.open(home);
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    @Test
    void pagesWalkEveryStudyNewestFirstWithoutOverlapOrGap() {
        List<StudySummary> walked = new ArrayList<>();
        StudyPage page;
        do {
            page = archive.findStudies(StudyQuery.all(), walked.size(), PAGE);
            assertThat(page.studies()).hasSizeLessThanOrEqualTo(PAGE);
            walked.addAll(page.studies());
            assertThat(page.more()).isEqualTo(walked.size() < truth.size());
        } while (page.more());

        assertThat(walked).extracting(StudySummary::studyUid).containsExactlyElementsOf(uids(truth));
        assertThat(truth.stream().filter(r -> r.date() == null)).as("studies without a date, listed last").isNotEmpty();
        assertThat(walked.get(walked.size() - 1).studyDate()).isNull();
        assertThat(archive.countStudies(StudyQuery.all())).isEqualTo(truth.size());
    }

    @Test
    void studiesOfOneMomentKeepTheirOrderFromPageToPage() {
        List<String> sameMoment = truth.stream().filter(r -> SAME_DAY.equals(r.date())).map(Row::uid).toList();
        assertThat(sameMoment).hasSize(6).isSorted();

        List<String> firstPage = uids(archive.findStudies(StudyQuery.all(), 0, 4).studies());
        List<String> secondPage = uids(archive.findStudies(StudyQuery.all(), 4, 4).studies());

        assertThat(firstPage).containsExactlyElementsOf(sameMoment.subList(0, 4));
        assertThat(secondPage.subList(0, 2)).containsExactlyElementsOf(sameMoment.subList(4, 6));
    }

    @Test
    void aPageCarriesEachStudysPatientModalitiesAndCounts() {
        StudyPage page = archive.findStudies(StudyQuery.all(), PAGE, PAGE);

        for (StudySummary s : page.studies()) {
            Row r = truth.stream().filter(t -> t.uid().equals(s.studyUid())).findFirst().orElseThrow();
            assertThat(s.patientId()).isEqualTo(r.patientId());
            assertThat(s.patientName()).isEqualTo(r.patientName());
            assertThat(s.accession()).isEqualTo(r.accession());
            assertThat(s.modalities()).isEqualTo(String.join("\\", new TreeSet<>(r.modalities())));
            assertThat(s.seriesCount()).isEqualTo(r.series());
            assertThat(s.instanceCount()).isEqualTo(r.images());
        }
    }

    @Test
    void eachFilterPagesThroughExactlyTheMatchingStudies() {
        Row some = truth.get(truth.size() / 3);
        String surname = some.patientName().replaceAll("[=^A-Z]", "").substring(0, 1);
        LocalDate from = LocalDate.of(2019, 3, 1);
        LocalDate to = LocalDate.of(2020, 2, 29);

        expectPages(StudyQuery.byName(surname), r -> r.patientName().contains(surname));
        expectPages(new StudyQuery(null, some.patientId(), null, null, null, null),
                r -> r.patientId().equals(some.patientId()));
        expectPages(new StudyQuery(null, null, some.accession(), null, null, null),
                r -> r.accession().equals(some.accession()));
        for (String modality : List.of("CT", "MR", "DX", "CR")) {
            expectPages(new StudyQuery(null, null, null, modality, null, null), r -> r.modalities().contains(modality));
        }
        expectPages(new StudyQuery(null, null, null, null, from, to),
                r -> r.date() != null && !r.date().isBefore(from) && !r.date().isAfter(to));
        expectPages(new StudyQuery(null, null, null, null, from, null), r -> r.date() != null && !r.date().isBefore(from));
        expectPages(new StudyQuery(null, null, null, "MR", null, to), r -> r.modalities().contains("MR")
                && r.date() != null && !r.date().isAfter(to));
        expectPages(new StudyQuery(null, null, null, "MG", null, null), r -> false);
    }

    private static void expectPages(StudyQuery q, Predicate<Row> matches) {
        List<String> expected = uids(truth.stream().filter(matches).toList());
        List<String> walked = new ArrayList<>();
        StudyPage page;
        do {
            page = archive.findStudies(q, walked.size(), PAGE);
            walked.addAll(uids(page.studies()));
        } while (page.more());
        assertThat(walked).as(q.toString()).containsExactlyElementsOf(expected);
        assertThat(archive.countStudies(q)).as(q.toString()).isEqualTo(expected.size());
        assertThat(uids(archive.findStudies(q))).as(q.toString()).containsExactlyElementsOf(expected);
    }

    private static List<String> uids(List<?> studies) {
        return studies.stream().map(s -> s instanceof Row r ? r.uid() : ((StudySummary) s).studyUid()).toList();
    }

    /** Every study from the tables, sorted here: date newest first and missing last, time newest first, UID. */
    private static List<Row> readTruth(Connection c) throws SQLException {
        Map<String, Set<String>> modalities = new HashMap<>();
        Map<String, Integer> series = new HashMap<>();
        Map<String, Integer> images = new HashMap<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT study_uid, modality FROM series")) {
                while (rs.next()) {
                    modalities.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                    series.merge(rs.getString(1), 1, Integer::sum);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT se.study_uid FROM instance i, series se "
                    + "WHERE i.series_uid = se.series_uid")) {
                while (rs.next()) {
                    images.merge(rs.getString(1), 1, Integer::sum);
                }
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT st.study_uid, st.study_date, st.study_time, p.patient_id, "
                    + "p.patient_name, st.accession FROM study st, patient p WHERE p.pk = st.patient_pk")) {
                while (rs.next()) {
                    String uid = rs.getString(1);
                    rows.add(new Row(uid, rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), modalities.getOrDefault(uid, Set.of()),
                            series.getOrDefault(uid, 0), images.getOrDefault(uid, 0)));
                }
            }
            rows.sort(Comparator.comparing(Row::date, Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()))
                    .thenComparing(Row::time, Comparator.reverseOrder())
                    .thenComparing(Row::uid));
            return rows;
        }
    }
}
