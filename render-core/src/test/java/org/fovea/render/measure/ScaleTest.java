package org.fovea.render.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.fovea.render.geom.PixelSpacing;
import org.junit.jupiter.api.Test;

class ScaleTest {

    private static final ImagePoint A = new ImagePoint(10, 10), B = new ImagePoint(110, 10);

    @Test
    void imagerPixelSpacingIsCorrectedByTheMagnificationFactorWhenTheHeaderGivesOne() {
        Scale s = Scale.of(new PixelSpacing(0.14, 0.14, "Imager Pixel Spacing"), 1.12);
        assertThat(s.source()).isEqualTo(Scale.Source.MAGNIFICATION_CORRECTED);
        assertThat(s.length(A, B)).isCloseTo(14 / 1.12, within(1e-9));
        assertThat(s.lengthUnit()).isEqualTo(Unit.MM);
        assertThat(s.describe()).isEqualTo("Imager Pixel Spacing / magnification 1.12");

        Scale detector = Scale.of(new PixelSpacing(0.14, 0.14, "Imager Pixel Spacing"), Double.NaN);
        assertThat(detector.source()).isEqualTo(Scale.Source.DETECTOR);
        assertThat(detector.length(A, B)).isCloseTo(14, within(1e-9));
        assertThat(detector.describe()).contains("detector");
    }

    @Test
    void withoutSpacingMeasurementsAreInPixelsNeverMillimetres() {
        Scale s = Scale.of(null, Double.NaN);
        assertThat(s.millimetres()).isFalse();
        assertThat(s.lengthUnit()).isEqualTo(Unit.PIXEL);
        assertThat(s.areaUnit()).isEqualTo(Unit.PIXEL2);
        assertThat(s.length(A, B)).isEqualTo(100);
    }

    @Test
    void aUserCalibrationSetsTheLengthOfTheDrawnLineAndKeepsThePixelShape() {
        Scale uncalibrated = Scale.none();
        Scale s = uncalibrated.calibrated(A, B, 25.0);
        assertThat(s.source()).isEqualTo(Scale.Source.CALIBRATION);
        assertThat(s.length(A, B)).isCloseTo(25, within(1e-12));
        assertThat(s.length(new ImagePoint(0, 0), new ImagePoint(0, 40))).isCloseTo(10, within(1e-12));

        Scale tall = Scale.pixelSpacing(0.4, 0.2).calibrated(A, B, 30);
        assertThat(tall.rowMm() / tall.columnMm()).isCloseTo(2, within(1e-12));
        assertThat(tall.length(A, B)).isCloseTo(30, within(1e-12));

        assertThatThrownBy(() -> uncalibrated.calibrated(A, A, 10)).hasMessageContaining("two different points");
        assertThatThrownBy(() -> uncalibrated.calibrated(A, B, 0)).hasMessageContaining("above 0 mm");
    }
}
