package org.fovea.dicom.archive;

import javax.sql.DataSource;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The study list's queries: the studies a {@link StudyQuery} matches, a page at a time, newest
 * first, and how many there are.
 *
 * <p>A page is chosen from the study table alone (the filters on patients and series are
 * subqueries), walking the {@code study_newest} index in the list's order, so the first page of
 * an unfiltered list reads its own rows whatever the archive holds. The patient, the modalities
 * and the series and image counts are then looked up for the page's studies only: counting the
 * images of every matching study was what made the list take seconds at 50,000 images.
 */
final class StudySearch {

    /** Newest first; studies without a date last; the UID keeps studies of one moment in a stable order. */
    private static final String ORDER = " ORDER BY st.study_date DESC NULLS LAST, st.study_time DESC, st.study_uid";
    private static final String DETAILS = "SELECT st.study_uid, p.patient_name, p.patient_id, p.sex, p.birth_date, "
            + "st.patient_age, st.study_date, st.study_time, st.description, st.accession, "
            + "(SELECT LISTAGG(DISTINCT se.modality, '\\') WITHIN GROUP (ORDER BY se.modality) FROM series se "
            + "  WHERE se.study_uid = st.study_uid AND se.modality <> ''), "
            + "(SELECT COUNT(*) FROM series se WHERE se.study_uid = st.study_uid), "
            + "(SELECT COUNT(*) FROM instance i JOIN series se ON i.series_uid = se.series_uid "
            + "  WHERE se.study_uid = st.study_uid) "
            + "FROM (%s) st JOIN patient p ON p.pk = st.patient_pk" + ORDER;

    private final DataSource pool;

    StudySearch(DataSource pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} matching studies from {@code offset} on, and whether more follow. */
    StudyPage page(StudyQuery q, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("a page needs offset >= 0 and limit >= 1, not " + offset + ", " + limit);
        }
        Filter f = filter(q);
        List<Object> args = new ArrayList<>(f.args());
        args.add(offset);
        // one more than asked tells whether another page follows
        args.add(limit + 1);
        List<StudySummary> found = details("SELECT st.* FROM study st" + f.where() + ORDER
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", args);
        boolean more = found.size() > limit;
        return new StudyPage(more ? List.copyOf(found.subList(0, limit)) : found, more);
    }

    /** Every matching study: for small answers (a patient's studies, tests); the list pages. */
    List<StudySummary> all(StudyQuery q) {
        Filter f = filter(q);
        return details("SELECT st.* FROM study st" + f.where(), f.args());
    }

    int count(StudyQuery q) {
        Filter f = filter(q);
        return IndexQuery.list(pool, "SELECT COUNT(*) FROM study st" + f.where(), f.args(), rs -> rs.getInt(1)).get(0);
    }

    Optional<StudySummary> study(String studyUid) {
        return details("SELECT st.* FROM study st WHERE st.study_uid = ?", List.of(studyUid)).stream().findFirst();
    }

    private List<StudySummary> details(String studies, List<Object> args) {
        return IndexQuery.list(pool, String.format(DETAILS, studies), args, rs -> new StudySummary(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), IndexQuery.toLocalDate(rs.getDate(5)),
                rs.getString(6), IndexQuery.toLocalDate(rs.getDate(7)), rs.getString(8), rs.getString(9),
                rs.getString(10), nullToEmpty(rs.getString(11)), rs.getInt(12), rs.getInt(13)));
    }

    private record Filter(String where, List<Object> args) {
    }

    /**
     * The query's conditions on the study table. Patient and series conditions are uncorrelated
     * subqueries, which H2 evaluates once and probes by index (patient by name or ID, series by
     * modality) rather than once per study.
     */
    private static Filter filter(StudyQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> args = new ArrayList<>();
        String name = PersonNameSearch.normalize(q.patientName());
        if (!name.isEmpty()) {
            where.append(" AND st.patient_pk IN (SELECT pk FROM patient WHERE name_search LIKE ? ESCAPE '\\')");
            args.add(PersonNameSearch.likePattern(name));
        }
        if (notBlank(q.patientId())) {
            where.append(" AND st.patient_pk IN (SELECT pk FROM patient WHERE patient_id = ?)");
            args.add(q.patientId().trim());
        }
        if (notBlank(q.accession())) {
            where.append(" AND st.accession = ?");
            args.add(q.accession().trim());
        }
        if (notBlank(q.modality())) {
            where.append(" AND st.study_uid IN (SELECT study_uid FROM series WHERE modality = ?)");
            args.add(q.modality().trim());
        }
        if (q.from() != null) {
            where.append(" AND st.study_date >= ?");
            args.add(Date.valueOf(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND st.study_date <= ?");
            args.add(Date.valueOf(q.to()));
        }
        return new Filter(where.toString(), args);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
