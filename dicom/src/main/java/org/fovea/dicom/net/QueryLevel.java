package org.fovea.dicom.net;

/** The Query/Retrieve level of a C-FIND in the Study Root information model. */
public enum QueryLevel {
    STUDY("StudyInstanceUID"),
    SERIES("SeriesInstanceUID"),
    IMAGE("SOPInstanceUID");

    private final String uniqueKey;

    QueryLevel(String uniqueKey) {
        this.uniqueKey = uniqueKey;
    }

    /** The keyword of the level's unique key, always returned by a query at this level. */
    public String uniqueKey() {
        return uniqueKey;
    }
}
