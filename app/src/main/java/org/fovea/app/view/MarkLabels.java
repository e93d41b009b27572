package org.fovea.app.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Quantity;
import org.fovea.render.measure.Scale;
import org.fovea.render.measure.Unit;
import org.fovea.render.measure.Value;

/**
 * The text shown next to a measurement and in the measurement list: its values with their units
 * (areas in cm² from 1 cm² up), and the line saying where its scale comes from, so a length is
 * never read as millimetres when it is not.
 */
public final class MarkLabels {

    /** Areas from this many mm² up are shown in cm². */
    private static final double CM2_FROM = 100;

    private MarkLabels() {
    }

    /** The value lines of a measurement (empty for annotations), without the scale line. */
    public static List<String> values(Measured m, ResourceBundle b) {
        List<String> lines = new ArrayList<>();
        Kind kind = m.annotation().kind();
        switch (kind) {
            case POINT -> m.value(Quantity.VALUE).ifPresent(v -> lines.add(number(v)));
            case LENGTH, POLYLINE -> m.value(Quantity.LENGTH).ifPresent(v -> lines.add(number(v)));
            case ANGLE -> m.value(Quantity.ANGLE).ifPresent(v -> lines.add(number(v)));
            case COBB -> m.value(Quantity.ANGLE).ifPresent(v -> lines.add(Messages.format(b, "mark.cobb", number(v))));
            case CARDIOTHORACIC -> m.value(Quantity.CARDIOTHORACIC_RATIO).ifPresent(v -> {
                String ratio = String.format(Locale.ROOT, "%.2f", v.value());
                lines.add(Messages.format(b, m.abnormal() ? "mark.ctr.high" : "mark.ctr", ratio));
                lines.add(Messages.format(b, "mark.widths", number(m.value(Quantity.HEART_WIDTH).orElseThrow()),
                        number(m.value(Quantity.THORAX_WIDTH).orElseThrow())));
            });
            case ELLIPSE, RECTANGLE, POLYGON, FREEHAND, LASSO -> region(m, b, lines);
            default -> { }
        }
        return lines;
    }

    /** Where the measurement's scale comes from, as shown under its values. */
    public static String scale(Scale s, ResourceBundle b) {
        String key = "scale." + s.source().name();
        if (s.source() == Scale.Source.MAGNIFICATION_CORRECTED) {
            return Messages.format(b, key, String.format(Locale.ROOT, "%.3f", s.magnification())
                    .replaceAll("0+$", "").replaceAll("\\.$", ""));
        }
        return b.getString(key);
    }

    /** The tool's name ("Length", "长度"), for the list and tooltips. */
    public static String kind(Kind kind, ResourceBundle b) {
        return b.getString("kind." + kind.name());
    }

    /** One line for the measurement list: the values joined. */
    public static String summary(Measured m, ResourceBundle b) {
        return String.join("; ", values(m, b));
    }

    private static void region(Measured m, ResourceBundle b, List<String> lines) {
        m.value(Quantity.AREA).ifPresent(v -> lines.add(Messages.format(b, "mark.area", area(v))));
        m.value(Quantity.MEAN).ifPresent(mean -> lines.add(Messages.format(b, "mark.mean", number(mean),
                plain(m.value(Quantity.STANDARD_DEVIATION).orElseThrow().value()))));
        m.value(Quantity.MINIMUM).ifPresent(min -> lines.add(Messages.format(b, "mark.range",
                plain(min.value()), number(m.value(Quantity.MAXIMUM).orElseThrow()),
                String.valueOf((long) m.value(Quantity.PIXEL_COUNT).orElseThrow().value()))));
    }

    private static String area(Value v) {
        if (v.unit() == Unit.MM2 && v.value() >= CM2_FROM) {
            return String.format(Locale.ROOT, "%.2f cm²", v.value() / 100);
        }
        return number(v);
    }

    /** A value with its unit: one decimal, "°" without a space. */
    static String number(Value v) {
        String n = plain(v.value());
        String unit = v.unit().symbol();
        if (unit.isEmpty()) {
            return n;
        }
        return v.unit() == Unit.DEGREE ? n + unit : n + " " + unit;
    }

    private static String plain(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.equals("-0.0") ? "0.0" : s;
    }
}
