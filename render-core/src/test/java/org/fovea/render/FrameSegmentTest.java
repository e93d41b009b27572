package org.fovea.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A frame that is a segment of a larger array (a series decoded into one array) must look
 * exactly like the same values in an array of their own, whatever its neighbours hold.
 */
class FrameSegmentTest {

    private static final PixelInfo CT = new PixelInfo(false, new Rescale(1, -1024, "HU"), List.of());
    /** Large enough that the renderer splits it between two threads. */
    private static final int SIZE = 512;

    /** A CT-like slice of stored values 24..3000, different at every pixel. */
    private static short[] slice(long seed) {
        Random r = new Random(seed);
        short[] v = new short[SIZE * SIZE];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) (24 + r.nextInt(2977));
        }
        return v;
    }

    /** {@code middle} between two neighbours whose values lie far outside its range. */
    private static short[] between(short[] middle) {
        short[] all = new short[3 * middle.length];
        java.util.Arrays.fill(all, 0, middle.length, Short.MIN_VALUE);
        System.arraycopy(middle, 0, all, middle.length, middle.length);
        java.util.Arrays.fill(all, 2 * middle.length, all.length, Short.MAX_VALUE);
        return all;
    }

    private static int[] render(Frame f, PixelInfo info, Voi voi, boolean invert) {
        int[] argb = new int[f.columns() * f.rows()];
        new FrameRenderer().render(f, info, voi, invert, argb);
        return argb;
    }

    @Test
    void aFrameInTheMiddleOfASharedArrayRendersExactlyLikeTheSameFrameAlone() {
        short[] own = slice(7);
        Frame alone = Frame.grayscale(SIZE, SIZE, own, true, 16);
        Frame view = Frame.grayscale(SIZE, SIZE, between(own), own.length, true, 16);

        assertThat(view.offset()).isEqualTo(own.length);
        // no VOI: the min-max window, which depends on the frame's own range only
        assertThat(render(view, CT, null, false)).isEqualTo(render(alone, CT, null, false));
        assertThat(render(view, CT, new WindowLevel(400, 40), true))
                .isEqualTo(render(alone, CT, new WindowLevel(400, 40), true));
        assertThat(view.storedValue(SIZE - 1, SIZE - 1)).isEqualTo(own[own.length - 1]);
    }

    @Test
    void minAndMaxSeeOnlyTheFramesOwnSegment() {
        short[] shared = {-5, 1, 2, 3, 9000};
        Frame signed = Frame.grayscale(3, 1, shared, 1, true, 16);
        assertThat(signed.minStoredValue()).isEqualTo(1);
        assertThat(signed.maxStoredValue()).isEqualTo(3);
        assertThat(signed.storedValue(0, 0)).isEqualTo(1);

        // unsigned, the -5 before the segment would be the largest value if it were scanned
        Frame unsigned = Frame.grayscale(2, 1, shared, 2, false, 16);
        assertThat(unsigned.minStoredValue()).isEqualTo(2);
        assertThat(unsigned.maxStoredValue()).isEqualTo(3);
    }

    @Test
    void theMinMaxWindowOfAModalityTableCountsOnlyTheSegmentsValues() {
        ModalityLutTable table = new ModalityLutTable(0, new int[] {500, -20, 900, 30, 40}, 16, "");
        // the same values as alone give width 61, centre 10.5; the neighbours 0 and 2 would add 500 and 900
        Frame f = Frame.grayscale(3, 1, new short[] {0, 1, 3, 4, 2}, 1, false, 8);
        WindowLevel w = FrameRenderer.minMaxWindow(f, table);
        assertThat(w.width()).isEqualTo(61);
        assertThat(w.center()).isEqualTo(10.5);
    }

    @Test
    void aPaletteFrameInASharedArrayRendersLikeItsOwnIndices() {
        PaletteLut pal = new PaletteLut(0, 8, new int[] {1, 200, 7}, new int[] {2, 100, 8}, new int[] {3, 50, 9});
        short[] own = {1, 0, 2, 1};
        Frame alone = Frame.palette(2, 2, own, false, 8, pal);
        Frame view = Frame.palette(2, 2, new short[] {2, 2, 1, 0, 2, 1, 0}, 2, false, 8, pal);
        PixelInfo none = new PixelInfo(false, null, null);
        assertThat(render(view, none, null, false)).containsExactly(render(alone, none, null, false));
    }

    @Test
    void aSegmentThatDoesNotFitTheArrayIsRejected() {
        assertThatThrownBy(() -> Frame.grayscale(2, 2, new short[5], 2, false, 16))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Frame.grayscale(2, 2, new short[5], -1, false, 16))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Frame.grayscale(2, 2, new short[5], 1, false, 16).storedValue(1, 1)).isZero();
    }
}
