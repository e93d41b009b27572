package org.fovea.registration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What technicians leave on an exam (T2, T3): notes for the radiologist (技师留言), which the
 * viewer and the report editor show with the study of that accession number, and who did the
 * examined exam, the technician and the assisting staff, counted for the department's workload.
 */
public final class ExamNotes {

    /** A note: who wrote it, when, what. */
    public record Note(String author, long writtenMs, String text) {
    }

    /** One person's examined exams in a period, by modality. */
    public record Workload(String person, String role, Map<String, Integer> byModality) {
        public int total() {
            return byModality.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final DataSource db;
    private final Clock clock;

    public ExamNotes(Registrations registrations, Clock clock) {
        this.db = registrations.dataSource();
        this.clock = clock;
    }

    /**
     * Adds a note to an exam.
     *
     * @throws IllegalArgumentException when the note is empty or there is no such exam
     */
    public Note add(String accession, String author, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("The note for exam " + accession + " is empty");
        }
        if (t.length() > 4000) {
            throw new IllegalArgumentException("The note for exam " + accession + " is longer than 4000 characters");
        }
        long now = clock.millis();
        try (Connection c = db.getConnection()) {
            requireExam(c, accession);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO exam_notes (accession_number, author, text, written_ms) VALUES (?, ?, ?, ?)")) {
                Registrations.bind(ps, accession, author, t, now);
                ps.executeUpdate();
            }
            return new Note(author, now, t);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The notes of an exam, oldest first; none for an accession number registration does not know. */
    public List<Note> notes(String accession) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT author, written_ms, text FROM exam_notes WHERE accession_number = ? ORDER BY written_ms, id")) {
            ps.setString(1, accession);
            List<Note> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Note(rs.getString(1), rs.getLong(2), rs.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Records who did an examined exam: the technician and each assisting person once (recording
     * it again replaces what was recorded).
     */
    public void recordWorkload(String accession, String technician, List<String> assistants) {
        long now = clock.millis();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                String modality = requireExam(c, accession);
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM exam_workload WHERE accession_number = ?")) {
                    ps.setString(1, accession);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO exam_workload (accession_number, person, role, "
                        + "modality, done_ms) VALUES (?, ?, ?, ?, ?)")) {
                    Registrations.bind(ps, accession, technician, "TECHNICIAN", modality, now);
                    ps.addBatch();
                    for (String a : assistants.stream().map(String::strip).filter(a -> !a.isEmpty())
                            .filter(a -> !a.equals(technician)).distinct().toList()) {
                        Registrations.bind(ps, accession, a, "ASSISTANT", modality, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Each person's examined exams between two instants (ms, from inclusive, to exclusive), by role. */
    public List<Workload> workload(long fromMs, long toMs) {
        Map<String, Workload> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT person, role, modality, "
                + "COUNT(*) FROM exam_workload WHERE done_ms >= ? AND done_ms < ? GROUP BY person, role, modality "
                + "ORDER BY person, role, modality")) {
            Registrations.bind(ps, fromMs, toMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String person = rs.getString(1);
                    String role = rs.getString(2);
                    out.computeIfAbsent(person + "\u0000" + role, k -> new Workload(person, role, new LinkedHashMap<>()))
                            .byModality().put(rs.getString(3), rs.getInt(4));
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return List.copyOf(out.values());
    }

    private static String requireExam(Connection c, String accession) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT modality FROM reg_orders WHERE accession_number = ?")) {
            ps.setString(1, accession);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("There is no exam " + accession);
                }
                return rs.getString(1);
            }
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("the technicians' notes cannot be read or written: " + e.getMessage(), e);
    }
}
