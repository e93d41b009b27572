package org.fovea.dicom.marks;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CompositeInstanceContext;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fovea.dicom.Uids;
import org.fovea.render.measure.ImageRef;

/**
 * What Fovea's measurement report, presentation state and key object selection share: UIDs,
 * the patient and study copied from an image of the study, our series, and the evidence list.
 */
final class Documents {

    static final String COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33";
    static final String KEY_OBJECT_SELECTION = "1.2.840.10008.5.1.4.1.1.88.59";
    static final String GRAYSCALE_PS = "1.2.840.10008.5.1.4.1.1.11.1";
    /** Series numbers of our own series, high so they sort after the images. */
    static final int SR_SERIES = 9901;
    static final int PR_SERIES = 9902;
    static final int KO_SERIES = 9903;
    static final int REPORT_SERIES = 9904;
    static final int REPORT_PDF_SERIES = 9905;
    static final String MANUFACTURER = "Fovea";
    /** Identifies Fovea as the device observer; the same on every workstation. */
    static final String DEVICE_UID = uid("org.fovea.workstation");

    private Documents() {
    }

    /** A UID under 2.25 from a UUID (PS3.5 B.2). */
    static String uid(UUID u) {
        return Uids.of(u);
    }

    /** The UUID a 2.25 UID was made from, or null when it was not made that way. */
    static UUID uuidOf(String uid) {
        if (uid == null || !uid.startsWith("2.25.")) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(uid.substring(5));
            if (v.signum() < 0 || v.bitLength() > 128) {
                return null;
            }
            byte[] raw = v.toByteArray();
            byte[] b = new byte[16];
            int n = Math.min(16, raw.length);
            System.arraycopy(raw, raw.length - n, b, 16 - n, n);
            ByteBuffer buf = ByteBuffer.wrap(b);
            return new UUID(buf.getLong(), buf.getLong());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A stable UID for a name: the same study always gets the same series of ours. */
    static String uid(String name) {
        return Uids.fromName(name);
    }

    static String seriesUid(String studyUid, String what) {
        return uid("fovea-" + what + ":" + studyUid);
    }

    /** A new list with the patient and study of an image of the study (nothing of its series or instance). */
    static AttributeList fromStudyOf(AttributeList image) throws DicomException {
        AttributeList list = new CompositeInstanceContext(image, false).getAttributeList();
        CompositeInstanceContext.removeSeries(list);
        CompositeInstanceContext.removeEquipment(list);
        CompositeInstanceContext.removeFrameOfReference(list);
        CompositeInstanceContext.removeInstance(list);
        CompositeInstanceContext.removeSRDocumentGeneral(list);
        // Type 2 of the Patient and General Study modules: present, empty when the image had no value
        for (AttributeTag t : TYPE2_PATIENT_STUDY) {
            if (list.get(t) == null) {
                put(list, t);
            }
        }
        return list;
    }

    private static final AttributeTag[] TYPE2_PATIENT_STUDY = {
        TagFromName.PatientName, TagFromName.PatientID, TagFromName.PatientBirthDate, TagFromName.PatientSex,
        TagFromName.StudyDate, TagFromName.StudyTime, TagFromName.ReferringPhysicianName, TagFromName.StudyID,
        TagFromName.AccessionNumber};

    static void put(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        Attribute a = AttributeList.getDictionary().getValueRepresentationFromTag(tag) == null ? null
                : com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
        if (a == null) {
            throw new DicomException("no dictionary entry for " + tag);
        }
        for (String v : values) {
            a.addValue(v);
        }
        list.put(a);
    }

    /** Series, equipment and instance of one of our objects, created now. */
    static void ourInstance(AttributeList list, String sopClass, String studyUid, String what, int seriesNumber,
                            String modality, String seriesDescription, int instanceNumber, LocalDateTime now)
            throws DicomException {
        String date = now.format(DateTimeFormatter.BASIC_ISO_DATE);
        String time = now.format(DateTimeFormatter.ofPattern("HHmmss.SSS"));
        put(list, TagFromName.SOPClassUID, sopClass);
        put(list, TagFromName.SOPInstanceUID, uid(UUID.randomUUID()));
        put(list, TagFromName.Modality, modality);
        put(list, TagFromName.SeriesInstanceUID, seriesUid(studyUid, what));
        put(list, TagFromName.SeriesNumber, Integer.toString(seriesNumber));
        put(list, TagFromName.SeriesDescription, seriesDescription);
        put(list, TagFromName.InstanceNumber, Integer.toString(instanceNumber));
        put(list, TagFromName.Manufacturer, MANUFACTURER);
        put(list, TagFromName.ContentDate, date);
        put(list, TagFromName.ContentTime, time);
        put(list, TagFromName.InstanceCreationDate, date);
        put(list, TagFromName.InstanceCreationTime, time);
        put(list, TagFromName.SpecificCharacterSet, "ISO_IR 192");
    }

    /**
     * Current Requested Procedure Evidence Sequence (or Referenced Series Sequence's shape for a
     * presentation state): the images, by series, under the study.
     */
    static SequenceAttribute evidence(AttributeTag tag, String studyUid, Collection<ImageRef> images)
            throws DicomException {
        Map<String, List<ImageRef>> bySeries = new LinkedHashMap<>();
        for (ImageRef r : images) {
            bySeries.computeIfAbsent(r.seriesUid(), k -> new java.util.ArrayList<>());
            if (bySeries.get(r.seriesUid()).stream().noneMatch(x -> x.sopInstanceUid().equals(r.sopInstanceUid()))) {
                bySeries.get(r.seriesUid()).add(r);
            }
        }
        SequenceAttribute studies = new SequenceAttribute(tag);
        AttributeList study = new AttributeList();
        put(study, TagFromName.StudyInstanceUID, studyUid);
        study.put(referencedSeries(bySeries));
        studies.addItem(study);
        return studies;
    }

    static SequenceAttribute referencedSeries(Map<String, List<ImageRef>> bySeries) throws DicomException {
        SequenceAttribute series = new SequenceAttribute(TagFromName.ReferencedSeriesSequence);
        for (Map.Entry<String, List<ImageRef>> e : bySeries.entrySet()) {
            AttributeList s = new AttributeList();
            put(s, TagFromName.SeriesInstanceUID, e.getKey());
            SequenceAttribute sops = new SequenceAttribute(TagFromName.ReferencedSOPSequence);
            for (ImageRef r : e.getValue()) {
                sops.addItem(sopReference(r, false));
            }
            s.put(sops);
            series.addItem(s);
        }
        return series;
    }

    static AttributeList sopReference(ImageRef r, boolean withFrame) throws DicomException {
        AttributeList item = new AttributeList();
        put(item, TagFromName.ReferencedSOPClassUID, r.sopClassUid());
        put(item, TagFromName.ReferencedSOPInstanceUID, r.sopInstanceUid());
        if (withFrame && r.frame() > 1) {
            put(item, TagFromName.ReferencedFrameNumber, Integer.toString(r.frame()));
        }
        return item;
    }
}
