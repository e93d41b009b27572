package org.fovea.render.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fovea.render.Frame;
import org.junit.jupiter.api.Test;

class MeasurerTest {

    private static final ImageRef IMAGE = new ImageRef("1.2.3", "1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", 1);

    private static Annotation mark(Kind kind, String text, double... xy) {
        List<ImagePoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            points.add(new ImagePoint(xy[i], xy[i + 1]));
        }
        return new Annotation("id", kind, points, text, IMAGE);
    }

    @Test
    void aRegionReportsAreaAndHuStatisticsWithUnits() {
        Frame f = new Phantom(128, -1000).disc(64, 64, 30, 40).frame();
        Measurer m = new Measurer(Scale.pixelSpacing(0.5, 0.5), f, Phantom.CT, Unit.HU);
        Measured r = m.measure(mark(Kind.ELLIPSE, "", 54, 54, 74, 74));
        assertThat(r.value(Quantity.AREA).orElseThrow().value()).isCloseTo(Math.PI * 25, within(1e-9));
        assertThat(r.value(Quantity.AREA).orElseThrow().unit()).isEqualTo(Unit.MM2);
        assertThat(r.value(Quantity.MEAN).orElseThrow().value()).isEqualTo(40);
        assertThat(r.value(Quantity.MEAN).orElseThrow().unit()).isEqualTo(Unit.HU);
        assertThat(r.value(Quantity.STANDARD_DEVIATION).orElseThrow().value()).isZero();
        assertThat(r.value(Quantity.PIXEL_COUNT).orElseThrow().value()).isGreaterThan(300);
        assertThat(m.measure(mark(Kind.POINT, "", 5.5, 5.5)).value(Quantity.VALUE).orElseThrow().value())
                .isEqualTo(-1000);
    }

    @Test
    void anUncalibratedImageMeasuresInPixels() {
        Measurer m = new Measurer(Scale.none(), null, null, Unit.NONE);
        Measured r = m.measure(mark(Kind.LENGTH, "", 0, 0, 30, 40));
        assertThat(r.values()).containsExactly(new Value(Quantity.LENGTH, 50, Unit.PIXEL));
        assertThat(m.measure(mark(Kind.RECTANGLE, "", 0, 0, 10, 10)).values())
                .containsExactly(new Value(Quantity.AREA, 100, Unit.PIXEL2));
    }

    @Test
    void aCardiothoracicRatioAboveHalfIsFlagged() {
        Measurer m = new Measurer(Scale.pixelSpacing(0.2, 0.2), null, null, Unit.NONE);
        Measured normal = m.measure(mark(Kind.CARDIOTHORACIC, "", 300, 900, 700, 900, 100, 700, 1100, 700));
        assertThat(normal.value(Quantity.CARDIOTHORACIC_RATIO).orElseThrow().value()).isCloseTo(0.4, within(1e-12));
        assertThat(normal.value(Quantity.HEART_WIDTH).orElseThrow().value()).isCloseTo(80, within(1e-9));
        assertThat(normal.value(Quantity.THORAX_WIDTH).orElseThrow().value()).isCloseTo(200, within(1e-9));
        assertThat(normal.abnormal()).isFalse();
        Measured big = m.measure(mark(Kind.CARDIOTHORACIC, "", 300, 900, 820, 900, 100, 700, 1100, 700));
        assertThat(big.abnormal()).isTrue();
    }

    @Test
    void annotationsCarryNoValuesAndMustHaveTheirPoints() {
        Measurer m = new Measurer(Scale.none(), null, null, Unit.NONE);
        assertThat(m.measure(mark(Kind.ARROW, "", 1, 1, 5, 5)).values()).isEmpty();
        assertThatThrownBy(() -> mark(Kind.ANGLE, "", 1, 1, 2, 2)).hasMessageContaining("drawn with 3 points, not 2");
    }
}
