package org.fovea.app.hanging;

import java.time.LocalDate;
import java.util.List;

/**
 * What a hanging protocol looks at in a study: its modalities, body part, description and
 * institution to match on, its date to order priors by, and its series to place.
 */
public record StudyInfo(String studyUid, String patientId, LocalDate date, List<String> modalities, String bodyPart,
                        String description, String institution, List<SeriesInfo> series) {

    public StudyInfo {
        modalities = List.copyOf(modalities);
        series = List.copyOf(series);
        bodyPart = bodyPart == null ? "" : bodyPart;
        description = description == null ? "" : description;
        institution = institution == null ? "" : institution;
    }
}
