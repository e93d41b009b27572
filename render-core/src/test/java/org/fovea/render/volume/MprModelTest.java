package org.fovea.render.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.render.volume.SlicePlaneTest.assertClose;

import org.fovea.render.Frame;
import org.fovea.render.geom.OrientationLabels;
import org.fovea.render.geom.Vec3;
import org.junit.jupiter.api.Test;

class MprModelTest {

    private static final VolumeGeometry GEOMETRY = Phantoms.headFirstAxial(new Vec3(-48, -40, 30), 1, 1);
    private static final Vec3 NODULE = new Vec3(12.4, -9.6, 7.3);
    private static final Volume VOLUME = Phantoms.volume(96, 80, 60, GEOMETRY, p -> Phantoms.ball(p, NODULE, 5, 1000));

    private final MprModel model = new MprModel(VOLUME);
    private final Reslicer reslicer = new Reslicer(VOLUME);

    @Test
    void clickingTheNoduleInOneViewShowsItUnderTheCrosshairInTheOthers() {
        model.setCursor(new Vec3(0, 0, NODULE.z()));
        SlicePlane axial = model.plane(MprView.AXIAL);
        // where the radiologist sees the nodule on the axial: found in the image, not computed
        double[] seen = Phantoms.centroid(reslicer.reslice(axial, Slab.NONE), 0);
        model.moveCursorTo(MprView.AXIAL, seen[0], seen[1]);
        assertClose(model.cursor(), NODULE, 0.1);
        for (MprView view : MprView.values()) {
            SlicePlane plane = model.plane(view);
            assertThat(plane.toPixel(model.cursor())[2]).as("%s through the cursor", view).isCloseTo(0, within(1e-9));
            Frame frame = reslicer.reslice(plane, Slab.NONE);
            double[] crosshair = model.cursorPixel(view);
            assertThat(Phantoms.hu(frame, (int) Math.round(crosshair[0]), (int) Math.round(crosshair[1])))
                    .as("%s at the crosshair", view).isGreaterThan(900);
        }
    }

    @Test
    void scrollingMovesTheCursorAlongTheViewsNormalAndTheOtherPlanesFollow() {
        Vec3 start = model.cursor();
        model.scroll(MprView.AXIAL, 5);
        assertClose(model.cursor(), start.plus(new Vec3(0, 0, 5)));
        model.scroll(MprView.CORONAL, -3);
        assertClose(model.cursor(), start.plus(new Vec3(0, -3, 5)));
        // the sagittal is seen from the patient's left: into its screen is toward the right
        model.scroll(MprView.SAGITTAL, 2.5);
        assertClose(model.cursor(), start.plus(new Vec3(-2.5, -3, 5)));
        // the coronal shows the new axial level 5 mm higher on its screen than before
        assertThat(model.cursorPixel(MprView.CORONAL)[1])
                .isCloseTo(Planes.coronal(VOLUME, start).toPixel(start)[1] - 5, within(1e-9));
    }

    @Test
    void theCursorStaysInsideTheVolume() {
        model.setCursor(new Vec3(500, -500, 7));
        assertClose(model.cursor(), new Vec3(GEOMETRY.toPatient(95, 0, 0).x(), -40, 7));
        model.scroll(MprView.AXIAL, -1000);
        assertThat(model.cursor().z()).isEqualTo(GEOMETRY.toPatient(0, 0, 59).z());
    }

    @Test
    void rotatingAboutTheAxialTurnsCoronalAndSagittalOnly() {
        SlicePlane axialBefore = model.plane(MprView.AXIAL);
        model.rotate(MprView.AXIAL, 30);
        assertSamePlane(model.plane(MprView.AXIAL), axialBefore);
        // the coronal turned 30 degrees toward the patient's left: the oblique:30,0 of the command line
        SlicePlane coronal = model.plane(MprView.CORONAL);
        SlicePlane oblique = Planes.oblique(VOLUME, model.cursor(), 30, 0);
        assertClose(coronal.right(), oblique.right(), 1e-12);
        assertClose(coronal.down(), oblique.down(), 1e-12);
        assertThat(OrientationLabels.of(coronal.imagePlane())).isEqualTo(new OrientationLabels("RA", "LP", "H", "F"));
        assertThat(OrientationLabels.of(model.plane(MprView.SAGITTAL).imagePlane()))
                .isEqualTo(new OrientationLabels("AL", "PR", "H", "F"));
        // on the axial the coronal's line turned clockwise: (cos 30, sin 30) with y down the screen
        assertThat(model.lineDirection(MprView.AXIAL, MprView.CORONAL))
                .containsExactly(new double[] {Math.cos(Math.toRadians(30)), 0.5}, within(1e-12));
        assertOrthogonalAndThroughTheCursor();
    }

    @Test
    void planesStayOrthogonalAndThroughTheCursorAfterManyTurns() {
        model.setCursor(NODULE);
        for (int i = 0; i < 200; i++) {
            model.rotate(MprView.values()[i % 3], 7.3 - i * 0.11);
            model.scroll(MprView.values()[(i + 1) % 3], 0.2);
        }
        assertOrthogonalAndThroughTheCursor();
        // a ball stays a ball on every tilted plane through its centre
        model.setCursor(NODULE);
        for (MprView view : MprView.values()) {
            SlicePlane plane = model.plane(view);
            double[] c = Phantoms.centroid(reslicer.reslice(plane, Slab.NONE), 0);
            assertClose(plane.toPatient(c[0], c[1]), NODULE, 0.1);
        }
        model.resetOrientation();
        assertSamePlane(model.plane(MprView.AXIAL), Planes.axial(VOLUME, NODULE));
        assertSamePlane(model.plane(MprView.CORONAL), Planes.coronal(VOLUME, NODULE));
        assertSamePlane(model.plane(MprView.SAGITTAL), Planes.sagittal(VOLUME, NODULE));
        assertClose(model.cursor(), NODULE);
    }

    @Test
    void slabIsSharedByTheThreeViews() {
        assertThat(model.slab()).isEqualTo(Slab.NONE);
        model.setSlab(Slab.mip(10));
        assertThat(model.slab()).isEqualTo(new Slab(10, SlabMode.MIP));
    }

    private static void assertSamePlane(SlicePlane actual, SlicePlane expected) {
        assertClose(actual.centre(), expected.centre(), 1e-9);
        assertClose(actual.right(), expected.right(), 1e-12);
        assertClose(actual.down(), expected.down(), 1e-12);
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        assertThat(actual.pixelMm()).isEqualTo(expected.pixelMm());
    }

    private void assertOrthogonalAndThroughTheCursor() {
        Vec3 a = model.plane(MprView.AXIAL).normal();
        Vec3 c = model.plane(MprView.CORONAL).normal();
        Vec3 s = model.plane(MprView.SAGITTAL).normal();
        assertThat(a.dot(c)).isCloseTo(0, within(1e-9));
        assertThat(a.dot(s)).isCloseTo(0, within(1e-9));
        assertThat(c.dot(s)).isCloseTo(0, within(1e-9));
        for (MprView view : MprView.values()) {
            assertThat(model.plane(view).toPixel(model.cursor())[2]).isCloseTo(0, within(1e-9));
        }
    }
}
