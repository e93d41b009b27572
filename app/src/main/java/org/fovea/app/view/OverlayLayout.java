package org.fovea.app.view;

import java.util.ArrayList;
import java.util.List;

import static org.fovea.app.view.OverlayField.*;

/**
 * Which fields each corner of an image shows, top line first (V26). Patient identity is always
 * visible (DESIGN.md): the patient's name, ID, sex/age and the study date must each stay in some
 * corner; they may move, never go.
 */
public record OverlayLayout(List<OverlayField> topLeft, List<OverlayField> topRight,
                            List<OverlayField> bottomLeft, List<OverlayField> bottomRight) {

    /** The four corners, in the order the overlay and the file list them. */
    public enum Corner {
        TOP_LEFT("topLeft"), TOP_RIGHT("topRight"), BOTTOM_LEFT("bottomLeft"), BOTTOM_RIGHT("bottomRight");

        private final String key;

        Corner(String key) {
            this.key = key;
        }

        /** Its name in {@code overlay.json} and, as {@code overlayCorner.<key>}, in the bundle. */
        public String key() {
            return key;
        }
    }

    /**
     * The workstation's own layout: who top left, which study top right, which image bottom left,
     * how it is displayed bottom right.
     */
    public static final OverlayLayout BUILT_IN = new OverlayLayout(
            List.of(PATIENT_NAME, PATIENT_ID, SEX_AGE),
            List.of(STUDY_DATE_TIME, STUDY_DESCRIPTION, ACCESSION),
            List.of(SERIES, IMAGE, SLICE_LOCATION, SLICE_THICKNESS),
            List.of(WINDOW, ZOOM));

    public OverlayLayout {
        topLeft = List.copyOf(topLeft);
        topRight = List.copyOf(topRight);
        bottomLeft = List.copyOf(bottomLeft);
        bottomRight = List.copyOf(bottomRight);
    }

    public List<OverlayField> fields(Corner c) {
        return switch (c) {
            case TOP_LEFT -> topLeft;
            case TOP_RIGHT -> topRight;
            case BOTTOM_LEFT -> bottomLeft;
            case BOTTOM_RIGHT -> bottomRight;
        };
    }

    /** This layout with one corner's fields replaced. */
    public OverlayLayout with(Corner c, List<OverlayField> fields) {
        return new OverlayLayout(c == Corner.TOP_LEFT ? fields : topLeft, c == Corner.TOP_RIGHT ? fields : topRight,
                c == Corner.BOTTOM_LEFT ? fields : bottomLeft, c == Corner.BOTTOM_RIGHT ? fields : bottomRight);
    }

    public boolean contains(OverlayField f) {
        return topLeft.contains(f) || topRight.contains(f) || bottomLeft.contains(f) || bottomRight.contains(f);
    }

    /**
     * The identity fields this layout lacks: name, ID, sex/age, and the study date (with or
     * without its time; {@link OverlayField#STUDY_DATE_TIME} stands for it). Empty when none.
     */
    public List<OverlayField> missingIdentity() {
        List<OverlayField> missing = new ArrayList<>();
        for (OverlayField f : List.of(PATIENT_NAME, PATIENT_ID, SEX_AGE)) {
            if (!contains(f)) {
                missing.add(f);
            }
        }
        if (!contains(STUDY_DATE) && !contains(STUDY_DATE_TIME)) {
            missing.add(STUDY_DATE_TIME);
        }
        return missing;
    }

    /**
     * This layout with the identity fields it lacks put back where the built-in layout has them:
     * name, ID and sex/age first top left, the study date first top right.
     */
    public OverlayLayout withIdentity() {
        List<OverlayField> missing = missingIdentity();
        if (missing.isEmpty()) {
            return this;
        }
        List<OverlayField> tl = new ArrayList<>(missing.stream().filter(f -> f != STUDY_DATE_TIME).toList());
        tl.addAll(topLeft);
        List<OverlayField> tr = new ArrayList<>(topRight);
        if (missing.contains(STUDY_DATE_TIME)) {
            tr.add(0, STUDY_DATE_TIME);
        }
        return new OverlayLayout(tl, tr, bottomLeft, bottomRight);
    }
}
