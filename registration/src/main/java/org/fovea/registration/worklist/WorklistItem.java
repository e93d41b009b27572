package org.fovea.registration.worklist;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A booked exam as the worklist shows it: the values it has for each key, at the top level of the
 * identifier and in its Scheduled Procedure Step, and the response to a request with Return Key
 * semantics (PS3.4 C.2.2.1.2): every key the modality asked is returned, with our value when we
 * have one and empty otherwise, nothing it did not ask. Values are in UTF-8 (ISO_IR 192), so a
 * Chinese name reaches the images exactly as registration holds it.
 */
final class WorklistItem {

    /** The character set of every response: names and procedures are Chinese, and UTF-8 holds any. */
    static final String CHARACTER_SET = "ISO_IR 192";
    private static final SpecificCharacterSet UTF8 = new SpecificCharacterSet(new String[] {CHARACTER_SET});
    private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;

    /** Keys PixelMed's TagFromName lacks (its dictionary knows them); by number, named as PS3.6 does. */
    static final AttributeTag SCHEDULED_PROCEDURE_STEP_SEQUENCE = new AttributeTag(0x0040, 0x0100);
    static final AttributeTag SCHEDULED_PROCEDURE_STEP_ID = new AttributeTag(0x0040, 0x0009);
    static final AttributeTag SCHEDULED_PROCEDURE_STEP_STATUS = new AttributeTag(0x0040, 0x0020);
    static final AttributeTag REQUESTED_PROCEDURE_PRIORITY = new AttributeTag(0x0040, 0x1003);

    /** One row of the worklist's query (see {@link WorklistQuery#SELECT}), in its column order. */
    record Booked(String accession, String workDay, String slot, String technician, String studyUid,
                  String deviceName, String modality, String room, String stationAe, String procedure,
                  String diagnosis, String physician, String priority, String status, String patientId, String name,
                  String sex, String birthDate, String allergies) {

        static Booked read(ResultSet rs) throws SQLException {
            String[] v = new String[19];
            for (int i = 0; i < v.length; i++) {
                String s = rs.getString(i + 1);
                v[i] = s == null ? "" : s;
            }
            return new Booked(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                    v[14], v[15], v[16], v[17], v[18]);
        }
    }

    private record Field(AttributeTag tag, boolean inStep, Function<Booked, String> value) {
    }

    /** What the worklist knows of an exam: the one list both matching and responses read. */
    private static final List<Field> FIELDS = List.of(
            top(TagFromName.PatientName, Booked::name),
            top(TagFromName.PatientID, Booked::patientId),
            top(TagFromName.PatientBirthDate, Booked::birthDate),
            top(TagFromName.PatientSex, b -> Set.of("M", "F", "O").contains(b.sex()) ? b.sex() : ""),
            top(TagFromName.Allergies, Booked::allergies),
            top(TagFromName.AccessionNumber, Booked::accession),
            // one requested procedure and one step per exam: both carry the accession number
            top(TagFromName.RequestedProcedureID, Booked::accession),
            top(TagFromName.RequestedProcedureDescription, Booked::procedure),
            top(TagFromName.StudyInstanceUID, Booked::studyUid),
            top(TagFromName.ReferringPhysicianName, Booked::physician),
            top(TagFromName.RequestingPhysician, Booked::physician),
            top(TagFromName.AdmittingDiagnosesDescription, Booked::diagnosis),
            top(REQUESTED_PROCEDURE_PRIORITY, b -> switch (b.priority()) {
                case "EMERGENCY" -> "STAT";
                case "URGENT" -> "HIGH";
                default -> "ROUTINE";
            }),
            step(TagFromName.Modality, Booked::modality),
            step(TagFromName.ScheduledStationAETitle, Booked::stationAe),
            step(TagFromName.ScheduledStationName, Booked::deviceName),
            step(TagFromName.ScheduledProcedureStepLocation, Booked::room),
            step(TagFromName.ScheduledProcedureStepStartDate, Booked::workDay),
            // a slot starts on the minute: HHmm00
            step(TagFromName.ScheduledProcedureStepStartTime, b -> b.slot().isEmpty() ? "" : b.slot() + "00"),
            step(TagFromName.ScheduledProcedureStepDescription, Booked::procedure),
            step(SCHEDULED_PROCEDURE_STEP_ID, Booked::accession),
            step(TagFromName.ScheduledPerformingPhysicianName, Booked::technician),
            step(SCHEDULED_PROCEDURE_STEP_STATUS, b -> b.status().equals("CHECKED_IN") ? "ARRIVED" : "SCHEDULED"));

