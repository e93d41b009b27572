package org.fovea.reporting;

import java.time.LocalDate;

/**
 * What a report knows of its study: identifiers, and the patient, exam and request data the
 * report header shows. Copied from the study when the report is started, so the report stays
 * readable where the images are not (another workstation, the center). Strings are never null
 * (empty when unknown); dates may be null.
 *
 * @param patientName    the DICOM person name as stored (ZHANG^WEI=张^伟)
 * @param examItem       the exam as ordered or described (Study Description, e.g. "胸部CT平扫")
 * @param requestInfo    the request's clinical information or reason, as far as the study says
 */
public record StudyRef(String studyUid, String accessionNumber, String patientId, String patientName,
                       String sex, LocalDate birthDate, String age, LocalDate studyDate, String modality,
                       String bodyPart, String examItem, String requestingPhysician, String requestInfo) {

    public StudyRef {
        studyUid = orEmpty(studyUid);
        accessionNumber = orEmpty(accessionNumber);
        patientId = orEmpty(patientId);
        patientName = orEmpty(patientName);
        sex = orEmpty(sex);
        age = orEmpty(age);
        modality = orEmpty(modality);
        bodyPart = orEmpty(bodyPart);
        examItem = orEmpty(examItem);
        requestingPhysician = orEmpty(requestingPhysician);
        requestInfo = orEmpty(requestInfo);
        if (studyUid.isEmpty()) {
            throw new IllegalArgumentException("a report needs its study's Study Instance UID");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
