package org.fovea.app.view;

import org.fovea.dicom.ImageHeader;
import org.fovea.render.Voi;
import org.fovea.render.VoiLutTable;
import org.fovea.render.WindowLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The four-corner overlay text (四角信息, V26), shared by the viewer and the headless snapshot so
 * both always say the same thing. Which field goes where is the modality's {@link OverlayLayout};
 * the built-in one: top-left who (name, ID, sex/age); top-right which study (date, description,
 * accession); bottom-left which image (series, n/N, slice location and thickness); bottom-right
 * how it is displayed (window and zoom). Empty values leave no blank labels.
 */
public final class OverlayText {

    private OverlayText() {
    }

    /** The corners as the built-in layout has them. */
    public static OverlayCorners of(OverlayInput in, ResourceBundle b) {
        return of(in, b, OverlayLayouts.BUILT_IN);
    }

    /**
     * The corners as the layout of the image's modality has them (V26). A teaching session hides
     * the identifying fields whatever the layout, and says so first in the top-left corner.
     */
    public static OverlayCorners of(OverlayInput in, ResourceBundle b, OverlayLayouts layouts) {
        ImageHeader h = in.header();
        OverlayLayout layout = layouts.forModality(h == null ? "" : h.modality());
        List<List<String>> corners = new ArrayList<>();
        for (OverlayLayout.Corner c : OverlayLayout.Corner.values()) {
            List<String> lines = new ArrayList<>();
            if (c == OverlayLayout.Corner.TOP_LEFT && h != null && in.anonymous()) {
                // a teaching session: what the case is, never who it is
                lines.add(b.getString("overlay.anonymous"));
            }
            for (OverlayField f : layout.fields(c)) {
                add(lines, line(f, in, b));
            }
            corners.add(lines);
        }
        return new OverlayCorners(corners.get(0), corners.get(1), corners.get(2), corners.get(3));
    }

    /** One field's line, empty when it has nothing to say (or must not say it: anonymous). */
    static String line(OverlayField f, OverlayInput in, ResourceBundle b) {
        ImageHeader h = in.header();
        if (f == OverlayField.IMAGE) {
            String image = Messages.format(b, "overlay.image", String.valueOf(in.imageIndex() + 1),
                    String.valueOf(in.imageCount()));
            return in.sliceLoaded() ? image : image + " " + b.getString("overlay.loading");
        }
        if (f == OverlayField.WINDOW) {
            return window(in.voi(), b);
        }
        if (f == OverlayField.ZOOM) {
            return Messages.format(b, "overlay.zoom", String.valueOf(Math.round(in.zoom() * 100)));
        }
        if (h == null || (f.identifying() && in.anonymous())) {
            return "";
        }
        return switch (f) {
            case PATIENT_NAME -> PersonNameFormat.display(h.patientName());
            case PATIENT_ID -> labelled(b, "overlay.patientId", h.patientId());
            case SEX_AGE -> Demographics.sexAndAge(h.patientSex(), h.patientAge(),
                    in.anonymous() ? "" : h.patientBirthDate(), h.studyDate(), b);
            case BIRTH_DATE -> labelled(b, "overlay.birthDate", DicomDates.formatDate(h.patientBirthDate()));
            case STUDY_DATE_TIME -> (DicomDates.formatDate(h.studyDate()) + " " + DicomDates.formatTime(h.studyTime())).trim();
            case STUDY_DATE -> DicomDates.formatDate(h.studyDate());
            case STUDY_DESCRIPTION -> h.studyDescription();
            case ACCESSION -> labelled(b, "overlay.accession", h.accessionNumber());
            case MODALITY -> h.modality();
            case SERIES -> (Messages.format(b, "overlay.series", h.seriesNumber()) + " " + h.seriesDescription()).trim();
            case BODY_PART -> h.bodyPartExamined();
            case INSTANCE_NUMBER -> labelled(b, "overlay.instanceNumber", h.instanceNumber());
            case SLICE_LOCATION -> !in.sliceLoaded() || h.sliceLocation().isEmpty() ? ""
                    : Messages.format(b, "overlay.sliceLocation", millimetres(h.sliceLocation()));
            case SLICE_THICKNESS -> !in.sliceLoaded() || h.sliceThickness().isEmpty() ? ""
                    : Messages.format(b, "overlay.sliceThickness", millimetres(h.sliceThickness()));
            case MATRIX -> h.columns() > 0 && h.rows() > 0
                    ? Messages.format(b, "overlay.matrix", String.valueOf(h.columns()), String.valueOf(h.rows())) : "";
            case IMAGE, WINDOW, ZOOM -> throw new IllegalStateException("said above: " + f);
        };
    }

    /**
     * Who (name, ID, sex/age), which study (date, description, accession) and which series: the
     * lines every image overlay starts with, 2D or reformatted.
     */
    static void identity(ImageHeader h, ResourceBundle b, List<String> topLeft, List<String> topRight,
                         List<String> bottomLeft) {
        OverlayInput in = new OverlayInput(h, true, 0, 0, null, 1);
        OverlayLayout l = OverlayLayout.BUILT_IN;
        l.topLeft().forEach(f -> add(topLeft, line(f, in, b)));
        l.topRight().forEach(f -> add(topRight, line(f, in, b)));
        add(bottomLeft, line(OverlayField.SERIES, in, b));
    }

    /** "W 1500  L -600" for a window, the table's explanation for a VOI LUT, empty when none. */
    public static String window(Voi voi, ResourceBundle b) {
        if (voi instanceof WindowLevel wl) {
            return Messages.format(b, "overlay.window", number(wl.width()), number(wl.center()));
        }
        if (voi instanceof VoiLutTable lut) {
            return Messages.format(b, "overlay.voiLut", lut.explanation()).trim();
        }
        return "";
    }

    /**
     * The scale bar's label: its length, and the calibration source when it is not the patient
     * plane's own Pixel Spacing, because a projection radiograph measured with Imager Pixel Spacing
     * is magnified and the radiologist must know.
     */
    public static String scaleBarLabel(double lengthMm, String spacingSource, ResourceBundle b) {
        String length = Messages.format(b, "overlay.scaleBar", number(lengthMm));
        if (spacingSource == null || spacingSource.isBlank() || spacingSource.equals("Pixel Spacing")) {
            return length;
        }
        String key = "calibration." + spacingSource.replace(" ", "");
        String source = b.containsKey(key) ? b.getString(key) : spacingSource;
        return length + " " + Messages.format(b, "overlay.calibration", source);
    }

    private static String millimetres(String decimal) {
        try {
            return String.format(Locale.ROOT, "%.1f", Double.parseDouble(decimal.trim()));
        } catch (NumberFormatException e) {
            return decimal.trim();
        }
    }

    /** A number without a useless ".0": "1500", "-600", "0.5". */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.1f", v);
    }

    private static void add(List<String> lines, String text) {
        if (text != null && !text.isBlank()) {
            lines.add(text.trim());
        }
    }

    private static String labelled(ResourceBundle b, String key, String value) {
        return value == null || value.isBlank() ? "" : Messages.format(b, key, value.trim());
    }
}
