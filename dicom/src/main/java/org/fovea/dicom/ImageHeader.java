package org.fovea.dicom;

/**
 * The identifying and descriptive attributes of one DICOM instance, decoded with its Specific
 * Character Set. Indexed by the archive and shown in overlays; empty strings for absent values,
 * never null. Dates are DICOM DA strings (yyyyMMdd).
 */
public record ImageHeader(
        String sopClassUid,
        String sopInstanceUid,
        String studyInstanceUid,
        String seriesInstanceUid,
        String transferSyntaxUid,
        String patientName,
        String patientId,
        String patientSex,
        String patientBirthDate,
        String patientAge,
        String studyDate,
        String studyTime,
        String studyDescription,
        String accessionNumber,
        String modality,
        String seriesNumber,
        String seriesDescription,
        String bodyPartExamined,
        String instanceNumber,
        String sliceLocation,
        String sliceThickness,
        int rows,
        int columns,
        int numberOfFrames,
        /** (0020,0052): images sharing it share one patient coordinate system; empty when absent. */
        String frameOfReferenceUid) {
}
