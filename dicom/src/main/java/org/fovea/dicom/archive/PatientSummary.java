package org.fovea.dicom.archive;

import java.time.LocalDate;

/** A patient as first received; {@code birthDate} is null when absent or not a valid date. */
public record PatientSummary(String patientId, String patientName, String sex, LocalDate birthDate,
                             int studyCount) {
}
