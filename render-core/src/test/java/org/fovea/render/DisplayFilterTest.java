package org.fovea.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Region;
import org.fovea.render.measure.RegionStats;
import org.junit.jupiter.api.Test;

/** Display filters (V21): what they do to the picture, and that they leave the image's values alone. */
class DisplayFilterTest {

    private static int gray(int g) {
        return 0xFF000000 | g << 16 | g << 8 | g;
    }

    private static int[] flat(int columns, int rows, int argb) {
        int[] p = new int[columns * rows];
        Arrays.fill(p, argb);
        return p;
    }

    private static int[] filter(DisplayFilter f, int[] in, int columns, int rows) {
        int[] out = new int[in.length];
        f.apply(in, columns, rows, out);
        return out;
    }

    /** The blue channel of one row. */
    private static int[] row(int[] argb, int columns, int y) {
        int[] r = new int[columns];
        for (int x = 0; x < columns; x++) r[x] = argb[y * columns + x] & 255;
        return r;
    }

    /** 8 x 3, columns 0-3 at {@code dark}, 4-7 at {@code bright}. */
    private static int[] step(int dark, int bright) {
        int[] p = new int[8 * 3];
        for (int i = 0; i < p.length; i++) p[i] = gray(i % 8 < 4 ? dark : bright);
        return p;
    }

    @Test
    void smoothingSpreadsASingleBrightPixelAndLowersItsPeak() {
        int[] in = flat(5, 5, gray(0));
        in[12] = gray(255);
        int[] out = filter(DisplayFilter.SMOOTH, in, 5, 5);
        // 255 * 4/16, 2/16, 1/16, rounded
        assertThat(row(out, 5, 2)).containsExactly(0, 32, 64, 32, 0);
        assertThat(row(out, 5, 1)).containsExactly(0, 16, 32, 16, 0);
        assertThat(row(out, 5, 0)).containsExactly(0, 0, 0, 0, 0);
        assertThat(out[12]).isEqualTo(gray(64));
    }

    @Test
    void everyFilterLeavesAFlatPictureUnchangedUpToItsBorder() {
        for (DisplayFilter f : DisplayFilter.values()) {
            for (int argb : new int[] {gray(0), gray(137), gray(255), 0xFF3060A0, 0x80FFFFFF}) {
                // without clamped edges the border would darken
                assertThat(filter(f, flat(7, 4, argb), 7, 4)).as("%s on %08x", f, argb).containsOnly(argb);
            }
            assertThat(filter(f, new int[] {gray(77)}, 1, 1)).containsExactly(gray(77));
        }
    }

    @Test
    void sharpeningOvershootsOnBothSidesOfAStep() {
        int[] out = filter(DisplayFilter.SHARPEN, step(100, 150), 8, 3);
        // (8 * 100 - 3 * 100 - 150) / 4 = 87.5 -> 88; (8 * 150 - 3 * 150 - 100) / 4 = 162.5 -> 163
        for (int y = 0; y < 3; y++) {
            assertThat(row(out, 8, y)).containsExactly(100, 100, 100, 88, 163, 150, 150, 150);
        }
    }

    @Test
    void edgeEnhancementHighlightsAStepStronglyAndClamps() {
        int[] out = filter(DisplayFilter.EDGE, step(100, 110), 8, 3);
        // 9 * 100 - 5 * 100 - 3 * 110 = 70; 9 * 110 - 5 * 110 - 3 * 100 = 140: 10 levels become 70
        assertThat(row(out, 8, 1)).containsExactly(100, 100, 100, 70, 140, 110, 110, 110);
        int[] hard = filter(DisplayFilter.EDGE, step(20, 200), 8, 3);
        assertThat(row(hard, 8, 0)).containsExactly(20, 20, 20, 0, 255, 200, 200, 200);
    }

    @Test
    void edgeEnhancementCatchesDiagonalsThatSharpeningMisses() {
        // a pixel whose only differing neighbours are diagonal
        int[] in = flat(3, 3, gray(100));
        for (int i : new int[] {0, 2, 6, 8}) in[i] = gray(60);
        assertThat(filter(DisplayFilter.SHARPEN, in, 3, 3)[4]).isEqualTo(gray(100));
        assertThat(filter(DisplayFilter.EDGE, in, 3, 3)[4]).isEqualTo(gray(255));
    }

