package org.fovea.render.measure;

/**
 * The image a mark was drawn on: SOP Class and Instance UIDs, the series, and the frame
 * (1-based, as DICOM numbers frames; 1 for single-frame images).
 */
public record ImageRef(String seriesUid, String sopClassUid, String sopInstanceUid, int frame) {
    public ImageRef {
        if (sopInstanceUid == null || sopInstanceUid.isBlank()) {
            throw new IllegalArgumentException("an image reference needs its SOP Instance UID");
        }
        if (frame < 1) {
            throw new IllegalArgumentException("frames are numbered from 1, not " + frame);
        }
    }
}
