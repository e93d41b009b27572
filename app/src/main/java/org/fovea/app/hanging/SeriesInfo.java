package org.fovea.app.hanging;

/** A series as a protocol chooses among them: number, modality, description, size, plane. */
public record SeriesInfo(String seriesUid, Integer number, String modality, String description, int images,
                         Plane plane) {

    /** The plane of a series' images, from Image Orientation (Patient); OTHER for oblique ones. */
    public enum Plane { AXIAL, CORONAL, SAGITTAL, OTHER, UNKNOWN }

    public SeriesInfo {
        description = description == null ? "" : description;
        plane = plane == null ? Plane.UNKNOWN : plane;
    }
}
