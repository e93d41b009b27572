package org.fovea.render.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reference lines (V24) and locate on a phantom of known geometry, LPS, mm. */
class ReferenceLineTest {

    private static final double EPS = 1e-9;

    /** An axial slice at height z: 400 x 400 pixels of 0.5 mm from (-100, -100). */
    private static ImagePlane axial(double z) {
        return new ImagePlane(new Vec3(-100, -100, z), new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0.5, 0.5, 1, "");
    }

    /** Coronal through y = 0, seen from the front: 200 x 200 pixels of 1 mm, z from 100 down to -99. */
    private static final ImagePlane CORONAL =
            new ImagePlane(new Vec3(-100, 0, 100), new Vec3(1, 0, 0), new Vec3(0, 0, -1), 1, 1, 1, "");

    /** Sagittal through x = 0: 200 x 200 pixels of 1 mm, y from -100, z from 100 down. */
    private static final ImagePlane SAGITTAL =
            new ImagePlane(new Vec3(0, -100, 100), new Vec3(0, 1, 0), new Vec3(0, 0, -1), 1, 1, 1, "");

    private static Segment segment(ImagePlane source, ImagePlane target) {
        Optional<ReferenceLine.Segment> s = ReferenceLine.of(source, target, 200, 200);
        assertThat(s).isPresent();
        ReferenceLine.Segment g = s.get();
        return new Segment(g.startColumn(), g.startRow(), g.endColumn(), g.endRow());
    }

    private record Segment(double c0, double r0, double c1, double r1) {
        void is(double ec0, double er0, double ec1, double er1) {
            assertThat(new double[] {c0, r0, c1, r1}).containsExactly(new double[] {ec0, er0, ec1, er1}, within(EPS));
        }
    }

    /** The localizer turned by {@code degrees} within the coronal plane about its first pixel. */
    private static ImagePlane coronalTurnedInPlane(double degrees) {
        double s = Math.sin(Math.toRadians(degrees)), c = Math.cos(Math.toRadians(degrees));
        return new ImagePlane(new Vec3(-100, 0, 100), new Vec3(c, 0, s), new Vec3(s, 0, -c), 1, 1, 1, "");
    }

    @Test
    void anAxialSliceCutsTheCoronalImageAlongRowSeventyFromEdgeToEdge() {
        // z = 100 - row: z = 30 is row 70, exactly
        segment(axial(30), CORONAL).is(-0.5, 70, 199.5, 70);
    }

    @Test
    void anAxialSliceCutsTheSagittalImageAlongRowSeventyToo() {
        segment(axial(30), SAGITTAL).is(-0.5, 70, 199.5, 70);
    }

    @Test
    void aSagittalSliceIsAVerticalLineOnTheCoronalImageFromTopToBottom() {
        ImagePlane sagittalAtMinus20 =
                new ImagePlane(new Vec3(-20, -100, 100), new Vec3(0, 1, 0), new Vec3(0, 0, -1), 1, 1, 1, "");
        segment(sagittalAtMinus20, CORONAL).is(80, -0.5, 80, 199.5);
    }

    @Test
    void nonSquarePixelsOfTheTargetAreCounted() {
        // 2 mm between rows, 0.5 mm between columns
        ImagePlane coronal = new ImagePlane(new Vec3(-100, 0, 100), new Vec3(1, 0, 0), new Vec3(0, 0, -1), 2, 0.5, 1, "");
        assertThat(ReferenceLine.of(axial(30), coronal, 400, 100)).get()
                .isEqualTo(new ReferenceLine.Segment(-0.5, 35, 399.5, 35));
        ImagePlane sagittalAtMinus20 =
                new ImagePlane(new Vec3(-20, -100, 100), new Vec3(0, 1, 0), new Vec3(0, 0, -1), 1, 1, 1, "");
        assertThat(ReferenceLine.of(sagittalAtMinus20, coronal, 400, 100)).get()
                .isEqualTo(new ReferenceLine.Segment(160, -0.5, 160, 99.5));
    }

