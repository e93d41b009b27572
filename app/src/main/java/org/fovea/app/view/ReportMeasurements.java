package org.fovea.app.view;

import org.fovea.reporting.ReportMeasurement;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * The viewer's measurements as a report carries them: every coded value (for the SR) and, on
 * the first value of each mark, the line a reader sees in the report ("长度 10.2 mm（序列 3 · 图像
 * 45）"), worded as in the measurement list. Annotations without a value are left out.
 */
public final class ReportMeasurements {

    private ReportMeasurements() {
    }

    public static List<ReportMeasurement> of(List<Measured> measured, ResourceBundle b,
                                             Function<ImageRef, String> imageLabel) {
        List<ReportMeasurement> out = new ArrayList<>();
        for (Measured m : measured) {
            if (!m.annotation().kind().measurement() || m.values().isEmpty()) {
                continue;
            }
            ImageRef image = m.annotation().image();
            String where = imageLabel.apply(image);
            String line = MarkLabels.kind(m.annotation().kind(), b) + " " + MarkLabels.summary(m, b)
                    + (where.isEmpty() ? "" : Messages.format(b, "report.measurementImage", where));
            boolean first = true;
            for (Value v : m.values()) {
                out.add(new ReportMeasurement(v.quantity().name(), v.value(), v.unit().ucum(), first ? line : "",
                        image.seriesUid(), image.sopInstanceUid(), image.frame()));
                first = false;
            }
        }
        return out;
    }

    /** The lines to insert into a report's text: one per mark. */
    public static String lines(List<ReportMeasurement> measurements) {
        StringBuilder sb = new StringBuilder();
        for (ReportMeasurement m : measurements) {
            if (!m.text().isEmpty()) {
                sb.append(m.text()).append('\n');
            }
        }
        return sb.toString();
    }
}
