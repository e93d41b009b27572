package org.fovea.dicom.archive;

import org.fovea.dicom.CancelToken;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the archive's index answers about series, instances and patients, and the files' check. */
final class ArchiveQueries {

    private final DataSource pool;
    private final Path archiveDir;

    ArchiveQueries(DataSource pool, Path archiveDir) {
        this.pool = pool;
        this.archiveDir = archiveDir;
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
                IndexQuery.toLocalDate(rs.getDate(4)), rs.getInt(5)));
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

    private <T> List<T> query(String sql, List<Object> args, IndexQuery.RowMapper<T> mapper) {
        return IndexQuery.list(pool, sql, args, mapper);
    }
}