    @Test
    void onALocalizerTiltedThirtyDegreesTheLineMovesDown() {
        // columns run 30 degrees from the feet towards the back: z = 100 - row cos 30
        double c30 = Math.cos(Math.toRadians(30)), s30 = Math.sin(Math.toRadians(30));
        ImagePlane tilted = new ImagePlane(new Vec3(-100, 0, 100), new Vec3(1, 0, 0), new Vec3(0, s30, -c30), 1, 1, 1, "");
        segment(axial(30), tilted).is(-0.5, 70 / c30, 199.5, 70 / c30);
    }

    @Test
    void onALocalizerTurnedInItsPlaneTheLineSlopes() {
        // turned 10 degrees: z = 100 + c sin 10 - r cos 10, so z = 30 is r = (70 + c sin 10) / cos 10
        double s = Math.sin(Math.toRadians(10)), c = Math.cos(Math.toRadians(10));
        ImagePlane localizer = coronalTurnedInPlane(10);
        segment(axial(30), localizer).is(-0.5, (70 - 0.5 * s) / c, 199.5, (70 + 199.5 * s) / c);
        ReferenceLine.Segment g = ReferenceLine.of(axial(30), localizer, 200, 200).orElseThrow();
        for (double f = 0; f <= 1; f += 0.125) {
            Vec3 p = localizer.toPatient(g.startColumn() + f * (g.endColumn() - g.startColumn()),
                                         g.startRow() + f * (g.endRow() - g.startRow()));
            assertThat(p.z()).isCloseTo(30, within(1e-9));
        }
    }

    @Test
    void aSteepLineIsClippedByTheBottomEdge() {
        // turned 60 degrees: r = 140 + c tan 60 leaves through the bottom edge, r = 199.5
        double s = Math.sin(Math.toRadians(60)), c = Math.cos(Math.toRadians(60));
        segment(axial(30), coronalTurnedInPlane(60)).is(-0.5, (70 - 0.5 * s) / c, (199.5 * c - 70) / s, 199.5);
    }

    @Test
    void parallelAndNearlyParallelSlicesHaveNoLine() {
        assertThat(ReferenceLine.of(axial(30), axial(30), 400, 400)).isEmpty();
        assertThat(ReferenceLine.of(axial(10), axial(30), 400, 400)).isEmpty();
        // a slice through (0, 0, 30) tilted about left-right would cut the axial image along y = 0, row 200
        assertThat(ReferenceLine.of(tiltedAxial(0.5), axial(30), 400, 400)).isEmpty();
        ReferenceLine.Segment twoDegrees = ReferenceLine.of(tiltedAxial(2), axial(30), 400, 400).orElseThrow();
        assertThat(new double[] {twoDegrees.startColumn(), twoDegrees.startRow(), twoDegrees.endColumn(),
                twoDegrees.endRow()}).containsExactly(new double[] {-0.5, 200, 399.5, 200}, within(1e-6));
    }

    private static ImagePlane tiltedAxial(double degrees) {
        double s = Math.sin(Math.toRadians(degrees)), c = Math.cos(Math.toRadians(degrees));
        return new ImagePlane(new Vec3(0, 0, 30), new Vec3(1, 0, 0), new Vec3(0, c, s), 1, 1, 1, "");
    }

    @Test
    void aSliceBeyondTheImagesExtentHasNoLine() {
        // the coronal image spans z from 100.5 (top edge) down to -99.5 (bottom edge)
        assertThat(ReferenceLine.of(axial(150), CORONAL, 200, 200)).isEmpty();
        assertThat(ReferenceLine.of(axial(101), CORONAL, 200, 200)).isEmpty();
        assertThat(ReferenceLine.of(axial(-100), CORONAL, 200, 200)).isEmpty();
        // at the edge itself the line runs along it
        segment(axial(100.5), CORONAL).is(-0.5, -0.5, 199.5, -0.5);
        // a steep line passing beside the image
        ImagePlane farLeft = new ImagePlane(new Vec3(-150, -100, 100), new Vec3(0, 1, 0), new Vec3(0, 0, -1), 1, 1, 1, "");
        assertThat(ReferenceLine.of(farLeft, CORONAL, 200, 200)).isEmpty();
    }

