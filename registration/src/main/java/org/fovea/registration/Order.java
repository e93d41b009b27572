package org.fovea.registration;

/**
 * An exam ordered for a patient: the HIS's order number (empty for a walk-in), the accession
 * number the department gave it, the procedure, modality, clinical diagnosis, requesting physician,
 * priority (ROUTINE, URGENT, EMERGENCY) and where it stands.
 */
public record Order(long id, String placerOrder, String accessionNumber, String patientId, String procedureCode,
                    String procedureText, String modality, String clinicalDiagnosis, String requestingPhysician,
                    String priority, String status, String source) {
}
