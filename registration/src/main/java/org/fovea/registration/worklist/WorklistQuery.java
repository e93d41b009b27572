package org.fovea.registration.worklist;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.network.ResponseStatus;
import com.pixelmed.query.QueryResponseGenerator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One Modality Worklist C-FIND against the department database (PS3.4 K.6.1.2): the bookings of
 * exams still to be done (order BOOKED or CHECKED_IN; not cancelled, not examined) whose values
 * match every key the request gives a value.
 *
 * <p>What narrows a worklist in practice is filtered in SQL on indexes: the station AE title and
 * modality become the codes of the devices they name, and with the step's start date they walk
 * {@code reg_bookings (device_code, work_day, slot)}; a date alone walks {@code (work_day)}
 * (V4); a patient ID or accession number is a unique key. Every key is then matched in Java on
 * the rows read (names need it: a name matches in any of its component groups), so SQL only ever
 * narrows. Plain reads of committed rows: the worklist writes nothing.
 *
 * <p>Shaped as PixelMed's {@link QueryResponseGenerator}, which its SCP dispatcher drives; our
 * association handler drives it the same way and also sends the error comment.
 */
final class WorklistQuery implements QueryResponseGenerator {

    /** PS3.4 C.4.1.1.4: Identifier does not match SOP Class. */
    static final int IDENTIFIER_DOES_NOT_MATCH = ResponseStatus.IdentifierDoesNotMatchSOPClass;
    /** PS3.4 C.4.1.1.4: Unable to process. */
    static final int UNABLE_TO_PROCESS = ResponseStatus.UnableToProcess;
    /** PS3.7 C.4: SOP Class not supported. */
    static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;

    static final String SELECT = "SELECT b.accession_number, b.work_day, b.slot, b.technician, b.study_uid, d.name, "
            + "d.modality, d.room, d.station_ae, o.procedure_text, o.clinical_diagnosis, o.requesting_physician, "
            + "o.priority, o.status, p.patient_id, p.name, p.sex, p.birth_date, p.allergies FROM reg_bookings b "
            + "JOIN reg_devices d ON d.code = b.device_code JOIN reg_orders o ON o.accession_number = b.accession_number "
            + "JOIN reg_patients p ON p.patient_id = o.patient_id WHERE o.status IN ('BOOKED', 'CHECKED_IN')";

    /** A key of the request with a value, compiled. */
    private record Condition(AttributeTag tag, boolean inStep, Matching.Key key) {
    }

    private final DataSource db;
    private int status = ResponseStatus.Success;
    private AttributeTagAttribute offendingElement;
    private String errorComment;
    private String problem;
    private boolean allKeysSupported = true;
    private AttributeList request;
    private Iterator<WorklistItem> matches = List.<WorklistItem>of().iterator();

    WorklistQuery(DataSource db) {
        this.db = db;
    }

    @Override
    public void performQuery(String sopClassUid, AttributeList identifier, boolean relational) {
        if (!WorklistScp.MODALITY_WORKLIST_FIND.equals(sopClassUid)) {
            fail(SOP_CLASS_NOT_SUPPORTED, null, "only Modality Worklist Find is served", "C-FIND of " + sopClassUid);
            return;
        }
        request = identifier;
        List<Condition> conditions = new ArrayList<>();
        try {
            compile(identifier, false, conditions);
            AttributeList step = stepOf(identifier);
            if (step != null) {
                compile(step, true, conditions);
            }
        } catch (Matching.BadKey e) {
            fail(IDENTIFIER_DOES_NOT_MATCH, e.tag(), e.problem(), e.getMessage());
            return;
        }
        try {
            List<WorklistItem> found = new ArrayList<>();
            for (WorklistItem item : select(conditions)) {
                if (conditions.stream().allMatch(c -> c.key().matches(item.value(c.tag(), c.inStep())))) {
                    found.add(item);
                }
            }
            matches = found.iterator();
        } catch (SQLException e) {
            fail(UNABLE_TO_PROCESS, null, "the department database cannot be read",
                    "the department database cannot be read: " + e.getMessage());
        }
    }

    private static AttributeList stepOf(AttributeList identifier) {
        Attribute a = identifier.get(WorklistItem.SCHEDULED_PROCEDURE_STEP_SEQUENCE);
        return a instanceof SequenceAttribute seq && seq.getNumberOfItems() > 0 ? seq.getItem(0).getAttributeList()
                : null;
    }

