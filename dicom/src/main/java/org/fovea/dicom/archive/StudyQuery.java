package org.fovea.dicom.archive;

import java.time.LocalDate;

/**
 * Filters for {@link LocalArchive#findStudies}; every field is optional (null or blank means
 * "any"). {@code patientName} matches any part of any group of the DICOM person name, ignoring
 * case and the '^' separators, so 张, 张伟, zhang and "ZHANG WEI" all find 张伟^=ZHANG^WEI.
 * {@code patientId} and {@code accession} match exactly; {@code modality} matches any series of
 * the study; the dates bound the study date inclusively.
 */
public record StudyQuery(String patientName, String patientId, String accession, String modality,
                         LocalDate from, LocalDate to) {

    public static StudyQuery all() {
        return new StudyQuery(null, null, null, null, null, null);
    }

    public static StudyQuery byName(String text) {
        return new StudyQuery(text, null, null, null, null, null);
    }

    /** Whether no filter is set, so the query lists the whole archive. */
    public boolean matchesEverything() {
        return blank(patientName) && blank(patientId) && blank(accession) && blank(modality) && from == null && to == null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
