package org.fovea.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Measurer;
import org.fovea.render.measure.Scale;
import org.fovea.render.measure.Unit;
import org.junit.jupiter.api.Test;

class MarkLabelsTest {

    private static final ResourceBundle EN = Messages.bundle(Locale.ROOT);
    private static final ResourceBundle ZH = Messages.bundle(Locale.SIMPLIFIED_CHINESE);
    private static final ImageRef IMAGE = new ImageRef("s", "c", "1.1", 1);

    private static Measured measure(Scale scale, Kind kind, double... xy) {
        List<ImagePoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            points.add(new ImagePoint(xy[i], xy[i + 1]));
        }
        return new Measurer(scale, null, null, Unit.NONE).measure(new Annotation("x", kind, points, "", IMAGE));
    }

    @Test
    void lengthsSayMillimetresOnlyWhenTheyAreAndNameTheirScale() {
        Measured mm = measure(Scale.detector(0.15, 0.15, 1.2), Kind.LENGTH, 0, 0, 100, 0);
        assertThat(MarkLabels.values(mm, EN)).containsExactly("12.5 mm");
        assertThat(MarkLabels.scale(mm.scale(), EN)).isEqualTo("Imager Pixel Spacing ÷ magnification 1.2");
        assertThat(MarkLabels.scale(mm.scale(), ZH)).isEqualTo("成像器像素间距 ÷ 放大率 1.2");

        Measured px = measure(Scale.none(), Kind.LENGTH, 0, 0, 100, 0);
        assertThat(MarkLabels.values(px, EN)).containsExactly("100.0 px");
        assertThat(MarkLabels.scale(px.scale(), EN)).isEqualTo("px: no pixel spacing");

        Measured calibrated = measure(Scale.none().calibrated(new ImagePoint(0, 0), new ImagePoint(50, 0), 10),
                Kind.LENGTH, 0, 0, 100, 0);
        assertThat(MarkLabels.values(calibrated, EN)).containsExactly("20.0 mm");
        assertThat(MarkLabels.scale(calibrated.scale(), ZH)).isEqualTo("用户校准");
    }

    @Test
    void largeAreasAreInSquareCentimetresAndTheCardiothoracicRatioIsFlagged() {
        Measured area = measure(Scale.pixelSpacing(1, 1), Kind.RECTANGLE, 0, 0, 20, 10);
        assertThat(MarkLabels.values(area, EN)).containsExactly("Area 2.00 cm²");
        Measured small = measure(Scale.pixelSpacing(1, 1), Kind.RECTANGLE, 0, 0, 5, 5);
        assertThat(MarkLabels.values(small, ZH)).containsExactly("面积 25.0 mm²");
        Measured ctr = measure(Scale.pixelSpacing(0.2, 0.2), Kind.CARDIOTHORACIC, 300, 900, 820, 900, 100, 700, 1100, 700);
        assertThat(MarkLabels.values(ctr, EN)).containsExactly("CTR 0.52 (above 0.50)", "heart 104.0 mm, thorax 200.0 mm");
        assertThat(MarkLabels.values(measure(Scale.none(), Kind.COBB, 0, 0, 10, 0, 0, 10, 10, 20), EN))
                .containsExactly("Cobb 45.0°");
    }
}
