package org.fovea.render.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.OrientationLabels;
import org.fovea.render.geom.Vec3;
import org.junit.jupiter.api.Test;

class SlicePlaneTest {

    private static final double C30 = Math.cos(Math.toRadians(30));
    private static final double S30 = Math.sin(Math.toRadians(30));

    /** A coronal turned 30 degrees toward the patient's left, 0.5 mm pixels, 201 x 101. */
    private final SlicePlane plane = new SlicePlane(new Vec3(10, -20, 30), new Vec3(C30, S30, 0), new Vec3(0, 0, -1),
            0.5, 201, 101);

    @Test
    void centrePixelIsTheCentreAndPixelsStepByPixelMmAlongRightAndDown() {
        assertClose(plane.toPatient(100, 50), new Vec3(10, -20, 30));
        // 20 pixels right = 10 mm along right; 10 pixels down = 5 mm toward the feet
        assertClose(plane.toPatient(120, 60), new Vec3(10 + 10 * C30, -20 + 10 * S30, 25));
        assertClose(plane.toPatient(0, 0), new Vec3(10 - 50 * C30, -20 - 50 * S30, 55));
    }

    @Test
    void toPixelInvertsToPatientAndGivesTheDistanceAlongTheNormal() {
        // normal = right x down = (-S30, C30, 0): into the screen, toward posterior-right
        assertThat(plane.normal().x()).isCloseTo(-S30, within(1e-12));
        assertThat(plane.normal().y()).isCloseTo(C30, within(1e-12));
        Vec3 behind = plane.toPatient(37.25, 81.5).plus(plane.normal().times(7.5));
        assertThat(plane.toPixel(behind)).containsExactly(new double[] {37.25, 81.5, 7.5}, within(1e-9));
    }

    @Test
    void imagePlaneAgreesPixelForPixelAndCarriesTheLabels() {
        ImagePlane image = plane.imagePlane();
        assertClose(image.toPatient(0, 0), plane.toPatient(0, 0));
        assertClose(image.toPatient(200, 100), plane.toPatient(200, 100));
        assertClose(image.toPatient(13, 71), plane.toPatient(13, 71));
        assertThat(image.spacingSource()).isEqualTo("MPR");
        assertThat(OrientationLabels.of(image)).isEqualTo(new OrientationLabels("RA", "LP", "H", "F"));
    }

    @Test
    void withCentreMovesTheImageNotItsShape() {
        SlicePlane moved = plane.withCentre(new Vec3(0, 0, 0));
        assertClose(moved.toPatient(120, 50).minus(moved.toPatient(100, 50)),
                plane.toPatient(120, 50).minus(plane.toPatient(100, 50)));
        assertClose(moved.toPatient(100, 50), new Vec3(0, 0, 0));
    }

    @Test
    void directionsMustBeOrthonormal() {
        assertThatThrownBy(() -> new SlicePlane(new Vec3(0, 0, 0), new Vec3(1, 0, 0), new Vec3(0.1, 1, 0), 1, 10, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlicePlane(new Vec3(0, 0, 0), new Vec3(2, 0, 0), new Vec3(0, 1, 0), 1, 10, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlicePlane(new Vec3(0, 0, 0), new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0, 10, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static void assertClose(Vec3 actual, Vec3 expected) {
        assertClose(actual, expected, 1e-9);
    }

    static void assertClose(Vec3 actual, Vec3 expected, double mm) {
        assertThat(actual.minus(expected).length()).as("%s vs %s", actual, expected).isLessThanOrEqualTo(mm);
    }
}
