package org.fovea.dicom.marks;

import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import java.util.Locale;
import java.util.Optional;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.Quantity;
import org.fovea.render.measure.Unit;

/**
 * The codes Fovea's measurement report, key object selection and presentation states use: the
 * standard's where PS3.16 has one (DCM, SCT, UCUM), and Fovea's own (coding scheme
 * {@value #FOVEA}) for the kind of mark and the values no standard code names, so that reading
 * our own objects back gives exactly what was drawn.
 */
final class Codes {

    /** Fovea's private coding scheme designator (PS3.16 8.2: "99" prefix for private schemes). */
    static final String FOVEA = "99FOVEA";

    static final CodedSequenceItem IMAGING_MEASUREMENT_REPORT = code("126000", "DCM", "Imaging Measurement Report");
    static final CodedSequenceItem LANGUAGE = code("121049", "DCM", "Language of Content Item and Descendants");
    static final CodedSequenceItem ENGLISH = code("en-US", "RFC5646", "English (United States)");
    static final CodedSequenceItem OBSERVER_TYPE = code("121005", "DCM", "Observer Type");
    static final CodedSequenceItem DEVICE = code("121007", "DCM", "Device");
    static final CodedSequenceItem DEVICE_OBSERVER_UID = code("121012", "DCM", "Device Observer UID");
    static final CodedSequenceItem DEVICE_OBSERVER_NAME = code("121013", "DCM", "Device Observer Name");
    static final CodedSequenceItem PROCEDURE_REPORTED = code("121058", "DCM", "Procedure reported");
    static final CodedSequenceItem IMAGING_PROCEDURE = code("363679005", "SCT", "Imaging procedure");
    static final CodedSequenceItem IMAGE_LIBRARY = code("111028", "DCM", "Image Library");
    static final CodedSequenceItem IMAGE_LIBRARY_GROUP = code("126200", "DCM", "Image Library Group");
    static final CodedSequenceItem IMAGING_MEASUREMENTS = code("126010", "DCM", "Imaging Measurements");
    static final CodedSequenceItem MEASUREMENT_GROUP = code("125007", "DCM", "Measurement Group");
    static final CodedSequenceItem TRACKING_IDENTIFIER = code("112039", "DCM", "Tracking Identifier");
    static final CodedSequenceItem TRACKING_UID = code("112040", "DCM", "Tracking Unique Identifier");
    static final CodedSequenceItem FINDING = code("121071", "DCM", "Finding");
    static final CodedSequenceItem IMAGE_REGION = code("111030", "DCM", "Image Region");
    static final CodedSequenceItem SOURCE = code("260753009", "SCT", "Source");
    static final CodedSequenceItem OF_INTEREST = code("113000", "DCM", "Of Interest");
    static final CodedSequenceItem KEY_OBJECT_DESCRIPTION = code("113012", "DCM", "Key Object Description");
    /** A mark's text (a label, a calibration's known length). */
    static final CodedSequenceItem MARK_TEXT = code("TEXT", FOVEA, "Mark text");

    private Codes() {
    }

    static CodedSequenceItem code(String value, String scheme, String meaning) {
        try {
            return new CodedSequenceItem(value, scheme, meaning);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Finding that says which kind of mark a measurement group is. */
    static CodedSequenceItem kind(Kind kind) {
        return code(kind.name(), FOVEA, kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT)
                .replace('_', ' '));
    }

    static Optional<Kind> kind(CodedSequenceItem finding) {
        if (finding == null || !FOVEA.equals(finding.getCodingSchemeDesignator())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Kind.valueOf(finding.getCodeValue()));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The concept name of a measured value. */
    static CodedSequenceItem quantity(Quantity q) {
        return switch (q) {
            case LENGTH -> code("410668003", "SCT", "Length");
            case AREA -> code("42798000", "SCT", "Area");
            case MEAN -> code("373098007", "SCT", "Mean");
            case STANDARD_DEVIATION -> code("386136009", "SCT", "Standard Deviation");
            case MINIMUM -> code("255605001", "SCT", "Minimum");
            case MAXIMUM -> code("56851009", "SCT", "Maximum");
            case VALUE -> code("112031", "DCM", "Attenuation Coefficient");
            case PIXEL_COUNT -> code("PIXELS", FOVEA, "Number of pixels");
            case ANGLE -> code("ANGLE", FOVEA, "Angle");
            case CARDIOTHORACIC_RATIO -> code("CTR", FOVEA, "Cardiothoracic ratio");
            case HEART_WIDTH -> code("HEART_WIDTH", FOVEA, "Heart width");
            case THORAX_WIDTH -> code("THORAX_WIDTH", FOVEA, "Thorax width");
        };
    }

    /** The quantity a concept name stands for, ours or the standard's above. */
    static Optional<Quantity> quantity(CodedSequenceItem c) {
        if (c == null) {
            return Optional.empty();
        }
        for (Quantity q : Quantity.values()) {
            CodedSequenceItem known = quantity(q);
            if (known.getCodeValue().equals(c.getCodeValue())
                    && known.getCodingSchemeDesignator().equals(c.getCodingSchemeDesignator())) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    static CodedSequenceItem unit(Unit u) {
        return code(u.ucum(), "UCUM", u.meaning());
    }

    static Optional<Unit> unit(CodedSequenceItem c) {
        if (c == null) {
            return Optional.empty();
        }
        for (Unit u : Unit.values()) {
            if (u.ucum().equals(c.getCodeValue())) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
