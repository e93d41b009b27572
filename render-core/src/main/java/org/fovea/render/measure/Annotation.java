package org.fovea.render.measure;

import java.util.List;
import java.util.Objects;

/**
 * One thing drawn on one image: its kind, its points in image coordinates, an optional text (the
 * label of a text annotation, the known length of a calibration, a note), and the image. The
 * values of a measurement are not kept here: they follow from the points and the image (see
 * {@link Measurer}), so moving a handle can never leave a stale number behind.
 *
 * @param id a stable identifier (a UUID as text), kept across saving and reading
 */
public record Annotation(String id, Kind kind, List<ImagePoint> points, String text, ImageRef image) {

    public Annotation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(image, "image");
        points = List.copyOf(points);
        text = text == null ? "" : text;
        if (points.size() < kind.minPoints() || points.size() > kind.maxPoints()) {
            throw new IllegalArgumentException(kind + " is drawn with " + describe(kind) + " points, not "
                    + points.size());
        }
    }

    private static String describe(Kind kind) {
        if (kind.minPoints() == kind.maxPoints()) {
            return Integer.toString(kind.minPoints());
        }
        return "at least " + kind.minPoints();
    }

    /** The same mark with other points (a handle moved, the whole mark dragged). */
    public Annotation withPoints(List<ImagePoint> moved) {
        return new Annotation(id, kind, moved, text, image);
    }

    /** The same mark on another image (copied to another slice of the series): a new id. */
    public Annotation copyTo(ImageRef other, String newId) {
        return new Annotation(newId, kind, points, text, other);
    }
}