    @Test
    void colourChannelsAreFilteredSeparatelyAndAlphaIsKept() {
        // blue flat at 200, red a single spike, green a step; alpha 0x80
        int[] in = new int[5 * 5];
        for (int i = 0; i < in.length; i++) {
            int green = i % 5 < 2 ? 40 : 90;
            in[i] = 0x80000000 | (i == 12 ? 255 : 0) << 16 | green << 8 | 200;
        }
        for (DisplayFilter f : DisplayFilter.values()) {
            int[] out = filter(f, in, 5, 5);
            for (int p : out) {
                assertThat(p >>> 24).isEqualTo(0x80);
                assertThat(p & 255).isEqualTo(200);
            }
        }
        int[] smooth = filter(DisplayFilter.SMOOTH, in, 5, 5);
        assertThat(smooth[12] >> 16 & 255).isEqualTo(64);
        assertThat(smooth[11] >> 16 & 255).isEqualTo(32);
        // green across its step, (40 + 2 * 40 + 90) / 4 and (40 + 2 * 90 + 90) / 4 horizontally
        assertThat(smooth[11] >> 8 & 255).isEqualTo(53);
        assertThat(smooth[12] >> 8 & 255).isEqualTo(78);
        int[] edge = filter(DisplayFilter.EDGE, in, 5, 5);
        assertThat(edge[12] >> 16 & 255).isEqualTo(255);
        assertThat(edge[11] >> 16 & 255).isZero();
    }

    @Test
    void colourAndGrayPathsAgreeChannelByChannel() {
        // the same random gray picture filtered once as gray and once with a colour pixel added far away
        int columns = 40, rows = 30;
        java.util.Random random = new java.util.Random(7);
        int[] grayPicture = new int[columns * rows];
        for (int i = 0; i < grayPicture.length; i++) grayPicture[i] = gray(random.nextInt(256));
        int[] tinted = grayPicture.clone();
        tinted[0] = 0xFF000000 | (grayPicture[0] & 0xFFFF00);
        for (DisplayFilter f : DisplayFilter.values()) {
            int[] a = filter(f, grayPicture, columns, rows);
            int[] b = filter(f, tinted, columns, rows);
            for (int i = columns * 2; i < a.length; i++) {
                assertThat(b[i]).as("%s pixel %d", f, i).isEqualTo(a[i]);
            }
        }
    }

    @Test
    void theInputIsNotChangedAndCannotBeTheOutput() {
        int[] in = step(100, 150);
        int[] copy = in.clone();
        filter(DisplayFilter.EDGE, in, 8, 3);
        assertThat(in).containsExactly(copy);
        assertThatThrownBy(() -> DisplayFilter.SMOOTH.apply(in, 8, 3, in)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DisplayFilter.SMOOTH.apply(in, 8, 4, new int[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filteringTheDisplayLeavesTheFramesValuesAndMeasuredHuUnchanged() {
        // a CT slice: -1000 HU around a 60 HU square with 1 HU noise, stored = HU + 1024
        int size = 64;
        short[] stored = new short[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int hu = x >= 20 && x < 44 && y >= 20 && y < 44 ? 60 + (x + y) % 3 - 1 : -1000;
                stored[y * size + x] = (short) (hu + 1024);
            }
        }
        short[] before = stored.clone();
        Frame frame = Frame.grayscale(size, size, stored, true, 16);
        Rescale hu = new Rescale(1, -1024, "HU");
        PixelInfo info = new PixelInfo(false, hu, List.of());
        Region roi = Region.rectangle(new ImagePoint(24, 24), new ImagePoint(40, 40));
        RegionStats measured = RegionStats.of(roi, frame, hu);

        FrameRenderer renderer = new FrameRenderer();
        int[] plain = new int[size * size];
        renderer.render(frame, info, new WindowLevel(400, 40), false, plain);
        for (DisplayFilter f : List.of(DisplayFilter.SMOOTH, DisplayFilter.SHARPEN, DisplayFilter.EDGE)) {
            int[] shown = new int[size * size];
            renderer.render(frame, info, new WindowLevel(400, 40), false, f, shown);
            // the picture did change at the square's edge...
            assertThat(shown).as("%s", f).isNotEqualTo(plain);
            int[] expected = new int[size * size];
            f.apply(plain, size, size, expected);
            assertThat(shown).containsExactly(expected);
            // ...but not the frame, nor what is measured on it
            assertThat(stored).containsExactly(before);
            assertThat(RegionStats.of(roi, frame, hu)).isEqualTo(measured);
        }
        assertThat(measured.mean()).isBetween(59.0, 61.0);
    }
}
