package org.fovea.dicom.archive;

/** A series of a study; {@code number} is null when the files carry no Series Number. */
public record SeriesSummary(String seriesUid, String studyUid, Integer number, String modality,
                            String description, int instanceCount) {
}
