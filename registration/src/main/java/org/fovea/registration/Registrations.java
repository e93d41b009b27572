package org.fovea.registration;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Patients and orders in the department database (T5): written in the caller's transaction, so an
 * HL7 message is stored whole or not at all. Each new exam gets an accession number by the
 * department's rule: modality, date and a number of the day ({@code CT20261204-0007}), counted in
 * the database so registration desks and the HL7 listener never give one twice.
 */
public final class Registrations {

    private final DataSource db;

    private Registrations(DataSource db) {
        this.db = db;
    }

    /** The registration tables of a department database, made or brought up to date. */
    public static Registrations open(DataSource db) {
        Flyway.configure().dataSource(db).locations("classpath:db/migration/registration")
                .table("flyway_registration_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return new Registrations(db);
    }

    public DataSource dataSource() {
        return db;
    }

    /** Adds the patient, or updates what the patient record says (an empty field keeps the stored one). */
    public void savePatient(Connection c, Patient p, long now) throws SQLException {
        Optional<Patient> was = patient(c, p.patientId());
        if (was.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reg_patients (patient_id, name, sex, birth_date, "
                    + "phone, allergies, address, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, p.patientId(), p.name(), p.sex(), p.birthDate(), p.phone(), p.allergies(), p.address(), now);
                ps.executeUpdate();
            }
            return;
        }
        Patient w = was.get();
        try (PreparedStatement ps = c.prepareStatement("UPDATE reg_patients SET name = ?, sex = ?, birth_date = ?, "
                + "phone = ?, allergies = ?, address = ?, updated_ms = ? WHERE patient_id = ?")) {
            bind(ps, or(p.name(), w.name()), or(p.sex(), w.sex()), or(p.birthDate(), w.birthDate()),
                    or(p.phone(), w.phone()), or(p.allergies(), w.allergies()), or(p.address(), w.address()), now,
                    p.patientId());
            ps.executeUpdate();
        }
    }

    /**
     * Places an order: a new one gets its accession number; one the HIS sent before (the same
     * placer order number) is the same order, returned as it is.
     */
    public Order placeOrder(Connection c, Order o, long now) throws SQLException {
        if (!o.placerOrder().isEmpty()) {
            Optional<Order> known = byPlacer(c, o.placerOrder());
            if (known.isPresent()) {
                return known.get();
            }
        }
        String accession = nextAccession(c, o.modality(), now);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reg_orders (placer_order, accession_number, "
                + "patient_id, procedure_code, procedure_text, modality, clinical_diagnosis, requesting_physician, "
                + "priority, status, source, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ORDERED', ?, ?, ?)")) {
            bind(ps, o.placerOrder(), accession, o.patientId(), o.procedureCode(), o.procedureText(), o.modality(),
                    o.clinicalDiagnosis(), o.requestingPhysician(), o.priority(), o.source(), now, now);
            ps.executeUpdate();
        }
        return byAccession(c, accession).orElseThrow();
    }

    /** The exam of an HIS order number, in the caller's transaction. */
    public Optional<Order> orderOfPlacer(Connection c, String placerOrder) throws SQLException {
        return byPlacer(c, placerOrder);
    }

