package org.fovea.dicom.net;

import java.util.List;
import java.util.Objects;

/** What to retrieve: a study, or only some of its series (an empty list means the whole study). */
public record RetrieveRequest(String studyUid, List<String> seriesUids) {

    public RetrieveRequest {
        Objects.requireNonNull(studyUid, "studyUid");
        if (studyUid.isBlank()) {
            throw new IllegalArgumentException("A retrieve needs a Study Instance UID.");
        }
        seriesUids = seriesUids == null ? List.of() : List.copyOf(seriesUids);
    }

    public static RetrieveRequest study(String studyUid) {
        return new RetrieveRequest(studyUid, List.of());
    }
}
