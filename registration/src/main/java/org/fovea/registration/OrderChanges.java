package org.fovea.registration;

import org.fovea.registration.hl7.Hl7Outbox;
import org.fovea.registration.hl7.OrderUpdateMessage;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Changes to an exam's electronic request (T5, X2), limited by role and logged. The rules:
 * <ul>
 * <li>Who: a registrar ({@link Permission#REGISTER}) may change every field; a technician
 * ({@link Permission#EXAMINE}) only the allergies and the priority ({@link #TECHNICIAN_FIELDS}):
 * they stand beside the patient, hear of an allergy first and see a patient get worse, and both
 * are a matter of the patient's safety now. What was ordered (procedure, modality), the
 * requesting physician's diagnosis and the contact details stay the registrar's, who talks to the
 * ward; a technician's remark on the diagnosis is a technician's note ({@link ExamNotes}). Anyone
 * else is refused with a sentence naming them, the field and the exam.</li>
 * <li>When: an examined or cancelled exam changes only by a registrar giving a reason (a record
 * is being corrected after the fact). The phone, allergies and clinical diagnosis cannot be
 * emptied (they are required at registration), nor the procedure or the modality. A modality
 * cannot change while the exam is booked on a device or waits in a room's queue: both belong to a
 * device of the old modality. The accession number never changes, whatever the modality: labels
 * are printed and the worklist has handed it out.</li>
 * <li>Logged: each change (field, old and new value, who, reason, whether major) goes to
 * {@code reg_order_changes} and to the department's tamper-evident audit log in the transaction of
 * the change itself; a refused change leaves nothing.</li>
 * <li>Major: a change of the procedure or the modality, or of the priority to EMERGENCY (the HIS's
 * order, billing and ward must know of those; an urgent exam made routine or a corrected phone
 * number they need not). A major change of an order that came from the HIS (source HL7, with its
 * placer order number) queues an ORM^O01 XO for the HIS ({@link OrderUpdateMessage}) in the same
 * transaction; a walk-in's major change is logged as major and sent nowhere.</li>
 * </ul>
 * Patient fields (phone, allergies, address) change the patient's record, so every exam of the
 * patient shows them; the change is logged on the exam through which it was made.
 */
public final class OrderChanges {

    /** The fields of the request that may change, as typed ({@code --field priority}). */
    public enum Field {
        PROCEDURE(false), MODALITY(false), DIAGNOSIS(false), PHYSICIAN(false), PRIORITY(false),
        PHONE(true), ALLERGIES(true), ADDRESS(true);

        private final boolean ofPatient;

        Field(boolean ofPatient) {
            this.ofPatient = ofPatient;
        }

        /** Whether the field is the patient's (all their exams), not the exam's. */
        public boolean ofPatient() {
            return ofPatient;
        }

        public String typed() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** A field as typed: {@code priority}, {@code PRIORITY}. */
        public static Field parse(String text) {
            for (Field f : values()) {
                if (f.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("No field \"" + text + "\"; the fields are " + names());
        }

        public static String names() {
            List<String> out = new ArrayList<>();
            for (Field f : values()) {
                out.add(f.typed());
            }
            return String.join(", ", out);
        }
    }

    /** What a technician may change; a registrar may change every field. */
    public static final Set<Field> TECHNICIAN_FIELDS = Set.copyOf(EnumSet.of(Field.ALLERGIES, Field.PRIORITY));
    /** The department's priorities, in the order the queue calls them. */
    public static final List<String> PRIORITIES = List.of("EMERGENCY", "URGENT", "ROUTINE");

    /**
     * One logged change, with where its order update to the HIS stands ({@code hisState} empty when
     * none was queued; otherwise PENDING, SENT or FAILED with {@code hisError}).
     */
    public record Change(long id, String accessionNumber, Field field, String oldValue, String newValue,
                         String changedBy, String reason, boolean major, long changedMs, String hisState,
                         String hisError) {
        /** Whether an order update was queued for the HIS. */
        public boolean toHis() {
            return !hisState.isEmpty();
        }
    }

    private final Registrations registrations;
    private final AuditLog audit;
    private final Clock clock;

    /** On the registration tables of a department database, whose audit log also records each change. */
    public OrderChanges(Registrations registrations, Clock clock) {
        this.registrations = registrations;
        this.audit = new AuditLog(registrations.dataSource(), clock);
        this.clock = clock;
    }

    /** Whether {@code user} may change {@code field} (the rule of the class comment). */
    /**
     * Who changes a request where the department has no users yet (a workstation standing alone):
     * the computer's account, {@code os:NAME}, with a registrar's rights.
     */
    public static User computerAccount() {
        String name = System.getProperty("user.name", "");
        return new User(0, "os:" + name, name, org.fovea.reporting.identity.Role.REGISTRAR, true, 0,
                java.time.Instant.EPOCH);
    }

    public static boolean may(User user, Field field) {
        return user.may(Permission.REGISTER) || user.may(Permission.EXAMINE) && TECHNICIAN_FIELDS.contains(field);
    }

    /**
     * Changes one field of an exam's request, logs it and, for a major change of an HIS order,
     * queues the order update for the HIS, all in one transaction.
     *
     * @param value  the new value; a procedure as {@code CODE^TEXT} (a value without {@code ^} is the
     *               text, and the code is cleared: an old code with a new text would name another exam)
     * @param reason why, or empty; required on an examined or cancelled exam
     * @throws IllegalArgumentException naming the exam and the reason when the change is refused;
     *                                  nothing is then changed, logged or queued
     */
    public Change change(String accession, Field field, String value, String reason, User by) {
        String why = reason == null ? "" : reason.strip();
        if (!may(by, field)) {
            throw new IllegalArgumentException(by.login() + " (" + by.role().typed() + ") may not change the "
                    + field.typed() + " of exam " + accession + ": registrars change every field of the request, "
                    + "technicians only the allergies and the priority");
        }
        long now = clock.millis();
        try (Connection c = registrations.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                Change done = change(c, accession, field, value, why, by, now);
                c.commit();
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Exam " + accession + " was not changed: the department database "
                    + "failed (" + e.getMessage() + ")", e);
        }
    }

    private Change change(Connection c, String accession, Field field, String value, String why, User by, long now)
            throws SQLException {
        // locked, so two desks changing one exam log each other's values as the old ones
        Order o = Registrations.orders(c, "WHERE accession_number = ? FOR UPDATE", accession).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no exam " + accession));
        if ((o.status().equals("EXAMINED") || o.status().equals("CANCELLED"))
                && (!by.may(Permission.REGISTER) || why.isEmpty())) {
            throw new IllegalArgumentException("Exam " + accession + " is " + o.status().toLowerCase(Locale.ROOT)
                    + ": only a registrar may change it, and with a reason");
        }
        String newValue = normalised(accession, field, value);
        if (field == Field.MODALITY && (o.status().equals("BOOKED") || o.status().equals("CHECKED_IN"))) {
            throw new IllegalArgumentException("Exam " + accession + " is " + (o.status().equals("BOOKED")
                    ? "booked on a device" : "checked in to a room") + " for " + o.modality() + ": its modality cannot "
                    + "change to " + newValue + " there; cancel it and register the exam again");
        }
        String oldValue = field.ofPatient() ? patientValue(c, o.patientId(), field) : orderValue(o, field);
        if (oldValue.equals(newValue)) {
            throw new IllegalArgumentException("The " + field.typed() + " of exam " + accession + " is " + newValue
                    + " already: nothing changed");
        }
        write(c, o, field, newValue, now);
        boolean major = field == Field.PROCEDURE || field == Field.MODALITY
                || field == Field.PRIORITY && newValue.equals("EMERGENCY");
        Long outbox = null;
        if (major && o.source().equals("HL7") && !o.placerOrder().isEmpty()) {
            Order after = Registrations.orders(c, "WHERE accession_number = ?", accession).get(0);
            Patient patient = patient(c, o.patientId());
            outbox = Hl7Outbox.queue(c, accession, control -> OrderUpdateMessage.encode(after, patient, control,
                    by.login(), why, Instant.ofEpochMilli(now)), now);
        }
        long id = log(c, accession, field, oldValue, newValue, by.login(), why, major, now, outbox);
        audit.append(c, Actor.here(by.login()), AuditAction.ORDER_CHANGED, "exam", accession, field.typed() + ": "
                + oldValue + " → " + newValue + (major ? " (major" + (outbox != null ? ", sent to the HIS" : "") + ")"
                : "") + (why.isEmpty() ? "" : "; reason: " + why));
        return new Change(id, accession, field, oldValue, newValue, by.login(), why, major, now,
                outbox == null ? "" : Hl7Outbox.PENDING, "");
    }

    /**
     * The HIS's own change of an order it sent before (ORC-1 XO), in the HL7 message's transaction:
     * each field that differs is written and logged as changed by {@code by} (the HIS), nothing
     * is sent back. A field the HIS leaves empty keeps its value. Refused, naming the exam, when the
     * exam is examined or cancelled, or when the modality would change under a booking.
     *
     * @param incoming the request as the HIS now says it, by field
     * @return the changes made (none when the HIS sent the order again unchanged)
     */
    public List<Change> fromHis(Connection c, String accession, java.util.Map<Field, String> incoming, String by,
                                long now) throws SQLException {
        Order o = Registrations.orders(c, "WHERE accession_number = ? FOR UPDATE", accession).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no exam " + accession));
        List<Change> out = new ArrayList<>();
        for (java.util.Map.Entry<Field, String> e : incoming.entrySet()) {
            Field field = e.getKey();
            if (e.getValue() == null || e.getValue().isBlank() || field.ofPatient()) {
                continue;
            }
            String newValue = normalised(accession, field, e.getValue());
            String oldValue = orderValue(o, field);
            if (oldValue.equals(newValue)) {
                continue;
            }
            if (o.status().equals("EXAMINED") || o.status().equals("CANCELLED")) {
                throw new IllegalArgumentException("Exam " + accession + " (order " + o.placerOrder() + ") is "
                        + o.status().toLowerCase(Locale.ROOT) + ": its " + field.typed() + " is not changed to "
                        + newValue + "; the department changes it by hand if it must");
            }
            if (field == Field.MODALITY && (o.status().equals("BOOKED") || o.status().equals("CHECKED_IN"))) {
                throw new IllegalArgumentException("Exam " + accession + " (order " + o.placerOrder() + ") is booked "
                        + "for " + o.modality() + ": its modality cannot change to " + newValue + "; cancel the order "
                        + "and send it again");
            }
            write(c, o, field, newValue, now);
            boolean major = field == Field.PROCEDURE || field == Field.MODALITY
                    || field == Field.PRIORITY && newValue.equals("EMERGENCY");
            String why = "order update from the HIS";
            long id = log(c, accession, field, oldValue, newValue, by, why, major, now, null);
            audit.append(c, Actor.here(by), AuditAction.ORDER_CHANGED, "exam", accession, field.typed() + ": "
                    + oldValue + " → " + newValue + "; " + why);
            out.add(new Change(id, accession, field, oldValue, newValue, by, why, major, now, "", ""));
        }
        return out;
    }

    /** The new value as stored, or a refusal naming the exam when it cannot be one. */
    private static String normalised(String accession, Field field, String value) {
        String v = value == null ? "" : value.strip();
        switch (field) {
            case PRIORITY -> {
                String p = v.toUpperCase(Locale.ROOT);
                if (!PRIORITIES.contains(p)) {
                    throw new IllegalArgumentException("The priority of exam " + accession + " is EMERGENCY, URGENT "
                            + "or ROUTINE, not \"" + value + "\"");
                }
                return p;
            }
            case MODALITY -> {
                String m = v.toUpperCase(Locale.ROOT);
                if (!m.matches("[A-Z]{2,4}")) {
                    throw new IllegalArgumentException("The modality of exam " + accession + " is a DICOM modality "
                            + "such as CT, MR, DX or US, not \"" + value + "\"");
                }
                return m;
            }
            case PROCEDURE -> {
                int caret = v.indexOf('^');
                String code = caret < 0 ? "" : v.substring(0, caret).strip();
                String text = caret < 0 ? v : v.substring(caret + 1).strip();
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("The procedure of exam " + accession + " needs its name "
                            + "(CODE^TEXT or TEXT), not \"" + value + "\"");
                }
                return procedure(code, text);
            }
            case PHONE, ALLERGIES, DIAGNOSIS -> {
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("The " + field.typed() + " of exam " + accession
                            + " cannot be empty");
                }
                return v;
            }
            default -> {
                return v;
            }
        }
    }

    private static String orderValue(Order o, Field field) {
        return switch (field) {
            case PROCEDURE -> procedure(o.procedureCode(), o.procedureText());
            case MODALITY -> o.modality();
            case DIAGNOSIS -> o.clinicalDiagnosis();
            case PHYSICIAN -> o.requestingPhysician();
            case PRIORITY -> o.priority();
            default -> throw new IllegalArgumentException(field + " is the patient's");
        };
    }

    /** A procedure as shown and logged: {@code CT002^胸部CT增强}, or its text alone when it has no code. */
    private static String procedure(String code, String text) {
        return code.isEmpty() ? text : code + "^" + text;
    }

    /** The column a field is kept in: a constant of this class, never what a user typed. */
    private static String column(Field field) {
        return switch (field) {
            case MODALITY -> "modality";
            case DIAGNOSIS -> "clinical_diagnosis";
            case PHYSICIAN -> "requesting_physician";
            case PRIORITY -> "priority";
            case PHONE -> "phone";
            case ALLERGIES -> "allergies";
            case ADDRESS -> "address";
            case PROCEDURE -> throw new IllegalArgumentException("the procedure is two columns");
        };
    }

    private static String patientValue(Connection c, String patientId, Field field) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column(field)
                + " FROM reg_patients WHERE patient_id = ? FOR UPDATE")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("The patient " + patientId + " of the exam is not registered");
                }
                return rs.getString(1);
            }
        }
    }

    private static Patient patient(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT patient_id, name, sex, birth_date, phone, allergies, "
                + "address FROM reg_patients WHERE patient_id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Patient(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7));
            }
        }
    }

    private static void write(Connection c, Order o, Field field, String value, long now) throws SQLException {
        if (field.ofPatient()) {
            update(c, "UPDATE reg_patients SET " + column(field) + " = ?, updated_ms = ? WHERE patient_id = ?", value,
                    now, o.patientId());
        } else if (field == Field.PROCEDURE) {
            int caret = value.indexOf('^');
            update(c, "UPDATE reg_orders SET procedure_code = ?, procedure_text = ?, updated_ms = ? "
                    + "WHERE accession_number = ?", caret < 0 ? "" : value.substring(0, caret).strip(),
                    caret < 0 ? value : value.substring(caret + 1).strip(), now, o.accessionNumber());
        } else {
            update(c, "UPDATE reg_orders SET " + column(field) + " = ?, updated_ms = ? WHERE accession_number = ?",
                    value, now, o.accessionNumber());
        }
        if (field == Field.PRIORITY) {
            // a patient already waiting moves with the new priority (an emergency is called next);
            // the same ranks as the queue's (Queues: emergency 0, urgent 1, routine 2)
            update(c, "UPDATE queue_entries SET priority = ? WHERE accession_number = ? AND state = 'WAITING'",
                    PRIORITIES.indexOf(value), o.accessionNumber());
        }
    }

    private static long log(Connection c, String accession, Field field, String oldValue, String newValue, String by,
                            String reason, boolean major, long now, Long outbox) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reg_order_changes (accession_number, field, "
                + "old_value, new_value, changed_by, reason, major, changed_ms, outbox_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            Registrations.bind(ps, accession, field.typed(), clip(oldValue), clip(newValue), by, clip(reason), major,
                    now);
            if (outbox == null) {
                ps.setNull(9, java.sql.Types.BIGINT);
            } else {
                ps.setLong(9, outbox);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * The changes of an exam, oldest first, each with where its order update to the HIS stands;
     * none for an exam that never changed (or that registration does not know).
     */
    public List<Change> history(String accession) {
        try (Connection c = registrations.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ch.id, ch.field, ch.old_value, ch.new_value, ch.changed_by, ch.reason, ch.major, ch.changed_ms, "
                        + "ob.state, ob.last_error FROM reg_order_changes ch LEFT JOIN hl7_outbox ob ON ob.id = "
                        + "ch.outbox_id WHERE ch.accession_number = ? ORDER BY ch.id")) {
            ps.setString(1, accession);
            List<Change> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String state = rs.getString(9);
                    out.add(new Change(rs.getLong(1), accession, Field.parse(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getLong(8),
                            state == null ? "" : state, state == null ? "" : rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("The changes of exam " + accession + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Registrations.bind(ps, params);
            ps.executeUpdate();
        }
    }

    private static String clip(String s) {
        return s.length() > 2000 ? s.substring(0, 1999) + "…" : s;
    }
}