    @Test
    void theFirstAndLastSlicesOfAStackBracketItsLines() {
        List<ImagePlane> stack = axialStack();
        Segment first = segment(stack.get(0), CORONAL);
        Segment last = segment(stack.get(stack.size() - 1), CORONAL);
        // z 0 and 60: rows 100 and 40
        first.is(-0.5, 100, 199.5, 100);
        last.is(-0.5, 40, 199.5, 40);
    }

    /** Axial slices every 2.5 mm from z = 0 to 60. */
    private static List<ImagePlane> axialStack() {
        List<ImagePlane> stack = new ArrayList<>();
        for (int i = 0; i <= 24; i++) stack.add(axial(2.5 * i));
        return stack;
    }

    @Test
    void aClickOnTheCoronalImageLocatesTheAxialSliceAndPixel() {
        // column 50, row 70 of the coronal image is (-50, 0, 30)
        Vec3 clicked = CORONAL.toPatient(50, 70);
        List<ImagePlane> stack = axialStack();
        assertThat(ReferenceLine.nearestSlice(stack, clicked)).hasValue(12);
        ReferenceLine.Projection p = ReferenceLine.locate(clicked, stack.get(12));
        assertThat(p.column()).isCloseTo(100, within(EPS));
        assertThat(p.row()).isCloseTo(200, within(EPS));
        assertThat(p.distanceMm()).isCloseTo(0, within(EPS));
        assertThat(p.within(400, 400)).isTrue();
        // the slice below is 2.5 mm away, on the side its normal (head) points to
        assertThat(ReferenceLine.locate(clicked, stack.get(11)).distanceMm()).isCloseTo(2.5, within(EPS));
        assertThat(ReferenceLine.locate(clicked, stack.get(13)).distanceMm()).isCloseTo(-2.5, within(EPS));
        // between slices, the nearer one
        assertThat(ReferenceLine.nearestSlice(stack, new Vec3(0, 0, 31.2))).hasValue(12);
        assertThat(ReferenceLine.nearestSlice(stack, new Vec3(0, 0, 31.3))).hasValue(13);
        assertThat(ReferenceLine.nearestSlice(List.of(), clicked)).isEmpty();
    }

    @Test
    void aLocatedPointIsTheFootOfThePerpendicularOnAnObliquePlane() {
        ImagePlane oblique = new ImagePlane(new Vec3(-40, 12, 75), new Vec3(0.8, 0.6, 0).normalized(),
                new Vec3(-0.36, 0.48, -0.8).normalized(), 0.7, 0.9, 1, "");
        Vec3 point = new Vec3(13, -27, 41);
        ReferenceLine.Projection p = ReferenceLine.locate(point, oblique);
        Vec3 back = oblique.toPatient(p.column(), p.row()).plus(oblique.normal().times(p.distanceMm()));
        assertThat(back.minus(point).length()).isLessThan(1e-9);
        // a point off the image is located off it
        ReferenceLine.Projection outside = ReferenceLine.locate(oblique.toPatient(-3, 50), oblique);
        assertThat(outside.column()).isCloseTo(-3, within(EPS));
        assertThat(outside.within(100, 100)).isFalse();
    }

    @Test
    void aSlightlyNonOrthogonalOrientationStillGivesTheNearestPoint() {
        // Image Orientation as stored with few digits: directions 0.1 degree off perpendicular
        ImagePlane skewed = new ImagePlane(new Vec3(0, 0, 0), new Vec3(1, 0, 0),
                new Vec3(0.00175, 1, 0).normalized(), 1, 1, 1, "");
        ReferenceLine.Projection p = ReferenceLine.locate(skewed.toPatient(120, 80), skewed);
        assertThat(p.column()).isCloseTo(120, within(EPS));
        assertThat(p.row()).isCloseTo(80, within(EPS));
    }
}
