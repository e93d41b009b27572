package org.fovea.dicom.archive;

import java.time.LocalDate;

/**
 * A study as listed in the study browser. Strings are empty, never null, when the files did
 * not carry a value; {@code birthDate} and {@code studyDate} are null when absent or not a valid
 * date. {@code modalities} lists the distinct series modalities separated by '\' as in DICOM
 * Modalities in Study, e.g. "CT" or "CT\SR".
 */
public record StudySummary(String studyUid, String patientName, String patientId, String sex,
                           LocalDate birthDate, String age, LocalDate studyDate, String studyTime,
                           String description, String accession, String modalities,
                           int seriesCount, int instanceCount) {
}
