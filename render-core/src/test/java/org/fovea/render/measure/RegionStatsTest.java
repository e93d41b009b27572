package org.fovea.render.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.fovea.render.Frame;
import org.fovea.render.ModalityLutTable;
import org.junit.jupiter.api.Test;

class RegionStatsTest {

    private static ImagePoint p(double x, double y) {
        return new ImagePoint(x, y);
    }

    @Test
    void anEllipseInsideAUniformVesselGivesItsHuWithNoSpread() {
        Frame f = new Phantom(256, -800).disc(128, 128, 20, 250).noise(0, 1).frame();
        RegionStats s = RegionStats.of(Region.ellipse(p(116, 118), p(140, 136)), f, Phantom.CT);
        assertThat(s.mean()).isCloseTo(250, within(1e-9));
        assertThat(s.sd()).isCloseTo(0, within(1e-9));
        assertThat(s.min()).isEqualTo(250);
        assertThat(s.max()).isEqualTo(250);
        assertThat(s.count()).isGreaterThan(300);
    }

    @Test
    void anEllipseDrawnAroundADiscGivesItsAreaWithinTwoPercentAndItsPixelsWithin() {
        double r = 37.3;
        Frame f = new Phantom(256, -1000).disc(128.2, 127.6, r, 60).frame();
        Scale s = Scale.pixelSpacing(0.6, 0.6);
        double truth = Math.PI * (r * 0.6) * (r * 0.6);
        Region e = Region.ellipse(p(128.2 - r, 127.6 - r), p(128.2 + r, 127.6 + r));
        assertThat(e.area(s)).isCloseTo(truth, within(truth * 0.02));
        RegionStats stats = RegionStats.of(e, f, Phantom.CT);
        assertThat(stats.count() * s.pixelArea()).isCloseTo(truth, within(truth * 0.02));
        assertThat(stats.min()).isEqualTo(60);     // every pixel it holds is the disc's
    }

    @Test
    void statisticsMatchAPixelByPixelCount() {
        Frame f = new Phantom(64, 0).noise(300, 7).frame();
        List<ImagePoint> star = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 9; i++) {
            double a = 2 * Math.PI * i / 9, rr = 8 + random.nextDouble() * 20;
            star.add(p(32 + rr * Math.cos(a), 31.3 + rr * Math.sin(a)));
        }
        Region region = Region.polygon(star);
        Set<Integer> inside = new HashSet<>();
        region.spans(64, 64, (row, from, to) -> {
            for (int c = from; c < to; c++) {
                assertThat(inside.add(row * 64 + c)).as("pixel visited twice").isTrue();
            }
        });
        double sum = 0, sumSq = 0, min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        int n = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                boolean in = contains(star, x + 0.5, y + 0.5);
                assertThat(inside.contains(y * 64 + x)).as("pixel %d,%d", x, y).isEqualTo(in);
                if (in) {
                    double v = Phantom.CT.apply(f.storedValue(x, y));
                    sum += v; sumSq += v * v; n++;
                    min = Math.min(min, v); max = Math.max(max, v);
                }
            }
        }
        RegionStats s = RegionStats.of(region, f, Phantom.CT);
        double mean = sum / n;
        assertThat(s.count()).isEqualTo(n);
        assertThat(s.mean()).isCloseTo(mean, within(1e-9));
        assertThat(s.sd()).isCloseTo(Math.sqrt(sumSq / n - mean * mean), within(1e-6));
        assertThat(s.min()).isEqualTo(min);
        assertThat(s.max()).isEqualTo(max);
    }

    @Test
    void aModalityLutTableIsAppliedBeforeAveraging() {
        short[] v = {0, 1, 2, 3};
        Frame f = Frame.grayscale(2, 2, v, false, 8);
        var table = new ModalityLutTable(0, new int[] {100, 90, 80, 70}, 8, "");
        RegionStats s = RegionStats.of(Region.rectangle(p(0, 0), p(2, 2)), f, table);
        assertThat(s.mean()).isEqualTo(85);
        assertThat(s.min()).isEqualTo(70);
        assertThat(s.max()).isEqualTo(100);
    }

    @Test
    void regionsOffTheImageHoldNothingAndColourIsRefused() {
        Frame f = new Phantom(16, 0).frame();
        assertThat(RegionStats.of(Region.rectangle(p(20, 20), p(30, 30)), f, Phantom.CT).count()).isZero();
        assertThat(RegionStats.of(Region.rectangle(p(-5, -5), p(2, 2)), f, Phantom.CT).count()).isEqualTo(4);
        Frame rgb = Frame.rgb(2, 2, new int[4]);
        assertThatThrownBy(() -> RegionStats.of(Region.rectangle(p(0, 0), p(2, 2)), rgb, Phantom.CT))
                .hasMessageContaining("colour");
    }

    private static boolean contains(List<ImagePoint> poly, double x, double y) {
        boolean in = false;
        for (int i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
            ImagePoint a = poly.get(i), b = poly.get(j);
            if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                in = !in;
            }
        }
        return in;
    }
}
