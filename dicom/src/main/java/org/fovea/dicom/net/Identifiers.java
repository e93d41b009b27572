package org.fovea.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query identifiers from keyword maps, and matches back into {@link QueryResult}s.
 *
 * <p>Values outside ASCII (a Chinese name) are sent in UTF-8 with Specific Character Set
 * ISO_IR 192, which every current PACS understands; matches are decoded by PixelMed with the
 * character set each one declares (GB18030, ISO 2022 IR 58, ...).
 */
final class Identifiers {

    static final String UTF8 = "ISO_IR 192";
    private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;

    /** Keys that live in the Scheduled Procedure Step Sequence of a worklist identifier. */
    static final Set<String> SCHEDULED_STEP_KEYS = Set.of("ScheduledStationAETitle", "ScheduledProcedureStepStartDate",
            "ScheduledProcedureStepStartTime", "Modality", "ScheduledPerformingPhysicianName",
            "ScheduledProcedureStepDescription", "ScheduledProcedureStepID", "ScheduledStationName",
            "ScheduledProcedureStepLocation", "ScheduledProcedureStepStatus");

    static final List<String> WORKLIST_RETURN_KEYS = List.of("PatientName", "PatientID", "PatientBirthDate", "PatientSex",
            "AccessionNumber", "RequestedProcedureID", "RequestedProcedureDescription", "StudyInstanceUID",
            "ScheduledStationAETitle", "ScheduledProcedureStepStartDate", "ScheduledProcedureStepStartTime", "Modality",
            "ScheduledProcedureStepDescription", "ScheduledProcedureStepID");

    private Identifiers() {
    }

    /** A Study Root C-FIND identifier at {@code level} with the level's unique key always returned. */
    static AttributeList query(QueryLevel level, Map<String, String> keys) throws DicomException {
        SpecificCharacterSet cs = characterSet(keys);
        AttributeList list = new AttributeList();
        put(list, TagFromName.QueryRetrieveLevel, level.name(), cs);
        if (level == QueryLevel.SERIES || level == QueryLevel.IMAGE) {
            putKeyword(list, "StudyInstanceUID", "", cs);
        }
        if (level == QueryLevel.IMAGE) {
            putKeyword(list, "SeriesInstanceUID", "", cs);
        }
        putKeyword(list, level.uniqueKey(), "", cs);
        for (Map.Entry<String, String> e : keys.entrySet()) {
            putKeyword(list, e.getKey(), value(e.getKey(), e.getValue()), cs);
        }
        addCharacterSet(list, keys);
        return list;
    }

    /** A Modality Worklist identifier; scheduled step keys go into the Scheduled Procedure Step Sequence. */
    static AttributeList worklist(Map<String, String> keys) throws DicomException {
        SpecificCharacterSet cs = characterSet(keys);
        AttributeList top = new AttributeList();
        AttributeList step = new AttributeList();
        for (String k : WORKLIST_RETURN_KEYS) {
            putKeyword(SCHEDULED_STEP_KEYS.contains(k) ? step : top, k, "", cs);
        }
        for (Map.Entry<String, String> e : keys.entrySet()) {
            putKeyword(SCHEDULED_STEP_KEYS.contains(e.getKey()) ? step : top, e.getKey(), value(e.getKey(), e.getValue()),
                    cs);
        }
        SequenceAttribute sps = new SequenceAttribute(DICTIONARY.getTagFromName("ScheduledProcedureStepSequence"));
        sps.addItem(step);
        top.put(sps);
        addCharacterSet(top, keys);
        return top;
    }

    private static String value(String keyword, String typed) {
        return PersonNames.KEYWORDS.contains(keyword) ? PersonNames.pattern(typed) : typed;
    }

    /** A match as keyword -> value: the asked keys first (empty when absent), then the rest. */
    static QueryResult result(AttributeList list, Iterable<String> askedFirst) {
        Map<String, String> all = new LinkedHashMap<>();
        flatten(list, all);
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String k : askedFirst) {
            ordered.put(k, all.getOrDefault(k, ""));
        }
        all.forEach(ordered::putIfAbsent);
        return new QueryResult(ordered);
    }

    private static void flatten(AttributeList list, Map<String, String> out) {
        Map<String, AttributeList> sequences = new LinkedHashMap<>();
        for (Attribute a : list.values()) {
            AttributeTag tag = a.getTag();
            if (tag.getGroup() == 0x0002 || tag.equals(TagFromName.SpecificCharacterSet)) {
                continue;
            }
            String keyword = DICTIONARY.getNameFromTag(tag);
            if (keyword == null) {
                continue;
            }
            if (a instanceof SequenceAttribute seq) {
                Iterator<SequenceItem> items = seq.iterator();
                if (items.hasNext()) {
                    sequences.put(keyword, items.next().getAttributeList());
                }
            } else {
                out.put(keyword, Attribute.getDelimitedStringValuesOrEmptyString(a).trim());
            }
        }
        for (AttributeList item : sequences.values()) {
            Map<String, String> nested = new LinkedHashMap<>();
            flatten(item, nested);
            nested.forEach(out::putIfAbsent);
        }
    }

    private static SpecificCharacterSet characterSet(Map<String, String> keys) {
        return needsUtf8(keys) ? new SpecificCharacterSet(new String[] {UTF8}) : null;
    }

    private static boolean needsUtf8(Map<String, String> keys) {
        return keys.values().stream().anyMatch(v -> v != null && v.chars().anyMatch(c -> c > 0x7e));
    }

    private static void addCharacterSet(AttributeList list, Map<String, String> keys) throws DicomException {
        if (needsUtf8(keys)) {
            put(list, TagFromName.SpecificCharacterSet, UTF8, null);
        }
    }

    private static void putKeyword(AttributeList list, String keyword, String value, SpecificCharacterSet cs)
            throws DicomException {
        AttributeTag tag = DICTIONARY.getTagFromName(keyword);
        if (tag == null) {
            throw new IllegalArgumentException("\"" + keyword + "\" is not a DICOM attribute keyword (such as PatientName "
                    + "or StudyDate).");
        }
        if (ValueRepresentation.isSequenceVR(DICTIONARY.getValueRepresentationFromTag(tag))) {
            throw new IllegalArgumentException("The sequence " + keyword + " cannot be a query key.");
        }
        put(list, tag, value, cs);
    }

    private static void put(AttributeList list, AttributeTag tag, String value, SpecificCharacterSet cs)
            throws DicomException {
        Attribute a = tag.equals(TagFromName.SpecificCharacterSet) || tag.equals(TagFromName.QueryRetrieveLevel)
                ? new CodeStringAttribute(tag)
                : AttributeFactory.newAttribute(tag, DICTIONARY.getValueRepresentationFromTag(tag), cs);
        String v = value == null ? "" : value.trim();
        if (!v.isEmpty()) {
            // a backslash separates the values of a UID list or a multi-valued key
            for (String part : v.split("\\\\")) {
                a.addValue(part);
            }
        }
        list.put(a);
    }
}
