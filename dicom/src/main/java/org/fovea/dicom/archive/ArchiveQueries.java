package org.fovea.dicom.archive;

import org.fovea.dicom.CancelToken;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the archive's index answers: studies, series, instances and patients, and the files' check. */
final class ArchiveQueries {

    private static final String STUDY_SELECT = "SELECT st.study_uid, p.patient_name, p.patient_id, p.sex, "
            + "p.birth_date, st.patient_age, st.study_date, st.study_time, st.description, st.accession, "
            + "(SELECT LISTAGG(DISTINCT se.modality, '\\') WITHIN GROUP (ORDER BY se.modality) FROM series se "
            + "  WHERE se.study_uid = st.study_uid AND se.modality <> '') AS modalities, "
            + "(SELECT COUNT(*) FROM series se WHERE se.study_uid = st.study_uid) AS series_count, "
            + "(SELECT COUNT(*) FROM instance i JOIN series se ON i.series_uid = se.series_uid "
            + "  WHERE se.study_uid = st.study_uid) AS instance_count "
            + "FROM study st JOIN patient p ON p.pk = st.patient_pk ";
    private static final String STUDY_ORDER = " ORDER BY st.study_date DESC NULLS LAST, st.study_time DESC, st.study_uid";

    private final DataSource pool;
    private final Path archiveDir;

    ArchiveQueries(DataSource pool, Path archiveDir) {
        this.pool = pool;
        this.archiveDir = archiveDir;
    }

    List<StudySummary> findStudies(StudyQuery q) {
        StringBuilder where = new StringBuilder("WHERE 1=1");
        List<Object> args = new ArrayList<>();
        String name = PersonNameSearch.normalize(q.patientName());
        if (!name.isEmpty()) {
            where.append(" AND p.name_search LIKE ? ESCAPE '\\'");
            args.add(PersonNameSearch.likePattern(name));
        }
        if (notBlank(q.patientId())) {
            where.append(" AND p.patient_id = ?");
            args.add(q.patientId().trim());
        }
        if (notBlank(q.accession())) {
            where.append(" AND st.accession = ?");
            args.add(q.accession().trim());
        }
        if (notBlank(q.modality())) {
            where.append(" AND EXISTS (SELECT 1 FROM series se WHERE se.study_uid = st.study_uid AND se.modality = ?)");
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
        return studies(STUDY_SELECT + where + STUDY_ORDER, args);
    }

    Optional<StudySummary> study(String studyUid) {
        return studies(STUDY_SELECT + "WHERE st.study_uid = ?", List.of(studyUid)).stream().findFirst();
    }

    List<StudySummary> studiesOfPatient(String patientId) {
        if (!notBlank(patientId)) {
            return List.of();
        }
        return studies(STUDY_SELECT + "WHERE p.patient_id = ?" + STUDY_ORDER, List.of(patientId.trim()));
    }

    List<SeriesSummary> series(String studyUid) {
        String sql = "SELECT se.series_uid, se.study_uid, se.number, se.modality, se.description, "
                + "(SELECT COUNT(*) FROM instance i WHERE i.series_uid = se.series_uid) FROM series se "
                + "WHERE se.study_uid = ? ORDER BY se.number NULLS LAST, se.series_uid";
        return query(sql, List.of(studyUid), rs -> new SeriesSummary(rs.getString(1), rs.getString(2),
                (Integer) rs.getObject(3), rs.getString(4), rs.getString(5), rs.getInt(6)));
    }

    List<InstanceEntry> instances(String seriesUid) {
        String sql = "SELECT sop_uid, sop_class_uid, rel_path, instance_number, position_key, rows_count, "
                + "columns_count, frames, transfer_syntax FROM instance WHERE series_uid = ?";
        List<InstanceEntry> list = new ArrayList<>(query(sql, List.of(seriesUid), rs -> {
            Integer number = (Integer) rs.getObject(4);
            Double key = (Double) rs.getObject(5);
            double sortKey = key != null ? key : number != null ? number : 0;
            return new InstanceEntry(rs.getString(1), rs.getString(2), archiveDir.resolve(rs.getString(3)), number,
                    sortKey, key != null, rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getString(9));
        }));
        list.sort(Comparator.comparing(InstanceEntry::geometric)
                .thenComparingDouble(InstanceEntry::sortKey)
                .thenComparing(e -> e.instanceNumber() == null ? Integer.MAX_VALUE : e.instanceNumber())
                .thenComparing(InstanceEntry::sopInstanceUid));
        List<InstanceEntry> geometric = list.stream().filter(InstanceEntry::geometric).toList();
        if (geometric.size() == list.size() && runsAgainstInstanceNumbers(geometric)) {
            Collections.reverse(list);
        }
        return list;
    }

    private static boolean runsAgainstInstanceNumbers(List<InstanceEntry> sorted) {
        if (sorted.size() < 2) {
            return false;
        }
        Integer first = sorted.get(0).instanceNumber();
        Integer last = sorted.get(sorted.size() - 1).instanceNumber();
        return first != null && last != null && first > last;
    }

    List<PatientSummary> patients() {
        String sql = "SELECT p.patient_id, p.patient_name, p.sex, p.birth_date, COUNT(st.study_uid) FROM patient p "
                + "LEFT JOIN study st ON st.patient_pk = p.pk GROUP BY p.pk, p.patient_id, p.patient_name, p.sex, "
                + "p.birth_date ORDER BY p.patient_name, p.patient_id";
        return query(sql, List.of(), rs -> new PatientSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                toLocalDate(rs.getDate(4)), rs.getInt(5)));
    }