    /** Cancels the HIS's order (ORC-1 CA); false when there is none of that number. */
    public boolean cancelOrder(Connection c, String placerOrder, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE reg_orders SET status = 'CANCELLED', updated_ms = ? WHERE placer_order = ?")) {
            bind(ps, now, placerOrder);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Registers a walk-in or an emergency by hand (T5): the patient and one exam, in one
     * transaction. Phone, allergies and clinical diagnosis are required; a patient ID that belongs
     * to a patient of another name is refused (a typing slip must not rename someone), while the
     * same ID and name registers another exam for that patient and updates what they gave now.
     *
     * @throws IllegalArgumentException naming what is missing or whose the ID is; nothing is stored
     */
    public Order registerWalkIn(Patient p, Order o, long now) {
        for (String[] f : new String[][] {{"phone", p.phone()}, {"allergies (无 when none)", p.allergies()},
                {"clinical diagnosis", o.clinicalDiagnosis()}}) {
            if (f[1] == null || f[1].isBlank()) {
                throw new IllegalArgumentException("The " + f[0] + " of " + p.name() + " is required");
            }
        }
        if (!List.of("ROUTINE", "URGENT", "EMERGENCY").contains(o.priority())) {
            throw new IllegalArgumentException("The priority is ROUTINE, URGENT or EMERGENCY, not " + o.priority());
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Patient> known = patient(c, p.patientId());
                if (known.isPresent() && !known.get().name().replace("^", "").equals(p.name().replace("^", ""))) {
                    throw new IllegalArgumentException("Patient ID " + p.patientId() + " is " + known.get().name()
                            + "'s: check the ID, or pick the patient from those of the same name");
                }
                savePatient(c, p, now);
                Order placed = placeOrder(c, o, now);
                c.commit();
                return placed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Cancels one exam (the registrar's cancel; a booked slot is free again); false when there is none. */
    public boolean cancelExam(Connection c, String accession, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE reg_orders SET status = 'CANCELLED', updated_ms = ? "
                + "WHERE accession_number = ? AND status IN ('ORDERED', 'BOOKED')")) {
            bind(ps, now, accession);
            return ps.executeUpdate() > 0;
        }
    }

    private String nextAccession(Connection c, String modality, long now) throws SQLException {
        String day = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(now), java.time.ZoneId.systemDefault())
                .format(DateTimeFormatter.BASIC_ISO_DATE);
        String prefix = (modality.isBlank() ? "EX" : modality.strip().toUpperCase()) + day;
        int next;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last FROM reg_accession_counters WHERE prefix = ? FOR UPDATE")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                next = rs.next() ? rs.getInt(1) + 1 : 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(next == 1
                ? "INSERT INTO reg_accession_counters (last, prefix) VALUES (?, ?)"
                : "UPDATE reg_accession_counters SET last = ? WHERE prefix = ?")) {
            bind(ps, next, prefix);
            ps.executeUpdate();
        }
        return prefix + "-" + String.format("%04d", next);
    }

    public Optional<Patient> patient(String patientId) {
        try (Connection c = db.getConnection()) {
            return patient(c, patientId);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static Optional<Patient> patient(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT patient_id, name, sex, birth_date, phone, allergies, "
                + "address FROM reg_patients WHERE patient_id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Patient(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))) : Optional.empty();
            }
        }
    }

    /** The exam of an accession number. */
    public Optional<Order> order(String accession) {
        try (Connection c = db.getConnection()) {
            return byAccession(c, accession);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * The exams a registrar's search finds, newest first: what a barcode or card scanner types (an
     * accession number, the HIS's order number, a patient ID) finds its exams exactly; otherwise
     * the text is looked for in patients' names, with or without the carets (王建国 finds 王^建国).
     */
    public List<Order> search(String text, int limit) {
        String t = text == null ? "" : text.strip();
        try (Connection c = db.getConnection()) {
            if (t.isEmpty()) {
                return orders(c, "ORDER BY id DESC LIMIT " + limit);
            }
            List<Order> exact = orders(c, "WHERE accession_number = ? OR placer_order = ? OR patient_id = ? ORDER BY id "
                    + "DESC LIMIT " + limit, t, t, t);
            if (!exact.isEmpty()) {
                return exact;
            }
            String like = "%" + t.replace("^", "").replace("%", "").replace("_", "").toUpperCase() + "%";
            return orders(c, "WHERE patient_id IN (SELECT patient_id FROM reg_patients WHERE UPPER(REPLACE(name, '^', '')) "
                    + "LIKE ?) ORDER BY id DESC LIMIT " + limit, like);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * The other patients of the same name (carets aside), so the registrar confirms whom a new
     * exam is for before it is registered.
     */
    public List<Patient> sameName(String name, String exceptPatientId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT patient_id FROM "
                + "reg_patients WHERE REPLACE(name, '^', '') = ? AND patient_id <> ? ORDER BY patient_id")) {
            bind(ps, name.replace("^", "").strip(), exceptPatientId == null ? "" : exceptPatientId);
            List<Patient> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    patient(c, rs.getString(1)).ifPresent(out::add);
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** A patient's exams, newest first. */
    public List<Order> ordersOf(String patientId) {
        try (Connection c = db.getConnection()) {
            return orders(c, "WHERE patient_id = ? ORDER BY id DESC", patientId);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The orders, newest first. */
    public List<Order> orders() {
        try (Connection c = db.getConnection()) {
            return orders(c, "ORDER BY id DESC");
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static Optional<Order> byPlacer(Connection c, String placer) throws SQLException {
        return orders(c, "WHERE placer_order = ? ORDER BY id", placer).stream().findFirst();
    }

    private static Optional<Order> byAccession(Connection c, String accession) throws SQLException {
        return orders(c, "WHERE accession_number = ?", accession).stream().findFirst();
    }

    static List<Order> orders(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, placer_order, accession_number, patient_id, "
                + "procedure_code, procedure_text, modality, clinical_diagnosis, requesting_physician, priority, status, "
                + "source FROM reg_orders " + where)) {
            bind(ps, params);
            List<Order> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Order(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12)));
                }
            }
            return out;
        }
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("the registration tables cannot be read: " + e.getMessage(), e);
    }
}
