package org.fovea.app.view;

import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.net.QueryResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The patient's timeline (V30, P5): every study of the patient, in the local archive and, where a
 * PACS answered, on the PACS, newest first, each once (a study in both is local: it opens at
 * once). Pure: the viewer's strip draws it.
 */
public final class Timeline {

    /** One study on the timeline; {@code local} when the archive holds it, {@code pacs} when the PACS has it. */
    public record Entry(String studyUid, LocalDate date, String modalities, String description, int images,
                        boolean local, boolean pacs) {

        /** "2025-12-04 CT 胸部CT平扫". */
        public String label() {
            return ((date == null ? "" : date + " ") + modalities + " " + description).trim();
        }
    }

    private Timeline() {
    }

    /**
     * Merges the archive's studies of a patient with a PACS's answer to a C-FIND by its patient ID
     * (rows of another patient, should a PACS return them, are left out).
     */
    public static List<Entry> of(String patientId, List<StudySummary> local, List<QueryResult> pacs) {
        Map<String, Entry> byUid = new LinkedHashMap<>();
        for (StudySummary s : local) {
            if (s.patientId().equals(patientId)) {
                byUid.put(s.studyUid(), new Entry(s.studyUid(), s.studyDate(), imageModalities(s.modalities()),
                        s.description(), s.instanceCount(), true, false));
            }
        }
        for (QueryResult r : pacs) {
            String uid = r.get("StudyInstanceUID");
            if (uid.isEmpty() || !patientId.equals(r.get("PatientID"))) {
                continue;
            }
            Entry known = byUid.get(uid);
            if (known != null) {
                byUid.put(uid, new Entry(uid, known.date(), known.modalities(), known.description(), known.images(),
                        true, true));
            } else {
                String count = r.get("NumberOfStudyRelatedInstances");
                byUid.put(uid, new Entry(uid, DicomDates.parseDate(r.get("StudyDate")).orElse(null),
                        imageModalities(r.get("ModalitiesInStudy")), r.get("StudyDescription"),
                        count.matches("\\d+") ? Integer.parseInt(count) : 0, false, true));
            }
        }
        List<Entry> out = new ArrayList<>(byUid.values());
        out.sort(Comparator.comparing(Entry::date, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Entry::studyUid));
        return out;
    }

    /**
     * "CT\SR" → "CT": the modalities of documents filed beside the images (reports, key image
     * notes, presentation states) say nothing about what was imaged.
     */
    public static String imageModalities(String modalities) {
        List<String> kept = new ArrayList<>();
        for (String m : modalities.split("[\\\\/, ]+")) {
            if (!m.isBlank() && !List.of("SR", "KO", "PR", "DOC").contains(m) && !kept.contains(m)) {
                kept.add(m);
            }
        }
        return String.join("/", kept);
    }
}
