package org.fovea.app.view;

import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.reporting.StudyRef;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A study as a report knows it: the list's summary, with the body part from one of its images
 * (the index does not keep it) — the template picker filters by it.
 */
public final class StudyRefs {

    private StudyRefs() {
    }

    /** @param image the header of one image of the study, or null when none could be read */
    public static StudyRef of(StudySummary s, ImageHeader image) {
        String modality = Arrays.stream(s.modalities().split("\\\\"))
                .filter(m -> !m.isBlank() && !Modalities.DOCUMENTS.contains(m)).collect(Collectors.joining("/"));
        return new StudyRef(s.studyUid(), s.accession(), s.patientId(), s.patientName(), s.sex(), s.birthDate(),
                s.age(), s.studyDate(), modality, image == null ? "" : image.bodyPartExamined(), s.description(),
                "", "");
    }
}
