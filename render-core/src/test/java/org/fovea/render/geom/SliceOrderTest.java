package org.fovea.render.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.fovea.render.Dcmtk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SliceOrderTest {

    private record Slice(String name, ImagePlane plane, Integer instance) {
    }

    private static ImagePlane plane(Vec3 row, Vec3 col, Vec3 position) {
        return new ImagePlane(position, row, col, 0.7, 0.7, 1, "Pixel Spacing");
    }

    private static List<String> sortedNames(List<Slice> slices) {
        List<Slice> shuffled = new ArrayList<>(slices);
        Collections.shuffle(shuffled, new Random(7));
        return SliceOrder.sort(shuffled, Slice::plane, Slice::instance).stream().map(Slice::name).toList();
    }

    @Test
    void axialRunsFromHeadToFeet() {
        Vec3 row = new Vec3(1, 0, 0), col = new Vec3(0, 1, 0);
        List<Slice> s = List.of(
                new Slice("z-10", plane(row, col, new Vec3(-100, -100, -10)), 1),
                new Slice("z+20", plane(row, col, new Vec3(-100, -100, 20)), 3),
                new Slice("z+5", plane(row, col, new Vec3(-100, -100, 5)), 2));
        assertThat(sortedNames(s)).containsExactly("z+20", "z+5", "z-10");
    }

    @Test
    void axialWithAnInvertedNormalStillRunsHeadFirst() {
        // column direction anterior makes the normal point to the feet
        Vec3 row = new Vec3(1, 0, 0), col = new Vec3(0, -1, 0);
        List<Slice> s = List.of(
                new Slice("low", plane(row, col, new Vec3(0, 0, -50)), 9),
                new Slice("high", plane(row, col, new Vec3(0, 0, 50)), 1));
        assertThat(sortedNames(s)).containsExactly("high", "low");
    }

    @Test
    void coronalRunsFrontToBackAndSagittalRightToLeft() {
        Vec3 x = new Vec3(1, 0, 0), y = new Vec3(0, 1, 0), down = new Vec3(0, 0, -1);
        List<Slice> coronal = List.of(
                new Slice("posterior", plane(x, down, new Vec3(0, 40, 0)), 1),
                new Slice("anterior", plane(x, down, new Vec3(0, -40, 0)), 2));
        assertThat(sortedNames(coronal)).containsExactly("anterior", "posterior");
        List<Slice> sagittal = List.of(
                new Slice("left", plane(y, down, new Vec3(30, 0, 0)), 1),
                new Slice("right", plane(y, down, new Vec3(-30, 0, 0)), 2));
        assertThat(sortedNames(sagittal)).containsExactly("right", "left");
    }

    @Test
    void gantryTiltedStackSortsAlongItsNormal() {
        double c = Math.cos(Math.toRadians(20)), s = Math.sin(Math.toRadians(20));
        Vec3 row = new Vec3(1, 0, 0), col = new Vec3(0, c, -s);
        Vec3 normal = row.cross(col); // mostly +z
        List<Slice> slices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slices.add(new Slice("s" + i, plane(row, col, new Vec3(0, 17, 3).plus(normal.times(2.5 * i))), 10 - i));
        }
        assertThat(sortedNames(slices)).containsExactly("s4", "s3", "s2", "s1", "s0");
        List<ImagePlane> planes = SliceOrder.sort(slices, Slice::plane, Slice::instance).stream().map(Slice::plane).toList();
        assertThat(SliceOrder.sliceSpacing(planes).orElseThrow()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void withoutGeometryInstanceNumberDecidesAndMissingNumbersGoLast() {
        Vec3 row = new Vec3(1, 0, 0), col = new Vec3(0, 1, 0);
        List<Slice> s = List.of(
                new Slice("third", plane(row, col, new Vec3(0, 0, 100)), 3),
                new Slice("none", null, null),
                new Slice("first", null, 1),
                new Slice("second", plane(row, col, new Vec3(0, 0, 200)), 2));
        assertThat(sortedNames(s)).containsExactly("first", "second", "third", "none");
    }

    @Test
    void samePositionFallsBackToInstanceNumber() {
        Vec3 row = new Vec3(1, 0, 0), col = new Vec3(0, 1, 0);
        List<Slice> s = List.of(
                new Slice("b", plane(row, col, new Vec3(0, 0, 0)), 2),
                new Slice("a", plane(row, col, new Vec3(0, 0, 0)), 1));
        assertThat(sortedNames(s)).containsExactly("a", "b");
    }

    @Test
    void sliceSpacingIsTheMedianGapSoOneMissingSliceDoesNotChangeIt() {
        Vec3 row = new Vec3(1, 0, 0), col = new Vec3(0, 1, 0);
        List<ImagePlane> planes = Stream.of(10.0, 8.75, 7.5, 3.75, 2.5)
                .map(z -> plane(row, col, new Vec3(0, 0, z))).toList();
        assertThat(SliceOrder.sliceSpacing(planes).orElseThrow()).isCloseTo(1.25, within(1e-9));
        assertThat(SliceOrder.sliceSpacing(planes.subList(0, 1))).isEmpty();
    }

    @Test
    void sharedCorpusMrPhantomRunsFromTheTopSliceDownAtOneMillimetreApart() throws Exception {
        Path series = Path.of(System.getProperty("fovea.shared", "../../shared"), "testdata/dicom/series-mr-phantom-128");
        Dcmtk.require("dcmdump");
        Assumptions.assumeTrue(Files.isDirectory(series), "needs the shared corpus at " + series);
        List<Slice> slices = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of("slice0.dcm", "slice127.dcm"));
        for (int i = 60; i <= 66; i++) names.add("slice" + i + ".dcm");
        for (String name : names) {
            Path f = series.resolve(name);
            double[] iop = Dcmtk.decimals(f, "0020,0037");
            double[] ipp = Dcmtk.decimals(f, "0020,0032");
            double[] ps = Dcmtk.decimals(f, "0028,0030");
            int instance = (int) Dcmtk.decimals(f, "0020,0013")[0];
            slices.add(new Slice(name, new ImagePlane(Vec3.of(ipp), new Vec3(iop[0], iop[1], iop[2]),
                    new Vec3(iop[3], iop[4], iop[5]), ps[0], ps[1], 1, "Pixel Spacing"), instance));
        }
        List<Slice> sorted = SliceOrder.sort(slices, Slice::plane, Slice::instance);
        assertThat(sorted).extracting(Slice::name)
                .containsExactly("slice127.dcm", "slice66.dcm", "slice65.dcm", "slice64.dcm", "slice63.dcm",
                        "slice62.dcm", "slice61.dcm", "slice60.dcm", "slice0.dcm");
        assertThat(SliceOrder.sliceSpacing(sorted.stream().map(Slice::plane).toList()).orElseThrow())
                .isCloseTo(1, within(1e-9));
    }
}