    private static final Map<AttributeTag, Function<Booked, String>> TOP = new HashMap<>();
    private static final Map<AttributeTag, Function<Booked, String>> STEP = new HashMap<>();

    static {
        for (Field f : FIELDS) {
            (f.inStep() ? STEP : TOP).put(f.tag(), f.value());
        }
    }

    private final Booked row;

    WorklistItem(Booked row) {
        this.row = row;
    }

    private static Field top(AttributeTag tag, Function<Booked, String> value) {
        return new Field(tag, false, value);
    }

    private static Field step(AttributeTag tag, Function<Booked, String> value) {
        return new Field(tag, true, value);
    }

    /** Whether the worklist has a value for this key (so can match on it). */
    static boolean known(AttributeTag tag, boolean inStep) {
        return (inStep ? STEP : TOP).containsKey(tag);
    }

    /** Our value of a key, empty when we have none. */
    String value(AttributeTag tag, boolean inStep) {
        Function<Booked, String> f = (inStep ? STEP : TOP).get(tag);
        return f == null ? "" : f.apply(row);
    }

    /** The response to {@code request}: its keys, with our values, in UTF-8. */
    AttributeList response(AttributeList request) throws DicomException {
        AttributeList out = new AttributeList();
        CodeStringAttribute cs = new CodeStringAttribute(TagFromName.SpecificCharacterSet);
        cs.addValue(CHARACTER_SET);
        out.put(cs);
        answer(request, out, false);
        return out;
    }

    private void answer(AttributeList asked, AttributeList out, boolean inStep) throws DicomException {
        for (Object o : asked.values()) {
            Attribute a = (Attribute) o;
            AttributeTag tag = a.getTag();
            if (!returnable(tag)) {
                continue;
            }
            if (a instanceof SequenceAttribute seq) {
                SequenceAttribute answer = new SequenceAttribute(tag);
                if (!inStep && tag.equals(SCHEDULED_PROCEDURE_STEP_SEQUENCE)) {
                    AttributeList item = new AttributeList();
                    if (seq.getNumberOfItems() > 0) {
                        answer(seq.getItem(0).getAttributeList(), item, true);
                    } else {
                        // an empty sequence asks for the whole step (PS3.4 C.2.2.2.6: universal)
                        for (Field f : FIELDS) {
                            if (f.inStep()) {
                                item.put(attribute(f.tag(), null, f.value().apply(row)));
                            }
                        }
                    }
                    answer.addItem(item);
                }
                // other sequences (referenced study, protocol codes) we have nothing for: returned empty
                out.put(answer);
            } else {
                out.put(attribute(tag, a.getVR(), value(tag, inStep)));
            }
        }
    }

    /** Keys a response carries: not group lengths, private keys or the character set (set once, above). */
    static boolean returnable(AttributeTag tag) {
        return tag.getElement() != 0 && !tag.isPrivate() && !tag.equals(TagFromName.SpecificCharacterSet);
    }

    private static Attribute attribute(AttributeTag tag, byte[] askedVr, String value) throws DicomException {
        byte[] vr = DICTIONARY.getValueRepresentationFromTag(tag);
        Attribute a = AttributeFactory.newAttribute(tag, vr != null ? vr : askedVr, UTF8);
        if (value != null && !value.isEmpty()) {
            a.addValue(value);
        }
        return a;
    }
}
