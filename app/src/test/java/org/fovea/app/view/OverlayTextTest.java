package org.fovea.app.view;

import org.fovea.dicom.ImageHeader;
import org.fovea.render.VoiLutTable;
import org.fovea.render.WindowLevel;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

class OverlayTextTest {

    private static final ResourceBundle EN = Messages.bundle(Locale.ENGLISH);
    private static final ResourceBundle ZH = Messages.bundle(Locale.SIMPLIFIED_CHINESE);

    static ImageHeader header(String age, String sliceLocation) {
        return new ImageHeader("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", "1.2.3", "1.2.3.1", "1.2.840.10008.1.2.1",
                "WANG^JIANGUO=王^建国", "FV0001", "M", "19680512", age, "20250310", "143015.000",
                "CT CHEST", "ACC123", "CT", "3", "Lung 1mm", "CHEST", "12", "-120.25", "1.0", 512, 512, 1, "1.2.3.9");
    }

    @Test
    void cornersCarryPatientStudyImageAndDisplay() {
        OverlayCorners c = OverlayText.of(new OverlayInput(header("056Y", "-120.25"), true, 11, 300,
                new WindowLevel(1500, -600), 1.25), EN);

        assertThat(c.topLeft()).containsExactly("王建国 (WANG JIANGUO)", "ID: FV0001", "M 56Y");
        assertThat(c.topRight()).containsExactly("2025-03-10 14:30", "CT CHEST", "Acc: ACC123");
        assertThat(c.bottomLeft()).containsExactly("Se: 3 Lung 1mm", "Im: 12/300", "Loc: -120.3 mm", "Thk: 1.0 mm");
        assertThat(c.bottomRight()).containsExactly("W: 1500 L: -600", "Zoom: 125%");
    }

    @Test
    void chineseOverlayUsesChineseWords() {
        OverlayCorners c = OverlayText.of(new OverlayInput(header("056Y", "-120.25"), true, 0, 300,
                new WindowLevel(350, 40), 1), ZH);

        assertThat(c.topLeft()).contains("男 56岁");
        assertThat(c.bottomLeft()).contains("图像：1/300");
        assertThat(c.bottomRight()).contains("窗宽：350 窗位：40");
    }

    @Test
    void ageComesFromBirthDateWhenPatientsAgeIsMissing() {
        OverlayCorners c = OverlayText.of(new OverlayInput(header("", "0"), true, 0, 1, null, 1), EN);

        assertThat(c.topLeft()).contains("M 56Y");
    }

    @Test
    void datesAreReadByTheArchivesRuleSoTheOverlayAndTheStudyListAgree() {
        ImageHeader acrNema = new ImageHeader("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", "1.2.3", "1.2.3.1",
                "1.2.840.10008.1.2.1", "WANG^JIANGUO", "FV0001", "M", "1968.05.12", "", "1998.07.04", "0930",
                "CT CHEST", "ACC123", "CT", "3", "", "CHEST", "12", "", "", 512, 512, 1, "");
        OverlayCorners c = OverlayText.of(new OverlayInput(acrNema, true, 0, 1, null, 1), EN);
        assertThat(c.topRight()).contains("1998-07-04 09:30");
        assertThat(c.topLeft()).contains("M 30Y");

        ImageHeader impossible = new ImageHeader("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", "1.2.3", "1.2.3.1",
                "1.2.840.10008.1.2.1", "WANG^JIANGUO", "FV0001", "M", "19680512", "", "20230229", "",
                "CT CHEST", "ACC123", "CT", "3", "", "CHEST", "12", "", "", 512, 512, 1, "");
        OverlayCorners shown = OverlayText.of(new OverlayInput(impossible, true, 0, 1, null, 1), EN);
        assertThat(shown.topRight()).as("shown as stored, not moved to another day").contains("20230229");
        assertThat(shown.topLeft()).as("no age from a date that is not one").contains("M");
    }

    @Test
    void sliceLinesWaitWhileTheSliceDecodes() {
        OverlayCorners c = OverlayText.of(new OverlayInput(header("056Y", "-120.25"), false, 41, 300, null, 1), EN);

        assertThat(c.bottomLeft()).containsExactly("Se: 3 Lung 1mm", "Im: 42/300 (loading)");
        assertThat(c.bottomRight()).containsExactly("Zoom: 100%");
    }

    @Test
    void largeStacksHaveNoGroupingSeparators() {
        OverlayCorners c = OverlayText.of(new OverlayInput(header("056Y", "1"), true, 1233, 2000,
                new WindowLevel(2000, 500), 10.5), EN);

        assertThat(c.bottomLeft()).contains("Im: 1234/2000");
        assertThat(c.bottomRight()).containsExactly("W: 2000 L: 500", "Zoom: 1050%");
    }

    @Test
    void voiLutShowsItsExplanation() {
        VoiLutTable lut = new VoiLutTable(0, new int[] {0, 255}, 8, "SOFT");

        assertThat(OverlayText.window(lut, EN)).isEqualTo("VOI LUT SOFT");
    }

    @Test
    void scaleBarNamesTheCalibrationOnlyWhenItIsNotThePatientPlane() {
        assertThat(OverlayText.scaleBarLabel(50, "Pixel Spacing", EN)).isEqualTo("50 mm");
        assertThat(OverlayText.scaleBarLabel(20, "Imager Pixel Spacing", EN))
                .isEqualTo("20 mm (detector plane, Imager Pixel Spacing)");
        assertThat(OverlayText.scaleBarLabel(2.5, "Imager Pixel Spacing", ZH)).startsWith("2.5 mm （探测器平面");
    }

    @Test
    void emptyHeaderFieldsLeaveNoBlankLines() {
        ImageHeader bare = new ImageHeader("", "1", "2", "3", "", "", "", "", "", "", "", "", "", "", "CT", "", "",
                "", "", "", "", 10, 10, 1, "");
        OverlayCorners c = OverlayText.of(new OverlayInput(bare, true, 0, 1, null, 1), EN);

        assertThat(c.topLeft()).isEmpty();
        assertThat(c.topRight()).isEmpty();
        assertThat(c.bottomLeft()).containsExactly("Se:", "Im: 1/1");
    }
}
