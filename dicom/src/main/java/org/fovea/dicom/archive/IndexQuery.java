package org.fovea.dicom.archive;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Runs a query of the archive's index on a pooled connection and maps its rows. */
final class IndexQuery {

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private IndexQuery() {
    }

    static <T> List<T> list(DataSource pool, String sql, List<?> args, RowMapper<T> mapper) {
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

    static LocalDate toLocalDate(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
