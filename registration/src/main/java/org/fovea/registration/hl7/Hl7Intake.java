package org.fovea.registration.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;
import org.fovea.registration.Order;
import org.fovea.registration.OrderChanges;
import org.fovea.registration.Patient;
import org.fovea.registration.Registrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the HIS sends over HL7 v2 (X2, T5), registered in the department database and acknowledged
 * only after the commit: ADT^A04 / ^A08 (a patient registered, updated), ORM^O01 and OMI^O23 (an
 * imaging order: ORC-1 NW new, CA cancel, XO change), each order given its accession number. A
 * message sent again (the same MSH-3/MSH-4 and MSH-10) is answered AA again and stored once. A
 * message that lacks what registration needs gets AE with an ERR segment naming the segment and
 * field; one of another type, AR; nothing of a refused message is stored.
 */
public final class Hl7Intake implements ReceivingApplication<Message> {

    private static final Logger LOG = LoggerFactory.getLogger(Hl7Intake.class);

    private final Registrations registrations;
    private final OrderChanges changes;
    private final Clock clock;

    public Hl7Intake(Registrations registrations, Clock clock) {
        this.registrations = registrations;
        this.changes = new OrderChanges(registrations, clock);
        this.clock = clock;
    }

    @Override
    public boolean canProcess(Message message) {
        return true;
    }

    /** A message refused: its ACK code and the exception naming where and why. */
    private static final class Refused extends Exception {
        final AcknowledgmentCode code;
        final HL7Exception why;

        Refused(AcknowledgmentCode code, HL7Exception why) {
            super(why.getMessage());
            this.code = code;
            this.why = why;
        }
    }

