package org.fovea.reporting.store;

import org.fovea.dicom.archive.PersonNameSearch;
import org.fovea.reporting.ReportQuery;
import org.fovea.reporting.ReportSummary;
import org.fovea.reporting.Reports.ReportPage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The combined search (P14) as one WHERE clause for the page and its count. The name matches the
 * stored key by the study list's rule ({@link PersonNameSearch}); each word of the text must be in
 * the findings or the impression, case-insensitively. The exam date range uses the
 * {@code reports_study_date} index, which carries the rest: at 100,000 reports a month's range
 * leaves about a thousand rows to test (bench: ReportSearchBenchmark).
 */
final class ReportSearch {

    /** A page never holds more than this many rows, whatever the caller asks. */
    static final int MAX_LIMIT = 1000;

    private final StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> params = new ArrayList<>();

    ReportSearch(ReportQuery q) {
        String name = PersonNameSearch.normalize(q.name());
        if (!name.isEmpty()) {
            add(" AND name_key LIKE ?", PersonNameSearch.likePattern(name));
        }
        if (given(q.patientId())) {
            add(" AND patient_id = ?", q.patientId().trim());
        }
        if (given(q.modality())) {
            add(" AND UPPER(modality) = ?", q.modality().trim().toUpperCase(Locale.ROOT));
        }
        if (given(q.bodyPart())) {
            add(" AND UPPER(body_part) = ?", q.bodyPart().trim().toUpperCase(Locale.ROOT));
        }
        if (q.from() != null) {
            add(" AND study_date >= ?", java.sql.Date.valueOf(q.from()));
        }
        if (q.to() != null) {
            add(" AND study_date <= ?", java.sql.Date.valueOf(q.to()));
        }
        if (q.status() != null) {
            add(" AND status = ?", q.status().name());
        }
        if (given(q.author())) {
            add(" AND author = ?", q.author().trim());
        }
        if (given(q.text())) {
            for (String word : q.text().trim().toLowerCase(Locale.ROOT).split("\\s+")) {
                String like = PersonNameSearch.likePattern(word);
                where.append(" AND (LOWER(findings) LIKE ? OR LOWER(impression) LIKE ?)");
                params.add(like);
                params.add(like);
            }
        }
    }

    ReportPage run(Connection c, int offset, int limit) throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM reports" + where)) {
            bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<ReportSummary> rows = new ArrayList<>();
        int pageSize = Math.max(0, Math.min(limit, MAX_LIMIT));
        if (pageSize > 0 && offset < total) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ReportRows.SUMMARY_COLUMNS + " FROM reports"
                    + where + " ORDER BY study_date DESC NULLS LAST, id DESC LIMIT ? OFFSET ?")) {
                int next = bind(ps);
                ps.setInt(next++, pageSize);
                ps.setInt(next, Math.max(0, offset));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(ReportRows.summary(rs));
                    }
                }
            }
        }
        return new ReportPage(rows, total);
    }

    private void add(String clause, Object param) {
        where.append(clause);
        params.add(param);
    }

    private int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }

    private static boolean given(String s) {
        return s != null && !s.isBlank();
    }
}
