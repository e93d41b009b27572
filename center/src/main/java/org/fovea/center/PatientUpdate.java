package org.fovea.center;

/**
 * What a hospital completes or corrects of a request's patient after submitting it (信息补录, D6):
 * each field given replaces the one the request has; a null field is left as it is.
 *
 * @param patientBirthDate YYYYMMDD, as DICOM writes it
 * @param patientSex       M, F or O
 */
public record PatientUpdate(String patientName, String patientSex, String patientBirthDate, String clinicalHistory) {

    /** Whether it changes nothing. */
    public boolean empty() {
        return patientName == null && patientSex == null && patientBirthDate == null && clinicalHistory == null;
    }
}