    List<String> verify(CancelToken cancel) {
        List<String> problems = new ArrayList<>();
        List<String[]> rows = query("SELECT rel_path, size_bytes, sha256 FROM instance ORDER BY rel_path", List.of(),
                rs -> new String[] {rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3)});
        for (String[] row : rows) {
            if (cancel.isCancelled()) {
                break;
            }
            Path file = archiveDir.resolve(row[0]);
            try {
                if (!Files.isRegularFile(file)) {
                    problems.add(file + ": the stored file is missing");
                } else if (Files.size(file) != Long.parseLong(row[1])) {
                    problems.add(file + ": the stored file changed size since it was imported");
                } else if (!StagedFile.sha256(file).equals(row[2])) {
                    problems.add(file + ": the stored file's content changed since it was imported");
                }
            } catch (IOException e) {
                problems.add(file + ": the stored file cannot be read (" + e.getMessage() + ")");
            }
        }
        return problems;
    }

    Set<String> storedAmong(Collection<String> sopInstanceUids) {
        Set<String> stored = new HashSet<>();
        List<String> all = List.copyOf(sopInstanceUids);
        for (int from = 0; from < all.size(); from += 500) {
            List<Object> chunk = List.copyOf(all.subList(from, Math.min(all.size(), from + 500)));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            stored.addAll(query("SELECT sop_uid FROM instance WHERE sop_uid IN (" + marks + ")", chunk,
                    rs -> rs.getString(1)));
        }
        return stored;
    }

    boolean containsInstance(String sopInstanceUid) {
        return !query("SELECT 1 FROM instance WHERE sop_uid = ?", List.of(sopInstanceUid), rs -> 1).isEmpty();
    }

    private List<StudySummary> studies(String sql, List<Object> args) {
        return query(sql, args, rs -> new StudySummary(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), toLocalDate(rs.getDate(5)), rs.getString(6), toLocalDate(rs.getDate(7)),
                rs.getString(8), rs.getString(9), rs.getString(10), nullToEmpty(rs.getString(11)), rs.getInt(12),
                rs.getInt(13)));
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> args, RowMapper<T> mapper) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ArchiveException("The archive database could not be queried: " + e.getMessage(), e);
        }
    }

    private static LocalDate toLocalDate(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
