package org.fovea.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Gamma windows (V3): gray levels a user sees with a non-linear window, computed by hand. */
class GammaWindowTest {

    private static final PixelInfo CT = new PixelInfo(false, new Rescale(1, -1024, "HU"), List.of());
    private static final PixelInfo CT_MONO1 = new PixelInfo(true, new Rescale(1, -1024, "HU"), List.of());
    private static final WindowLevel SOFT_TISSUE = new WindowLevel(400, 40);

    /** Every HU from -1024 to 3071, one row. */
    private static Frame allHu() {
        short[] v = new short[4096];
        for (int i = 0; i < v.length; i++) v[i] = (short) i;
        return Frame.grayscale(v.length, 1, v, true, 16);
    }

    private static Frame ctRow(int... hu) {
        short[] v = new short[hu.length];
        for (int i = 0; i < hu.length; i++) v[i] = (short) (hu[i] + 1024);
        return Frame.grayscale(hu.length, 1, v, true, 16);
    }

    private static int[] gray(Frame f, PixelInfo info, Voi voi, boolean invert) {
        byte[] g = new FrameRenderer().grayLevels(f, info, voi, invert);
        int[] out = new int[g.length];
        for (int i = 0; i < g.length; i++) out[i] = g[i] & 0xFF;
        return out;
    }

    @Test
    void gammaOneIsExactlyTheLinearWindowsForEveryInput() {
        Frame f = allHu();
        for (VoiFunction fn : List.of(VoiFunction.LINEAR, VoiFunction.LINEAR_EXACT)) {
            for (double[] wc : new double[][] {{400, 40}, {1500, -600}, {1, 0}, {80, 35.5}}) {
                WindowLevel plain = new WindowLevel(wc[0], wc[1], fn, "");
                WindowLevel gammaOne = new WindowLevel(wc[0], wc[1], fn, "", 1.0);
                assertThat(gammaOne).isEqualTo(plain);
                assertThat(gray(f, CT, gammaOne, false)).containsExactly(gray(f, CT, plain, false));
                assertThat(gray(f, CT_MONO1, gammaOne, false)).containsExactly(gray(f, CT_MONO1, plain, false));
            }
        }
        // fractional modality values too, through the mapping itself
        GrayMapping linear = GrayMapping.of(SOFT_TISSUE, false);
        GrayMapping gammaOne = GrayMapping.of(SOFT_TISSUE.withGamma(1), false);
        for (double x = -300; x < 300; x += 0.37) {
            assertThat(gammaOne.gray(x)).isEqualTo(linear.gray(x));
        }
    }

    @Test
    void aGammaJustAboveOneDiffersFromLinearByAtMostOneLevel() {
        // the gamma path is the same ramp: only truncation at exact boundaries can differ
        int[] linear = gray(allHu(), CT, SOFT_TISSUE, false);
        int[] almost = gray(allHu(), CT, SOFT_TISSUE.withGamma(1.000001), false);
        for (int i = 0; i < linear.length; i++) {
            assertThat(almost[i]).isBetween(linear[i] - 1, linear[i] + 1);
        }
    }

    @Test
    void gammaTwoBrightensMidGrayAndKeepsTheWindowsEnds() {
        WindowLevel w = SOFT_TISSUE.withGamma(2);
        // LINEAR ramp from -160 to 239: 255 * sqrt((x + 160) / 399)
        // 40: 180.54; -159: 12.77; 100: 205.85
        assertThat(gray(ctRow(-1000, -160, -159, 40, 100, 239, 240, 3000), CT, w, false))
                .containsExactly(0, 0, 12, 180, 205, 255, 255, 255);
        // linear shows the centre at 127 or 128; gamma 2 well above
        assertThat(gray(ctRow(40), CT, SOFT_TISSUE, false)[0]).isEqualTo(127);
        WindowLevel exact = new WindowLevel(400, 40, VoiFunction.LINEAR_EXACT, "", 2);
        // the exact window's centre is at t = 0.5: 255 * sqrt(0.5) = 180.31
        assertThat(gray(ctRow(-160, 40, 240, 241), CT, exact, false)).containsExactly(0, 180, 255, 255);
    }

    @Test
    void gammaBelowOneDarkensMidGray() {
        WindowLevel exact = new WindowLevel(400, 40, VoiFunction.LINEAR_EXACT, "", 0.5);
        // 255 * 0.5^2 = 63.75
        assertThat(gray(ctRow(-160, 40, 240), CT, exact, false)).containsExactly(0, 63, 255);
    }

    @Test
    void gammaWindowsAreMonotonic() {
        for (double gamma : new double[] {0.3, 0.7, 1.4, 2.2, 3}) {
            int[] g = gray(allHu(), CT, new WindowLevel(700, 100).withGamma(gamma), false);
            for (int i = 1; i < g.length; i++) {
                assertThat(g[i]).as("gamma %s at %d HU", gamma, i - 1024).isGreaterThanOrEqualTo(g[i - 1]);
            }
            assertThat(g[0]).isZero();
            assertThat(g[g.length - 1]).isEqualTo(255);
        }
    }

    @Test
    void invertAndMonochrome1StillWork() {
        WindowLevel w = SOFT_TISSUE.withGamma(2);
        Frame f = ctRow(-1000, 40, 100, 3000);
        // inverted shows (int) (255 - y): 255 - 180.54 = 74.46 -> 74; 255 - 205.85 = 49.15 -> 49
        assertThat(gray(f, CT, w, true)).containsExactly(255, 74, 49, 0);
        assertThat(gray(f, CT_MONO1, w, false)).containsExactly(255, 74, 49, 0);
        assertThat(gray(f, CT_MONO1, w, true)).containsExactly(gray(f, CT, w, false));
    }

    @Test
    void aRendererNoticesAGammaChange() {
        FrameRenderer renderer = new FrameRenderer();
        Frame f = ctRow(40);
        assertThat(renderer.grayLevels(f, CT, SOFT_TISSUE, false)[0] & 0xFF).isEqualTo(127);
        assertThat(renderer.grayLevels(f, CT, SOFT_TISSUE.withGamma(2), false)[0] & 0xFF).isEqualTo(180);
        assertThat(renderer.grayLevels(f, CT, SOFT_TISSUE, false)[0] & 0xFF).isEqualTo(127);
    }

    @Test
    void gammaMustBePositiveAndFiniteAndSigmoidTakesNone() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> SOFT_TISSUE.withGamma(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        WindowLevel sigmoid = new WindowLevel(400, 40, VoiFunction.SIGMOID, "");
        assertThat(sigmoid.gamma()).isEqualTo(1);
        assertThatThrownBy(() -> sigmoid.withGamma(2)).isInstanceOf(IllegalArgumentException.class);
        // gamma is not a DICOM term: a header's function never brings one
        assertThat(new WindowLevel(400, 40, VoiFunction.fromDicom("GAMMA"), "").gamma()).isEqualTo(1);
    }
}
