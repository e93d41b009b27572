package org.fovea.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gray levels a radiologist sees for known stored values, computed by hand from the formulas
 * of PS3.3 C.11 with the 8-bit output truncated as DCMTK does.
 */
class FrameRendererTest {

    private static final PixelInfo CT = new PixelInfo(false, new Rescale(1, -1024, "HU"), List.of());
    private static final PixelInfo CT_MONO1 = new PixelInfo(true, new Rescale(1, -1024, "HU"), List.of());
    private static final WindowLevel SOFT_TISSUE = new WindowLevel(400, 40);

    private final FrameRenderer renderer = new FrameRenderer();

    /** A one-row CT frame holding these Hounsfield units (stored = HU + 1024, signed). */
    private static Frame ctRow(int... hu) {
        short[] v = new short[hu.length];
        for (int i = 0; i < hu.length; i++) v[i] = (short) (hu[i] + 1024);
        return Frame.grayscale(hu.length, 1, v, true, 16);
    }

    private int[] gray(Frame f, PixelInfo info, Voi voi, boolean invert) {
        byte[] g = renderer.grayLevels(f, info, voi, invert);
        int[] out = new int[g.length];
        for (int i = 0; i < g.length; i++) out[i] = g[i] & 0xFF;
        return out;
    }

    @Test
    void linearWindowFollowsC112121() {
        // x <= c - 0.5 - (w-1)/2 = -160 is black, x > c - 0.5 + (w-1)/2 = 239 is white,
        // between: ((x - 39.5) / 399 + 0.5) * 255, truncated
        int[] g = gray(ctRow(-1000, -160, -159, 0, 100, 240, 3000), CT, SOFT_TISSUE, false);
        // -159: 0.639 -> 0; 0: 102.256 -> 102; 100: 166.165 -> 166
        assertThat(g).containsExactly(0, 0, 0, 102, 166, 255, 255);
    }

    @Test
    void linearExactWindowFollowsC112132() {
        WindowLevel w = new WindowLevel(400, 40, VoiFunction.LINEAR_EXACT, "");
        // x <= c - w/2 = -160 black, x > c + w/2 = 240 white, between ((x - 40) / 400 + 0.5) * 255
        int[] g = gray(ctRow(-160, -159, 100, 141, 241), CT, w, false);
        // -159: 0.6375 -> 0; 100: 165.75 -> 165; 141: 0.7525 * 255 = 191.8875 -> 191
        assertThat(g).containsExactly(0, 0, 165, 191, 255);
        // the same values through LINEAR differ: the two functions are really applied
        assertThat(gray(ctRow(100, 141), CT, SOFT_TISSUE, false)).containsExactly(166, 192);
    }

    @Test
    void sigmoidFollowsC112131() {
        WindowLevel w = new WindowLevel(400, 40, VoiFunction.SIGMOID, "");
        // 255 / (1 + exp(-4 (x - 40) / 400))
        int[] g = gray(ctRow(40, 140, -60, 3000, -3000), CT, w, false);
        // 40: 127.5 -> 127; 140: 255 / (1 + e^-1) = 186.42; -60: 255 / (1 + e) = 68.58; far ends never reach 0/255
        assertThat(g).containsExactly(127, 186, 68, 254, 0);
    }

    @Test
    void rescaleSlopeAndInterceptAreAppliedBeforeTheWindow() {
        PixelInfo pet = new PixelInfo(false, new Rescale(0.5, 10, ""), List.of());
        Frame f = Frame.grayscale(3, 1, new short[] {0, 100, 181}, false, 16);
        // outputs 10, 60, 100.5; window 101/50: ((x - 49.5) / 100 + 0.5) * 255
        int[] g = gray(f, pet, new WindowLevel(101, 50), false);
        // 10: 0.105 * 255 = 26.775 -> 26; 60: 0.605 * 255 = 154.275 -> 154; 100.5 > 99.5 -> white
        assertThat(g).containsExactly(26, 154, 255);
    }

    @Test
    void modalityLutTableIsClampedAtItsEnds() {
        ModalityLutTable table = new ModalityLutTable(100, new int[] {0, 50, 200}, 8, "");
        PixelInfo info = new PixelInfo(false, table, List.of());
        Frame f = Frame.grayscale(5, 1, new short[] {0, 100, 101, 102, 4000}, false, 12);
        // window 256/127.5 maps 0..255 one to one: ((x - 127) / 255 + 0.5) * 255 = x + 0.5
        int[] g = gray(f, info, new WindowLevel(256, 127.5), false);
        assertThat(g).containsExactly(0, 0, 50, 200, 200);
    }

