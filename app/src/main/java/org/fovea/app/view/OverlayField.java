package org.fovea.app.view;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a line of the four-corner overlay can show (V26): the catalogue a department chooses from,
 * each field with the key it has in {@code overlay.json} and in the resource bundle
 * ({@code overlayField.<key>}). {@link OverlayText} says how each is written.
 */
public enum OverlayField {
    PATIENT_NAME("patientName", true),
    PATIENT_ID("patientId", true),
    SEX_AGE("sexAge", false),
    BIRTH_DATE("birthDate", true),
    STUDY_DATE_TIME("studyDateTime", true),
    STUDY_DATE("studyDate", true),
    STUDY_DESCRIPTION("studyDescription", false),
    ACCESSION("accession", true),
    MODALITY("modality", false),
    SERIES("series", false),
    BODY_PART("bodyPart", false),
    INSTANCE_NUMBER("instanceNumber", false),
    IMAGE("image", false),
    SLICE_LOCATION("sliceLocation", false),
    SLICE_THICKNESS("sliceThickness", false),
    MATRIX("matrix", false),
    WINDOW("window", false),
    ZOOM("zoom", false);

    private final String key;
    private final boolean identifying;

    OverlayField(String key, boolean identifying) {
        this.key = key;
        this.identifying = identifying;
    }

    /** The field's name in {@code overlay.json}, e.g. {@code "patientName"}. */
    public String key() {
        return key;
    }

    /** The bundle key of its name in the overlay dialog. */
    public String labelKey() {
        return "overlayField." + key;
    }

    /**
     * Whether it says who the patient is, or lets one find out (name, ID, birth date, accession,
     * the study's date): a teaching session hides it whatever the layout says.
     */
    public boolean identifying() {
        return identifying;
    }

    public static Optional<OverlayField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