    /** Compiles the keys with a value; notes keys we cannot match on (answered FF01, PS3.4 C.4.1.1.4). */
    private void compile(AttributeList keys, boolean inStep, List<Condition> out) throws Matching.BadKey {
        for (Object o : keys.values()) {
            Attribute a = (Attribute) o;
            AttributeTag tag = a.getTag();
            if (!WorklistItem.returnable(tag)) {
                continue;
            }
            if (a instanceof SequenceAttribute seq) {
                if (!(tag.equals(WorklistItem.SCHEDULED_PROCEDURE_STEP_SEQUENCE) && !inStep) && asksSomething(seq)) {
                    allKeysSupported = false;
                }
                continue;
            }
            String value = Attribute.getDelimitedStringValuesOrEmptyString(a);
            if (Matching.universal(value)) {
                continue;
            }
            if (!WorklistItem.known(tag, inStep)) {
                allKeysSupported = false;
                continue;
            }
            String keyword = DicomDictionary.StandardDictionary.getNameFromTag(tag);
            out.add(new Condition(tag, inStep, Matching.compile(tag, a.getVR(), keyword == null ? tag.toString()
                    : keyword, value)));
        }
    }

    private static boolean asksSomething(SequenceAttribute seq) {
        for (int i = 0; i < seq.getNumberOfItems(); i++) {
            for (Object o : seq.getItem(i).getAttributeList().values()) {
                Attribute a = (Attribute) o;
                if (a instanceof SequenceAttribute inner ? asksSomething(inner)
                        : !Matching.universal(Attribute.getDelimitedStringValuesOrEmptyString(a))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The bookings the indexable keys allow, by day and slot. */
    private List<WorklistItem> select(List<Condition> conditions) throws SQLException {
        String stationAe = exact(conditions, TagFromName.ScheduledStationAETitle, true);
        String modality = exact(conditions, TagFromName.Modality, true);
        String patientId = exact(conditions, TagFromName.PatientID, false);
        String accession = exact(conditions, TagFromName.AccessionNumber, false);
        Matching.Key day = conditions.stream().filter(c -> c.inStep()
                && c.tag().equals(TagFromName.ScheduledProcedureStepStartDate)).map(Condition::key).findFirst()
                .orElse(null);
        try (Connection c = db.getConnection()) {
            StringBuilder sql = new StringBuilder(SELECT);
            List<Object> params = new ArrayList<>();
            if (stationAe != null || modality != null) {
                List<String> devices = devices(c, stationAe, modality);
                if (devices.isEmpty()) {
                    return List.of();
                }
                sql.append(" AND b.device_code IN (").append("?, ".repeat(devices.size() - 1)).append("?)");
                params.addAll(devices);
            }
            if (day != null && day.from() != null) {
                sql.append(" AND b.work_day >= ?");
                params.add(day.from());
            }
            if (day != null && day.to() != null) {
                sql.append(" AND b.work_day <= ?");
                params.add(day.to());
            }
            if (patientId != null) {
                sql.append(" AND o.patient_id = ?");
                params.add(patientId);
            }
            if (accession != null) {
                sql.append(" AND b.accession_number = ?");
                params.add(accession);
            }
            sql.append(" ORDER BY b.work_day, b.slot, b.accession_number");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<WorklistItem> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WorklistItem(WorklistItem.Booked.read(rs)));
                    }
                }
                return out;
            }
        }
    }

    /** The devices a station AE title and/or modality name (a few rows: read whole). */
    private static List<String> devices(Connection c, String stationAe, String modality) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, station_ae, modality FROM reg_devices");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if ((stationAe == null || stationAe.equals(rs.getString(2).strip()))
                        && (modality == null || modality.equals(rs.getString(3).strip()))) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String exact(List<Condition> conditions, AttributeTag tag, boolean inStep) {
        return conditions.stream().filter(c -> c.inStep() == inStep && c.tag().equals(tag)).map(c -> c.key().exact())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private void fail(int status, AttributeTag tag, String comment, String problem) {
        this.status = status;
        this.errorComment = comment.length() <= 64 ? comment : comment.substring(0, 61) + "...";
        this.problem = problem;
        if (tag != null) {
            try {
                AttributeTagAttribute a = new AttributeTagAttribute(TagFromName.OffendingElement);
                a.addValue(tag);
                offendingElement = a;
            } catch (DicomException e) {
                // the status and the comment still say what is wrong
            }
        }
    }

    /** What went wrong, for the log: longer than the error comment, naming the key. */
    String problem() {
        return problem;
    }

    @Override
    public AttributeList next() {
        if (!matches.hasNext()) {
            return null;
        }
        try {
            return matches.next().response(request);
        } catch (DicomException e) {
            throw new IllegalStateException("a worklist response cannot be encoded: " + e.getMessage(), e);
        }
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public AttributeTagAttribute getOffendingElement() {
        return offendingElement;
    }

    @Override
    public String getErrorComment() {
        return errorComment;
    }

    @Override
    public void close() {
        matches = List.<WorklistItem>of().iterator();
    }

    @Override
    public boolean allOptionalKeysSuppliedWereSupported() {
        return allKeysSupported;
    }
}
