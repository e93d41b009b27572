package org.fovea.center;

/**
 * What a site sends to open a request (D1, D2): its own id for it (a request sent again after a
 * dropped link is the same one), the patient, the exam, the clinical history and question, the
 * urgency, and how many images will follow.
 */
public record NewRequest(String clientRequestId, String patientId, String patientName, String patientSex,
                         String patientBirthDate, String studyUid, String accessionNumber, String modality,
                         String bodyPart, String examDescription, String clinicalHistory, String question,
                         Urgency urgency, Integer images) {

    public NewRequest {
        patientSex = orEmpty(patientSex);
        patientBirthDate = orEmpty(patientBirthDate);
        accessionNumber = orEmpty(accessionNumber);
        modality = orEmpty(modality);
        bodyPart = orEmpty(bodyPart);
        examDescription = orEmpty(examDescription);
        clinicalHistory = orEmpty(clinicalHistory);
        question = orEmpty(question);
        urgency = urgency == null ? Urgency.ROUTINE : urgency;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