    @Test
    void monochrome1ShowsTheMinimumAsWhite() {
        Frame f = ctRow(-1000, 0, 100, 1000);
        // inverted output is (int) (255 - y): 100 HU gives 255 - 166.165 = 88.8 -> 88
        assertThat(gray(f, CT_MONO1, SOFT_TISSUE, false)).containsExactly(255, 152, 88, 0);
        assertThat(gray(f, CT, SOFT_TISSUE, false)).containsExactly(0, 102, 166, 255);
    }

    @Test
    void userInvertReversesMonochrome2AndUndoesMonochrome1() {
        Frame f = ctRow(-1000, 0, 100, 1000);
        assertThat(gray(f, CT, SOFT_TISSUE, true)).containsExactly(gray(f, CT_MONO1, SOFT_TISSUE, false));
        assertThat(gray(f, CT_MONO1, SOFT_TISSUE, true)).containsExactly(gray(f, CT, SOFT_TISSUE, false));
    }

    @Test
    void voiLutTableEntriesAreScaledByTheirBitDepth() {
        Frame f = Frame.grayscale(6, 1, new short[] {-5, 0, 1, 2, 3, 9}, true, 16);
        PixelInfo info = new PixelInfo(false, ModalityLut.identity(), List.of());
        // first mapped 0; values before it take the first entry, after the end the last
        VoiLutTable lut12 = new VoiLutTable(0, new int[] {100, 0, 2048, 4095}, 12, "");
        // 100 * 256 / 4095 = 6.25 -> 6; 2048 -> 128.03 -> 128; 4095 -> 255
        assertThat(gray(f, info, lut12, false)).containsExactly(6, 6, 0, 128, 255, 255);
        VoiLutTable lut8 = new VoiLutTable(0, new int[] {7, 0, 128, 255}, 8, "");
        assertThat(gray(f, info, lut8, false)).containsExactly(7, 7, 0, 128, 255, 255);
        VoiLutTable lut16 = new VoiLutTable(0, new int[] {257, 0, 32768, 65535}, 16, "");
        assertThat(gray(f, info, lut16, false)).containsExactly(1, 1, 0, 128, 255, 255);
        // inverted, a VOI LUT image is the exact mirror
        assertThat(gray(f, info, lut12, true)).containsExactly(249, 249, 255, 127, 0, 0);
    }

    @Test
    void voiLutTableQuantisationEqualsDcmtksForEightToSixteenBitEntries() {
        // DCMTK scales by 256 / 2^n, the standard normalises by 2^n - 1: the same 8-bit levels
        for (int bits = 8; bits <= 16; bits++) {
            int[] data = new int[1 << bits];
            short[] idx = new short[data.length];
            for (int v = 0; v < data.length; v++) { data[v] = v; idx[v] = (short) v; }
            Frame f = Frame.grayscale(data.length, 1, idx, false, 16);
            int[] g = gray(f, new PixelInfo(false, null, null), new VoiLutTable(0, data, bits, ""), false);
            for (int v = 0; v < data.length; v++) {
                assertThat(g[v]).as("entry %d of %d bits", v, bits).isEqualTo((int) (v * 256.0 / (1 << bits)));
            }
        }
    }

    @Test
    void withoutAVoiTheHeadersFirstWindowIsUsed() {
        PixelInfo withHeader = new PixelInfo(false, new Rescale(1, -1024, "HU"),
                List.of(new WindowLevel(1500, -600), SOFT_TISSUE));
        Frame f = ctRow(-600, 100);
        assertThat(gray(f, withHeader, null, false)).containsExactly(gray(f, CT, new WindowLevel(1500, -600), false));
        assertThat(FrameRenderer.effectiveVoi(f, withHeader, null)).isEqualTo(new WindowLevel(1500, -600));
    }

    @Test
    void withoutAnyVoiTheMinMaxWindowSpansTheFramesValues() {
        Frame f = ctRow(-1000, -500, 0, 500, 1000);
        WindowLevel w = FrameRenderer.minMaxWindow(f, CT.modalityLut());
        // as dcmj2pnm +Wm: width max - min + 1, centre (min + max + 1) / 2
        assertThat(w.width()).isEqualTo(2001);
        assertThat(w.center()).isEqualTo(0.5);
        // ((x - 0) / 2000 + 0.5) * 255
        assertThat(gray(f, CT, null, false)).containsExactly(0, 63, 127, 191, 255);
    }

