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
 * both always say the same thing. Top-left: who (name, ID, sex/age); top-right: which study (date,
 * description, accession); bottom-left: which image (series, n/N, slice location and thickness);
 * bottom-right: how it is displayed (window and zoom). Empty values leave no blank labels.
 */
public final class OverlayText {

    private OverlayText() {
    }

    public static OverlayCorners of(OverlayInput in, ResourceBundle b) {
        ImageHeader h = in.header();
        List<String> tl = new ArrayList<>();
        List<String> tr = new ArrayList<>();
        List<String> bl = new ArrayList<>();
        List<String> br = new ArrayList<>();
        if (h != null && in.anonymous()) {
            // a teaching session: what the case is, never who it is
            tl.add(b.getString("overlay.anonymous"));
            add(tl, Demographics.sexAndAge(h.patientSex(), h.patientAge(), "", h.studyDate(), b));
            add(tr, h.studyDescription());
            add(bl, (Messages.format(b, "overlay.series", h.seriesNumber()) + " " + h.seriesDescription()).trim());
        } else if (h != null) {
            identity(h, b, tl, tr, bl);
        }
        String image = Messages.format(b, "overlay.image", String.valueOf(in.imageIndex() + 1),
                String.valueOf(in.imageCount()));
        bl.add(in.sliceLoaded() ? image : image + " " + b.getString("overlay.loading"));
        if (h != null && in.sliceLoaded()) {
            if (!h.sliceLocation().isEmpty()) {
                bl.add(Messages.format(b, "overlay.sliceLocation", millimetres(h.sliceLocation())));
            }
            if (!h.sliceThickness().isEmpty()) {
                bl.add(Messages.format(b, "overlay.sliceThickness", millimetres(h.sliceThickness())));
            }
        }
        add(br, window(in.voi(), b));
        br.add(Messages.format(b, "overlay.zoom", String.valueOf(Math.round(in.zoom() * 100))));
        return new OverlayCorners(tl, tr, bl, br);
    }

    /**
     * Who (name, ID, sex/age), which study (date, description, accession) and which series: the
     * lines every image overlay starts with, 2D or reformatted.
     */
    static void identity(ImageHeader h, ResourceBundle b, List<String> topLeft, List<String> topRight,
                         List<String> bottomLeft) {
        add(topLeft, PersonNameFormat.display(h.patientName()));
        addLabelled(topLeft, b, "overlay.patientId", h.patientId());
        add(topLeft, Demographics.sexAndAge(h.patientSex(), h.patientAge(), h.patientBirthDate(), h.studyDate(), b));

        add(topRight, (DicomDates.formatDate(h.studyDate()) + " " + DicomDates.formatTime(h.studyTime())).trim());
        add(topRight, h.studyDescription());
        addLabelled(topRight, b, "overlay.accession", h.accessionNumber());

        add(bottomLeft, (Messages.format(b, "overlay.series", h.seriesNumber()) + " " + h.seriesDescription()).trim());
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

    private static void addLabelled(List<String> lines, ResourceBundle b, String key, String value) {
        if (value != null && !value.isBlank()) {
            lines.add(Messages.format(b, key, value.trim()));
        }
    }
}
