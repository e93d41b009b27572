package org.fovea.registration.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v251.datatype.XPN;
import ca.uhn.hl7v2.model.v251.message.ORM_O01;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The order update the department sends the HIS after a major change of one of its orders (X2):
 * ORM^O01 with ORC-1 {@code XO} (change order), the HIS's placer order number (ORC-2, OBR-2), our
 * accession number as the filler order number (ORC-3, OBR-3), the procedure (OBR-4), modality
 * (OBR-24), clinical diagnosis (OBR-13), requesting physician (OBR-16), the priority (ORC-7 and
 * OBR-27, component 6: S, A or R, as {@link Hl7Intake} reads it) and the patient (PID). It carries
 * the whole order as it stands after the change, not just the changed field, so the HIS is right
 * even when it missed an earlier update. Built on HAPI's v2.5.1 model, in UTF-8 (MSH-18
 * {@code UNICODE UTF-8}: Chinese names and procedures as they are), the reason in ORC-16's text.
 */
public final class OrderUpdateMessage {

    /** MSH-18: the character set the lower layer writes the message in. */
    public static final String CHARSET = "UNICODE UTF-8";
    /** MSH-3 / MSH-4: who sends (the radiology department's workstation); MSH-5: to whom. */
    static final String SENDING_APPLICATION = "FOVEA";
    static final String SENDING_FACILITY = "RAD";
    static final String RECEIVING_APPLICATION = "HIS";

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** Only for encoding; no validation, like the listener: what the HIS stored is sent back as it is. */
    private static final HapiContext CONTEXT = context();

    private OrderUpdateMessage() {
    }

    private static HapiContext context() {
        return HapiContexts.create(null);
    }

    /**
     * The ORM^O01 XO of an order as it now stands, as pipe-delimited text.
     *
     * @param controlId MSH-10, which the HIS's ACK names
     * @param enteredBy who made the change (ORC-10)
     * @param reason    why (ORC-16's text), or empty
     */
    public static String encode(Order o, Patient p, String controlId, String enteredBy, String reason, Instant at)
            throws HL7Exception, IOException {
        ORM_O01 m = new ORM_O01(CONTEXT.getModelClassFactory());
        m.setParser(CONTEXT.getPipeParser());
        String time = HL7_TIME.format(at.atZone(ZoneId.systemDefault()));
        header(m.getMSH(), controlId, time);
        patient(m.getPATIENT().getPID(), p);

        ORC orc = m.getORDER().getORC();
        orc.getOrc1_OrderControl().setValue("XO");
        orc.getOrc2_PlacerOrderNumber().getEntityIdentifier().setValue(o.placerOrder());
        orc.getOrc3_FillerOrderNumber().getEntityIdentifier().setValue(o.accessionNumber());
        orc.getOrc7_QuantityTiming(0).getPriority().setValue(priorityCode(o.priority()));
        orc.getOrc9_DateTimeOfTransaction().getTime().setValue(time);
        orc.getOrc10_EnteredBy(0).getIDNumber().setValue(enteredBy);
        if (reason != null && !reason.isBlank()) {
            orc.getOrc16_OrderControlCodeReason().getText().setValue(reason.strip());
        }

        OBR obr = m.getORDER().getORDER_DETAIL().getOBR();
        obr.getObr1_SetIDOBR().setValue("1");
        obr.getObr2_PlacerOrderNumber().getEntityIdentifier().setValue(o.placerOrder());
        obr.getObr3_FillerOrderNumber().getEntityIdentifier().setValue(o.accessionNumber());
        obr.getObr4_UniversalServiceIdentifier().getIdentifier().setValue(o.procedureCode());
        obr.getObr4_UniversalServiceIdentifier().getText().setValue(o.procedureText());
        obr.getObr13_RelevantClinicalInformation().setValue(o.clinicalDiagnosis());
        // the intake joins OBR-16's family and given names into one; as one string it goes back whole
        obr.getObr16_OrderingProvider(0).getFamilyName().getSurname().setValue(o.requestingPhysician());
        obr.getObr24_DiagnosticServSectID().setValue(o.modality());
        obr.getObr27_QuantityTiming(0).getPriority().setValue(priorityCode(o.priority()));
        return m.encode();
    }

    /** HL7's priority codes (TQ-6, table 0027) for the department's priorities: the inverse of the intake's reading. */
    static String priorityCode(String priority) {
        return switch (priority) {
            case "EMERGENCY" -> "S";
            case "URGENT" -> "A";
            default -> "R";
        };
    }

    private static void header(MSH msh, String controlId, String time) throws HL7Exception {
        msh.getFieldSeparator().setValue("|");
        msh.getEncodingCharacters().setValue("^~\\&");
        msh.getSendingApplication().getNamespaceID().setValue(SENDING_APPLICATION);
        msh.getSendingFacility().getNamespaceID().setValue(SENDING_FACILITY);
        msh.getReceivingApplication().getNamespaceID().setValue(RECEIVING_APPLICATION);
        msh.getDateTimeOfMessage().getTime().setValue(time);
        msh.getMessageType().getMessageCode().setValue("ORM");
        msh.getMessageType().getTriggerEvent().setValue("O01");
        msh.getMessageType().getMessageStructure().setValue("ORM_O01");
        msh.getMessageControlID().setValue(controlId);
        msh.getProcessingID().getProcessingID().setValue("P");
        msh.getVersionID().getVersionID().setValue("2.5.1");
        msh.getCharacterSet(0).setValue(CHARSET);
    }

    private static void patient(PID pid, Patient p) throws HL7Exception {
        pid.getSetIDPID().setValue("1");
        pid.getPatientIdentifierList(0).getIDNumber().setValue(p.patientId());
        // a name kept in the DICOM form (WANG^JIANGUO=王^建国) goes to the HIS as the HIS writes it: 王^建国
        String name = p.name();
        int ideographic = name.indexOf('=');
        if (ideographic >= 0 && !name.substring(ideographic + 1).replace("^", "").isBlank()) {
            name = name.substring(ideographic + 1);
        } else if (ideographic >= 0) {
            name = name.substring(0, ideographic);
        }
        String[] parts = name.split("\\^", -1);
        XPN xpn = pid.getPatientName(0);
        xpn.getFamilyName().getSurname().setValue(parts[0]);
        if (parts.length > 1) {
            xpn.getGivenName().setValue(parts[1]);
        }
        if (parts.length > 2) {
            xpn.getSecondAndFurtherGivenNamesOrInitialsThereof().setValue(parts[2]);
        }
        if (!p.birthDate().isEmpty()) {
            pid.getDateTimeOfBirth().getTime().setValue(p.birthDate());
        }
        pid.getAdministrativeSex().setValue(p.sex());
        if (!p.address().isEmpty()) {
            pid.getPatientAddress(0).getStreetAddress().getStreetOrMailingAddress().setValue(p.address());
        }
        if (!p.phone().isEmpty()) {
            pid.getPhoneNumberHome(0).getTelephoneNumber().setValue(p.phone());
        }
    }
}