    @Test
    void minMaxWindowOfAModalityTableUsesOnlyTheValuesPresent() {
        ModalityLutTable table = new ModalityLutTable(0, new int[] {500, -20, 900, 30, 40}, 16, "");
        Frame f = Frame.grayscale(3, 1, new short[] {1, 3, 4}, false, 8);
        WindowLevel w = FrameRenderer.minMaxWindow(f, table);
        assertThat(w.width()).isEqualTo(61);
        assertThat(w.center()).isEqualTo(10.5);
    }

    @Test
    void unsignedSixteenBitValuesAboveThirtyTwoThousandAreNotNegative() {
        Frame f = Frame.grayscale(2, 1, new short[] {(short) 40000, 100}, false, 16);
        PixelInfo info = new PixelInfo(false, null, null);
        assertThat(gray(f, info, new WindowLevel(1000, 40000), false)).containsExactly(127, 0);
    }

    @Test
    void renderWritesOpaqueGrayArgb() {
        int[] argb = new int[2];
        renderer.render(ctRow(0, 3000), CT, SOFT_TISSUE, false, argb);
        assertThat(argb).containsExactly(0xFF666666, 0xFFFFFFFF);
    }

    @Test
    void aStackWithGrowingRangesAndChangingSettingsRendersLikeAFreshRenderer() {
        Frame narrow = ctRow(-10, 0, 10);
        Frame wide = ctRow(-1024, -300, 0, 50, 2000);
        renderer.grayLevels(narrow, CT, SOFT_TISSUE, false);
        assertThat(renderer.grayLevels(wide, CT, SOFT_TISSUE, false))
                .containsExactly(new FrameRenderer().grayLevels(wide, CT, SOFT_TISSUE, false));
        assertThat(renderer.grayLevels(narrow, CT, new WindowLevel(80, 40), false))
                .containsExactly(new FrameRenderer().grayLevels(narrow, CT, new WindowLevel(80, 40), false));
        assertThat(renderer.grayLevels(narrow, CT_MONO1, new WindowLevel(80, 40), false))
                .containsExactly(new FrameRenderer().grayLevels(narrow, CT_MONO1, new WindowLevel(80, 40), false));
    }

    @Test
    void paletteIndicesAreClampedAndSixteenBitEntriesShowTheirHighByte() {
        PaletteLut pal = new PaletteLut(10, 16,
                new int[] {0x12FF, 0xFF00, 0x0000}, new int[] {0x0080, 0x8000, 0xFFFF}, new int[] {0xABCD, 0x0100, 0x7F7F});
        Frame f = Frame.palette(5, 1, new short[] {0, 10, 11, 12, 200}, false, 8, pal);
        int[] argb = new int[5];
        renderer.render(f, new PixelInfo(false, null, null), null, false, argb);
        assertThat(argb).containsExactly(0xFF1200AB, 0xFF1200AB, 0xFFFF8001, 0xFF00FF7F, 0xFF00FF7F);
        renderer.render(f, new PixelInfo(false, null, null), null, true, argb);
        assertThat(argb[2]).isEqualTo(0xFF007FFE);
    }

    @Test
    void eightBitPaletteEntriesAreShownAsTheyAre() {
        PaletteLut pal = new PaletteLut(0, 8, new int[] {1, 200}, new int[] {2, 100}, new int[] {3, 50});
        Frame f = Frame.palette(2, 1, new short[] {0, 1}, false, 8, pal);
        int[] argb = new int[2];
        renderer.render(f, new PixelInfo(false, null, null), null, false, argb);
        assertThat(argb).containsExactly(0xFF010203, 0xFFC86432);
    }

    @Test
    void rgbPassesThroughAndInvertsOnRequest() {
        Frame f = Frame.rgb(2, 1, new int[] {0x00102030, 0x00FFFFFF});
        int[] argb = new int[2];
        renderer.render(f, new PixelInfo(false, null, null), SOFT_TISSUE, false, argb);
        assertThat(argb).containsExactly(0xFF102030, 0xFFFFFFFF);
        renderer.render(f, new PixelInfo(false, null, null), null, true, argb);
        assertThat(argb).containsExactly(0xFFEFDFCF, 0xFF000000);
    }

    @Test
    void tooSmallOutputAndColourGrayLevelsAreRejected() {
        assertThatThrownBy(() -> renderer.render(ctRow(0, 1), CT, null, false, new int[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> renderer.grayLevels(Frame.rgb(1, 1, new int[1]), CT, null, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windowWidthsOutsideTheStandardAreRejected() {
        assertThatThrownBy(() -> new WindowLevel(0.5, 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WindowLevel(0, 40, VoiFunction.LINEAR_EXACT, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new WindowLevel(0.5, 40, VoiFunction.LINEAR_EXACT, "").width()).isEqualTo(0.5);
    }
}
