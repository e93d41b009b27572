package org.fovea.render.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.render.volume.SlicePlaneTest.assertClose;

import org.fovea.render.geom.OrientationLabels;
import org.fovea.render.geom.Vec3;
import org.junit.jupiter.api.Test;

class PlanesTest {

    /** The demo CT's layout, scaled down: 64 x 48 x 30, 1 mm, slice k at z = 15 - k. */
    private final VolumeGeometry geometry = Phantoms.headFirstAxial(new Vec3(-32, -24, 15), 1, 1);
    private final Volume volume = Phantoms.volume(64, 48, 30, geometry, p -> 0);
    private final Vec3 voxel = geometry.toPatient(20, 10, 7);

    @Test
    void axialCoversTheSliceWithPixelsOnItsVoxels() {
        SlicePlane axial = Planes.axial(volume, voxel);
        assertThat(axial.width()).isEqualTo(64);
        assertThat(axial.height()).isEqualTo(48);
        assertThat(axial.pixelMm()).isEqualTo(1);
        // top-left pixel is voxel (0, 0) of the slice through the point: the patient's right, anterior
        assertClose(axial.toPatient(0, 0), geometry.toPatient(0, 0, 7));
        assertClose(axial.toPatient(63, 47), geometry.toPatient(63, 47, 7));
    }

    @Test
    void coronalAndSagittalHaveTheHeadAtTheTop() {
        SlicePlane coronal = Planes.coronal(volume, voxel);
        assertThat(coronal.width()).isEqualTo(64);
        assertThat(coronal.height()).isEqualTo(30);
        // first slice (z = 15, the head end) on the top row
        assertClose(coronal.toPatient(0, 0), geometry.toPatient(0, 10, 0));
        assertClose(coronal.toPatient(63, 29), geometry.toPatient(63, 10, 29));

        SlicePlane sagittal = Planes.sagittal(volume, voxel);
        assertThat(sagittal.width()).isEqualTo(48);
        assertThat(sagittal.height()).isEqualTo(30);
        // anterior on the left
        assertClose(sagittal.toPatient(0, 0), geometry.toPatient(20, 0, 0));
        assertClose(sagittal.toPatient(47, 29), geometry.toPatient(20, 47, 29));
    }

    @Test
    void scrollingAPlaneDoesNotPanIt() {
        SlicePlane a = Planes.coronal(volume, voxel);
        SlicePlane b = Planes.coronal(volume, voxel.plus(new Vec3(3, 9, -4)));
        assertThat(b.width()).isEqualTo(a.width());
        double[] moved = b.toPixel(a.toPatient(10, 12));
        assertThat(moved).containsExactly(new double[] {10, 12, -9}, within(1e-9));
    }

    @Test
    void orientationLabelsAreRadiological() {
        assertThat(labels(Planes.axial(volume, voxel))).isEqualTo(new OrientationLabels("R", "L", "A", "P"));
        assertThat(labels(Planes.coronal(volume, voxel))).isEqualTo(new OrientationLabels("R", "L", "H", "F"));
        assertThat(labels(Planes.sagittal(volume, voxel))).isEqualTo(new OrientationLabels("A", "P", "H", "F"));
    }

    @Test
    void obliqueZeroAndNinetyAreCoronalAndSagittal() {
        assertSameOrientation(Planes.oblique(volume, voxel, 0, 0), Planes.coronal(volume, voxel));
        assertSameOrientation(Planes.oblique(volume, voxel, 90, 0), Planes.sagittal(volume, voxel));
        assertSameOrientation(Planes.oblique(volume, voxel, 0, -90), Planes.axial(volume, voxel));
        // seen from the head: still an axial, with the labels to say that anterior is down
        SlicePlane fromHead = Planes.oblique(volume, voxel, 0, 90);
        assertThat(Math.abs(fromHead.normal().z())).isCloseTo(1, within(1e-12));
        assertThat(labels(fromHead)).isEqualTo(new OrientationLabels("R", "L", "P", "A"));
    }

    @Test
    void thirtyDegreeObliqueIsLabelledByWhereItsEdgesPoint() {
        // A coronal turned 30 degrees about the vertical: the viewer stands in front of the
        // patient, 30 degrees round toward the patient's left (n = (sin 30, -cos 30, 0)), so the
        // screen's right edge points to the patient's left and a little posterior, the left edge
        // right-anterior; head and feet stay at top and bottom.
        SlicePlane oblique = Planes.oblique(volume, voxel, 30, 0);
        assertThat(oblique.right().x()).isCloseTo(Math.cos(Math.toRadians(30)), within(1e-12));
        assertThat(oblique.right().y()).isCloseTo(0.5, within(1e-12));
        assertThat(labels(oblique)).isEqualTo(new OrientationLabels("RA", "LP", "H", "F"));
        // elevated 30 degrees too (looking down from above the front): the top edge leans back
        // toward posterior, and a little toward the right, as it stays square to the right edge
        assertThat(labels(Planes.oblique(volume, voxel, 30, 30))).isEqualTo(new OrientationLabels("RA", "LP", "HPR", "FAL"));
    }

    @Test
    void obliquePlanesCoverTheWholeVolume() {
        SlicePlane oblique = Planes.oblique(volume, geometry.toPatient(31.5, 23.5, 14.5), 35, 20);
        for (int corner = 0; corner < 8; corner++) {
            Vec3 c = geometry.toPatient((corner & 1) * 63, (corner >> 1 & 1) * 47, (corner >> 2) * 29);
            double[] px = oblique.toPixel(c);
            assertThat(px[0]).isBetween(-1e-6, oblique.width() - 1 + 1e-6);
            assertThat(px[1]).isBetween(-1e-6, oblique.height() - 1 + 1e-6);
        }
    }

    private static OrientationLabels labels(SlicePlane plane) {
        return OrientationLabels.of(plane.imagePlane());
    }

    private static void assertSameOrientation(SlicePlane actual, SlicePlane expected) {
        assertClose(actual.right(), expected.right(), 1e-12);
        assertClose(actual.down(), expected.down(), 1e-12);
    }
}