    /**
     * Answers in UTF-8 whatever the message came in: HAPI's generated ACK names no character set
     * (MSH-18), so an error text naming a Chinese value would reach the HIS as question marks.
     */
    @Override
    public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
        Message ack = process(message);
        new Terser(ack).set("/MSH-18", "UNICODE UTF-8");
        return ack;
    }

    private Message process(Message message) throws HL7Exception {
        Terser t = new Terser(message);
        String sender = t.get("/MSH-3-1") + "|" + nz(t.get("/MSH-4-1"));
        String control = nz(t.get("/MSH-10"));
        String type = nz(t.get("/MSH-9-1")) + "^" + nz(t.get("/MSH-9-2"));
        long now = clock.millis();
        try (Connection c = registrations.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                String[] before = taken(c, sender, control);
                if (before != null) {
                    c.rollback();
                    return answer(message, before[0], before[1]);
                }
                String detail;
                try {
                    detail = register(c, t, type, now);
                } catch (Refused r) {
                    // nothing kept: sent again (corrected or not), it is looked at again
                    c.rollback();
                    LOG.info("HL7 {} {} from {} refused ({}): {}", type, control, sender, r.code, r.getMessage());
                    return message.generateACK(r.code, r.why);
                }
                record(c, sender, control, type, "AA", detail, now);
                c.commit();
                LOG.info("HL7 {} {} from {}: {}", type, control, sender, detail);
                return message.generateACK();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            // nothing stored: AE, and the HIS sends it again
            LOG.warn("HL7 {} {} from {} not stored: {}", type, control, sender, e.getMessage());
            try {
                return message.generateACK(AcknowledgmentCode.AE, new HL7Exception("not stored, send it again: "
                        + e.getMessage(), ErrorCode.APPLICATION_INTERNAL_ERROR));
            } catch (IOException io) {
                throw new HL7Exception(io);
            }
        }
    }

    /** Registers what the message says; returns one line of what it did. */
    private String register(Connection c, Terser t, String type, long now) throws HL7Exception, SQLException, Refused {
        return switch (type) {
            case "ADT^A04", "ADT^A08", "ADT^A01", "ADT^A28", "ADT^A31" -> {
                Patient p = patient(t);
                registrations.savePatient(c, p, now);
                yield "patient " + p.patientId() + " " + (type.endsWith("A08") || type.endsWith("A31") ? "updated"
                        : "registered");
            }
            case "ORM^O01", "OMI^O23" -> order(c, t, now);
            default -> throw new Refused(AcknowledgmentCode.AR, new HL7Exception("message type " + type
                    + " is not taken here: ADT^A04/A08, ORM^O01 and OMI^O23 are", ErrorCode.UNSUPPORTED_MESSAGE_TYPE));
        };
    }

    /** What one ordered exam of the message says (an ORC with its OBR, and TQ1 in v2.5). */
    private record Requested(String control, String placer, String procedureCode, String procedureText,
                             String modality, String physician, String diagnosis, String priorityCode) {
    }

    /**
     * An order message may carry several exams (several body parts of one order, each an ORDER
     * group with its ORC and OBR): each is registered, all in the message's one transaction. A
     * message with one group is read wherever its segments are; with several, each group's own.
     */
    private String order(Connection c, Terser t, long now) throws HL7Exception, SQLException, Refused {
        Patient p = patient(t);
        Message m = (Message) t.getFinder().getRoot();
        Structure[] groups = m.getAll("ORDER");
        List<Requested> exams = new ArrayList<>();
        if (groups.length <= 1) {
            exams.add(new Requested(nz(t.get("/.ORC-1")), first(t.get("/.ORC-2-1"), t.get("/.OBR-2-1")),
                    nz(t.get("/.OBR-4-1")), nz(t.get("/.OBR-4-2")), nz(t.get("/.OBR-24")),
                    (nz(t.get("/.OBR-16-2")) + nz(t.get("/.OBR-16-3"))).strip(),
                    first(t.get("/.OBR-13"), t.get("/.DG1-3-2")), first(tq1Priority(t), t.get("/.OBR-27-6"))));
        } else {
            String sharedDiagnosis = nz(t.get("/.DG1-3-2"));
            for (Structure s : groups) {
                Group g = (Group) s;
                Segment orc = (Segment) g.get("ORC");
                Segment obr = obr(g);
                Segment tq1 = segment(g, "TIMING", "TQ1");
                // several exams of one order: each OBR its own placer number where the HIS gives one
                exams.add(new Requested(v(orc, 1, 1), first(v(obr, 2, 1), v(orc, 2, 1)), v(obr, 4, 1), v(obr, 4, 2),
                        v(obr, 24, 1), (v(obr, 16, 2) + v(obr, 16, 3)).strip(), first(v(obr, 13, 1), sharedDiagnosis),
                        first(v(tq1, 9, 1), v(obr, 27, 6))));
            }
        }
        List<String> done = new ArrayList<>();
        for (Requested r : exams) {
            done.add(order(c, p, r, now));
        }
        return String.join("; ", done);
    }

    private String order(Connection c, Patient p, Requested r, long now) throws SQLException, Refused {
        if (r.placer().isEmpty()) {
            throw missing("ORC", 2, "the placer order number (ORC-2 or OBR-2) is missing");
        }
        if (r.control().equals("CA") || r.control().equals("OC")) {
            if (!registrations.cancelOrder(c, r.placer(), now)) {
                throw new Refused(AcknowledgmentCode.AE, located(new HL7Exception("there is no order " + r.placer()
                        + " to cancel", ErrorCode.UNKNOWN_KEY_IDENTIFIER), "ORC", 2));
            }
            return "order " + r.placer() + " cancelled";
        }
        if (!r.control().isEmpty() && !r.control().equals("NW") && !r.control().equals("XO")
                && !r.control().equals("SC")) {
            throw new Refused(AcknowledgmentCode.AE, located(new HL7Exception("order control " + r.control()
                    + " is not taken here (NW, XO, CA)", ErrorCode.TABLE_VALUE_NOT_FOUND), "ORC", 1));
        }
        if (r.procedureCode().isEmpty() && r.procedureText().isEmpty()) {
            throw missing("OBR", 4, "the requested procedure (OBR-4) is missing");
        }
        registrations.savePatient(c, p, now);
        // v2.5 says it in TQ1-9, earlier versions in OBR-27's sixth component
        String priority = switch (r.priorityCode()) {
            case "S" -> "EMERGENCY";
            case "A" -> "URGENT";
            default -> "ROUTINE";
        };
        java.util.Optional<Order> known = registrations.orderOfPlacer(c, r.placer());
        if (r.control().equals("XO") && known.isPresent()) {
            // the HIS changes its order: what differs is written and logged as the HIS's change
            java.util.Map<OrderChanges.Field, String> incoming = new java.util.EnumMap<>(OrderChanges.Field.class);
            incoming.put(OrderChanges.Field.PROCEDURE, r.procedureCode().isEmpty() ? r.procedureText()
                    : r.procedureCode() + "^" + r.procedureText());
            incoming.put(OrderChanges.Field.MODALITY, r.modality());
            incoming.put(OrderChanges.Field.DIAGNOSIS, r.diagnosis());
            incoming.put(OrderChanges.Field.PHYSICIAN, r.physician());
            incoming.put(OrderChanges.Field.PRIORITY, r.priorityCode().isEmpty() ? "" : priority);
            try {
                List<OrderChanges.Change> changed = changes.fromHis(c, known.get().accessionNumber(), incoming, "HIS", now);
                return "order " + r.placer() + " (exam " + known.get().accessionNumber() + ") updated: " + (changed.isEmpty()
                        ? "nothing differed" : String.join(", ", changed.stream().map(x -> x.field().typed()).toList()));
            } catch (IllegalArgumentException e) {
                throw new Refused(AcknowledgmentCode.AE, located(new HL7Exception(e.getMessage(),
                        ErrorCode.APPLICATION_RECORD_LOCKED), "ORC", 1));
            }
        }
        Order placed = registrations.placeOrder(c, new Order(0, r.placer(), "", p.patientId(), r.procedureCode(),
                r.procedureText(), r.modality(), r.diagnosis(), r.physician(), priority, "ORDERED", "HL7"), now);
        return "order " + r.placer() + " of " + p.patientId() + " is exam " + placed.accessionNumber();
    }

    /** The group's OBR: in OMI^O23 directly, in ORM^O01 inside its ORDER_DETAIL. */
    private static Segment obr(Group g) throws HL7Exception {
        Segment direct = segment(g, null, "OBR");
        return direct != null ? direct : segment(g, "ORDER_DETAIL", "OBR");
    }

    /** A segment of the group (or of its named sub-group), null where the structure has none. */
    private static Segment segment(Group g, String subGroup, String name) {
        try {
            Group in = subGroup == null ? g : (Group) g.get(subGroup);
            return (Segment) in.get(name);
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }

    private static String v(Segment s, int field, int component) {
        if (s == null) {
            return "";
        }
        try {
            return nz(Terser.get(s, field, 0, component, 1));
        } catch (HL7Exception | RuntimeException e) {
            return "";
        }
    }

    private static String tq1Priority(Terser t) {
        try {
            return nz(t.get("/.TQ1-9-1"));
        } catch (HL7Exception | RuntimeException e) {
            return "";                          // a structure without TQ1 (ORM^O01)
        }
    }

    private static Patient patient(Terser t) throws HL7Exception, Refused {
        String id = nz(t.get("/.PID-3-1"));
        if (id.isEmpty()) {
            throw missing("PID", 3, "the patient ID (PID-3) is missing");
        }
        String family = nz(t.get("/.PID-5-1"));
        String given = nz(t.get("/.PID-5-2"));
        if (family.isEmpty() && given.isEmpty()) {
            throw missing("PID", 5, "the patient's name (PID-5) is missing");
        }
        String birth = nz(t.get("/.PID-7-1"));
        return new Patient(id, given.isEmpty() ? family : family + "^" + given, nz(t.get("/.PID-8")),
                birth.length() >= 8 ? birth.substring(0, 8) : "", first(t.get("/.PID-13-1"), t.get("/.PID-13-12")),
                allergies(t), String.join(" ", nz(t.get("/.PID-11-1")), nz(t.get("/.PID-11-3"))).strip());
    }

    /** The AL1 segments' allergens, joined; each repetition looked for until one is missing. */
    private static String allergies(Terser t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            try {
                String a = first(t.get("/.AL1(" + i + ")-3-2"), t.get("/.AL1(" + i + ")-3-1"));
                if (a.isEmpty()) {
                    break;
                }
                out.add(a);
            } catch (HL7Exception | RuntimeException e) {
                break;
            }
        }
        return String.join("；", out);
    }

    private static Refused missing(String segment, int field, String why) {
        return new Refused(AcknowledgmentCode.AE, located(new HL7Exception(why, ErrorCode.REQUIRED_FIELD_MISSING),
                segment, field));
    }

    private static HL7Exception located(HL7Exception e, String segment, int field) {
        e.setLocation(new ca.uhn.hl7v2.Location().withSegmentName(segment).withSegmentRepetition(1).withField(field));
        return e;
    }

    private static String[] taken(Connection c, String sender, String control) throws SQLException {
        if (control.isEmpty()) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ack_code, detail FROM hl7_messages WHERE sender = ? AND control_id = ?")) {
            ps.setString(1, sender);
            ps.setString(2, control);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    private static void record(Connection c, String sender, String control, String type, String ack, String detail,
                               long now) throws SQLException {
        if (control.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hl7_messages (sender, control_id, type, ack_code, "
                + "detail, received_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, sender);
            ps.setString(2, control);
            ps.setString(3, type);
            ps.setString(4, ack);
            ps.setString(5, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    /** The same answer as the first time to a message sent again. */
    private static Message answer(Message message, String ack, String detail) throws HL7Exception {
        try {
            return ack.equals("AA") ? message.generateACK() : message.generateACK(AcknowledgmentCode.valueOf(ack),
                    new HL7Exception(detail));
        } catch (IOException e) {
            throw new HL7Exception(e);
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : nz(b);
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
