package org.fovea.app.ui.threed;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.ui.viewer.ViewerView;
import org.fovea.app.ui.viewer.ViewportPane;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.SecondaryCapture;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.geom.Vec3;
import org.fovea.render.geom.ViewTransform;
import org.fovea.render.volume.MprView;
import org.fovea.render.volume.SlicePlane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * The 3D page in the real window: the demo CT opened from the viewer, the nodule found under the
 * crosshair in all three planes by clicking, a rotated plane, a slab, a screenshot into the image
 * library, and a radiograph refused with its reason.
 */
@ExtendWith(ApplicationExtension.class)
class ThreeDPageTest {

    /** The demo phantom's 20 mm nodule (ChestPhantom), patient mm. */
    private static final Vec3 NODULE = new Vec3(-100, 20, -60);

    private static DemoArchive demo;
    private WorkstationWindow window;

    @BeforeAll
    static void createDemo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void closeDemo() {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        window = new WorkstationWindow(demo.archive, Locale.ENGLISH);
        window.show(stage);
    }

    @Stop
    void stop() {
        window.close();
    }

    private ThreeDPage openIn3D(FxRobot robot, DemoStudy study) {
        Platform.runLater(() -> window.openStudy(demo.study(study)));
        ViewerView viewer = window.viewer();
        String uid = demo.study(study).studyUid();
        waitUntil(() -> onFx(() -> viewer.study() != null && viewer.study().studyUid().equals(uid)
                && viewer.activeViewport().stack() != null && viewer.activeViewport().currentImage() != null));
        // the study hangs by its protocol (another layout, laid out in a later pulse): the keys go to
        // the viewer's active viewport, given the focus as a click on it would
        robot.interact(() -> viewer.activeViewport().pane().requestFocus());
        robot.type(KeyCode.M);
        return window.threeD();
    }

    private ThreeDPage openCt(FxRobot robot) {
        ThreeDPage page = openIn3D(robot, DemoStudy.CURRENT_CT);
        waitUntil(() -> page.volume() != null && page.view(MprView.SAGITTAL).currentView() != null);
        return page;
    }

    /** Where a patient point shows on screen in a view. */
    private static Point2D onScreen(ThreeDPage page, MprView v, Vec3 p) {
        return onFx(() -> {
            SlicePlane plane = page.shownPlane(v);
            double[] px = plane.toPixel(p);
            ViewTransform.Point vp = page.view(v).currentView().toViewport(px[0], px[1]);
            return page.view(v).pane().localToScreen(vp.x(), vp.y());
        });
    }

    /** Gray level shown at a patient point in a view (0..255). */
    private static int grayAt(ThreeDPage page, MprView v, Vec3 p) {
        return onFx(() -> {
            double[] px = page.shownPlane(v).toPixel(p);
            return page.view(v).pane().displayedArgb((int) Math.round(px[0]), (int) Math.round(px[1])) & 0xFF;
        });
    }

    @Test
    void aLengthOnTheCoronalPlaneIsInPatientMillimetres(FxRobot robot) {
        ThreeDPage page = openCt(robot);
        // two patient points 80 mm apart on the coronal plane through the cursor
        Vec3 centre = onFx(() -> page.shownPlane(MprView.CORONAL).centre());
        Vec3 a = centre.plus(new Vec3(-40, 0, 0)), b = centre.plus(new Vec3(40, 0, 0));
        robot.type(KeyCode.L);
        waitUntil(() -> onFx(() -> page.measure().on()));
        robot.moveTo(onScreen(page, MprView.CORONAL, a)).press(MouseButton.PRIMARY)
                .moveTo(onScreen(page, MprView.CORONAL, b)).release(MouseButton.PRIMARY);
        waitUntil(() -> onFx(() -> page.measure().marks().all().size()) == 1);
        var mark = onFx(() -> page.measure().marks().all().get(0));
        double mm = onFx(() -> page.measure().controller(MprView.CORONAL).measurer().measure(mark))
                .value(org.fovea.render.measure.Quantity.LENGTH).orElseThrow().value();
        double perMm = onFx(() -> page.view(MprView.CORONAL).currentView().pixelsPerMm());
        assertThat(mm).isCloseTo(80, org.assertj.core.api.Assertions.within(2 / perMm));
        assertThat(onFx(() -> page.view(MprView.CORONAL).pane().markLayer().drawn().get(0).scaleLine()))
                .isEqualTo("reformatted plane");
    }

    @Test
    void clickingTheNoduleInTwoViewsPutsItUnderTheCrosshairInAllThree(FxRobot robot) {
        ThreeDPage page = openCt(robot);
        assertThat(onFx(() -> page.view(MprView.AXIAL).pane().overlayText())).contains("Axial", "WANG");

        // coronal: left/right and head/feet; then axial: left/right and front/back
        robot.clickOn(onScreen(page, MprView.CORONAL, NODULE));
        waitUntil(() -> Math.abs(page.model().cursor().z() - NODULE.z()) < 5);
        robot.clickOn(onScreen(page, MprView.AXIAL, NODULE));
        waitUntil(() -> Math.abs(page.model().cursor().y() - NODULE.y()) < 4);

        Vec3 cursor = onFx(() -> page.model().cursor());
        // within one voxel (4 mm pixels, 5 mm slices at the small test size)
        assertThat(cursor.x()).isCloseTo(NODULE.x(), within(4.0));
        assertThat(cursor.y()).isCloseTo(NODULE.y(), within(4.0));
        assertThat(cursor.z()).isCloseTo(NODULE.z(), within(5.0));
        for (MprView v : MprView.values()) {
            waitUntil(() -> page.shownPlane(v) != null
                    && Math.abs(page.shownPlane(v).toPixel(NODULE)[2]) < 5);
            // soft tissue under the crosshair, lung 18 mm beside it (mediastinal window)
            Vec3 beside = NODULE.plus(v == MprView.SAGITTAL ? new Vec3(0, 0, 18) : new Vec3(18, 0, 0));
            waitUntil(() -> grayAt(page, v, NODULE) > grayAt(page, v, beside) + 60);
        }
    }

    @Test
    void draggingACrosshairLineRotatesTheOtherPlanesAndTheirLabelsFollow(FxRobot robot) {
        ThreeDPage page = openCt(robot);
        Vec3 centre = onFx(() -> page.model().cursor());
        // the coronal plane's trace in the axial view is horizontal through the cursor: grab it 60 px right
        Point2D c = onScreen(page, MprView.AXIAL, centre);
        Point2D grip = new Point2D(c.getX() + 60, c.getY());
        Point2D turned = new Point2D(c.getX() + 60 * Math.cos(Math.toRadians(30)),
                c.getY() + 60 * Math.sin(Math.toRadians(30)));
        robot.moveTo(grip).press(MouseButton.PRIMARY).moveTo(turned).release(MouseButton.PRIMARY);

        waitUntil(() -> Math.abs(Math.toDegrees(Math.acos(Math.abs(page.shownPlane(MprView.CORONAL).normal()
                .dot(new Vec3(0, 1, 0))))) - 30) < 3);
        // the coronal plane seen at 30 degrees: its right edge shows left and a second letter
        assertThat(onFx(() -> page.view(MprView.CORONAL).pane().edgeLabels())).containsPattern("L[AP]");
        assertThat(onFx(() -> page.shownPlane(MprView.CORONAL).normal().z())).isCloseTo(0, within(1e-6));
    }

    @Test
    void aMipSlabIsNamedOnTheImageAndAScreenshotLandsInTheImageLibrary(FxRobot robot) {
        ThreeDPage page = openCt(robot);
        Platform.runLater(() -> page.setSlab(org.fovea.render.volume.SlabMode.MIP, 20));
        waitUntil(() -> page.view(MprView.AXIAL).pane().overlayText().contains("MIP 20 mm"));

        robot.clickOn(page.view(MprView.AXIAL).pane());
        robot.clickOn(robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button b
                && "Screenshot".equals(b.getText())).queryButton());

        waitUntil(() -> page.status().contains("1"));
        String library = SecondaryCapture.seriesUidFor(demo.study(DemoStudy.CURRENT_CT).studyUid());
        assertThat(demo.archive.instances(library)).hasSize(1);
    }

    @Test
    void thePriorHungBelowOpensIn3DAsItsOwnStudy(FxRobot robot) throws Exception {
        Platform.runLater(() -> window.openStudy(demo.study(DemoStudy.CURRENT_CT)));
        ViewerView viewer = window.viewer();
        waitUntil(() -> onFx(() -> viewer.visibleViewports().size() == 4
                && viewer.visibleViewports().get(2).currentImage() != null));
        Thread.sleep(500);                       // the hung layout laid out
        org.fovea.app.ui.viewer.Viewport prior = onFx(() -> viewer.visibleViewports().get(2));
        robot.clickOn(onFx(prior::pane));
        robot.type(KeyCode.M);
        ThreeDPage page = window.threeD();
        waitUntil(() -> page.volume() != null
                && page.volume().slices() == org.fovea.dicom.demo.DemoSize.SMALL.prior().slices());
    }

    @Test
    void aRadiographIsRefusedWithItsReason(FxRobot robot) {
        ThreeDPage page = openIn3D(robot, DemoStudy.CHEST_DR);
        waitUntil(() -> onFx(page::message).contains("cannot be shown in 3D"));
        assertThat(onFx(page::message)).contains("1 image(s)");
    }

    /** Pixels of a VR frame brighter than the black background. */
    private static int litPixels(org.fovea.render.vtk.VrImage img) {
        int n = 0;
        for (int p : img.argb()) {
            int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            if (r + g + b > 60) {
                n++;
            }
        }
        return n;
    }

    private static javafx.scene.control.ToggleButton toggle(FxRobot robot, String text) {
        return robot.lookup(n -> n instanceof javafx.scene.control.ToggleButton t && text.equals(t.getText()))
                .queryAs(javafx.scene.control.ToggleButton.class);
    }

    @Test
    void vrShowsTheBonesRemovesThemInOneClickAndPutsBackWithTheNext(FxRobot robot) {
        ThreeDPage page = openCt(robot);
        VrPanel vr = page.vr();
        waitUntil(() -> vr.shownImage() != null && vr.message().isEmpty()
                && vr.shownImage().quality() == org.fovea.render.vtk.VolumeRenderView.Quality.FULL);
        int withBone = onFx(() -> litPixels(vr.shownImage()));
        assertThat(withBone).as("the bone preset shows ribs and spine").isGreaterThan(1000);

        robot.clickOn(toggle(robot, "Remove bone"));
        waitUntil(() -> vr.boneRemoved() && vr.message().isEmpty() && litPixels(vr.shownImage()) < withBone * 0.8);

        robot.clickOn(toggle(robot, "Remove bone"));
        waitUntil(() -> !vr.boneRemoved() && vr.message().isEmpty()
                && Math.abs(litPixels(vr.shownImage()) - withBone) < withBone * 0.01);
    }

    @Test
    void aClickOnTheRenderingPutsTheCursorOnTheSurfaceUnderIt(FxRobot robot) {
        ThreeDPage page = openCt(robot);
        VrPanel vr = page.vr();
        waitUntil(() -> vr.shownImage() != null && vr.message().isEmpty());
        Vec3 before = onFx(() -> page.model().cursor());
        // the middle of the anterior view: the spine and aorta are under it
        javafx.scene.Node area = vr.screenshotNode();
        Point2D middle = onFx(() -> area.localToScreen(vr.shownImage().width() / 2.0, vr.shownImage().height() / 2.0));
        robot.clickOn(middle);

        waitUntil(() -> !page.model().cursor().equals(before));
        Vec3 hit = onFx(() -> page.model().cursor());
        double[] idx = onFx(() -> page.volume().geometry().toIndex(hit));
        double hu = onFx(() -> page.volume().modalityValue((int) Math.round(idx[0]), (int) Math.round(idx[1]),
                (int) Math.round(idx[2])));
        assertThat(hu).as("HU at the picked point %s", hit).isGreaterThan(0);
        // and the MPR views now pass through it
        waitUntil(() -> Math.abs(page.shownPlane(MprView.AXIAL).toPixel(hit)[2]) < 1e-6);
    }

    @Test
    void aCurvePlacedAlongTheAortaInTheCoronalViewGivesAStraightenedCprOfIt(FxRobot robot) {
        ThreeDPage page = openCt(robot);
        // the phantom's descending aorta runs head to feet at x = 25, y = 40 (ChestPhantom)
        robot.clickOn(onScreen(page, MprView.AXIAL, new Vec3(25, 40, 0)));
        waitUntil(() -> Math.abs(page.shownPlane(MprView.CORONAL).toPixel(new Vec3(25, 40, 0))[2]) < 4);

        robot.clickOn(robot.lookup(n -> n instanceof javafx.scene.control.ToggleButton t && "CPR".equals(t.getText()))
                .queryAs(javafx.scene.control.ToggleButton.class));
        for (double z : new double[] {60, 0, -120}) {
            robot.clickOn(onScreen(page, MprView.CORONAL, new Vec3(25, 40, z)));
        }
        CprPanel cpr = page.cpr();
        waitUntil(() -> cpr.points().size() == 3 && cpr.straightenedFrame() != null);

        org.fovea.render.Frame f = onFx(cpr::straightenedFrame);
        org.fovea.render.volume.Volume v = page.volume();
        int middleColumn = f.columns() / 2;
        int pixelsAside = (int) Math.round(20 / org.fovea.render.volume.Planes.finestSpacing(v));
        for (int row = f.rows() / 4; row < 3 * f.rows() / 4; row += 3) {
            double centre = v.pixelInfo().modalityLut().apply(f.storedValue(middleColumn, row));
            double aside = v.pixelInfo().modalityLut().apply(f.storedValue(middleColumn + pixelsAside, row));
            assertThat(centre).as("aorta on the curve, row %d", row).isGreaterThan(200);
            assertThat(aside).as("20 mm beside the curve, row %d", row).isLessThan(200);
        }
        // the curve shows on the coronal view; a click in the straightened CPR moves the 3D cursor onto the aorta
        Point2D inCpr = onFx(() -> {
            ReformatViewport sv = cpr.straightenedView();
            ViewTransform.Point vp = sv.currentView().toViewport(middleColumn, f.rows() / 2.0);
            return sv.pane().localToScreen(vp.x(), vp.y());
        });
        robot.clickOn(inCpr);
        waitUntil(() -> Math.hypot(page.model().cursor().x() - 25, page.model().cursor().y() - 40) < 6);
    }

    @Test
    void aColourPointPickedInTheCurveEditorRecoloursTheRendering(FxRobot robot) {
        ThreeDPage page = openCt(robot);
        VrPanel vr = page.vr();
        waitUntil(() -> vr.shownImage() != null && vr.message().isEmpty());
        robot.clickOn(toggle(robot, "Opacity / colour"));
        TransferFunctionEditor editor = vr.editor();
        // the colour point nearest the phantom's ribs (850 HU): click its triangle, then pick pure green
        int last = onFx(() -> {
            var pts = editor.function().colorPoints();
            int best = 0;
            for (int i = 1; i < pts.size(); i++) {
                if (Math.abs(pts.get(i).value() - 850) < Math.abs(pts.get(best).value() - 850)) {
                    best = i;
                }
            }
            return best;
        });
        Point2D marker = onFx(() -> editor.canvas().localToScreen(editor.colourMarker(last)));
        robot.clickOn(marker);
        waitUntil(() -> !editor.picker().isDisabled());
        int before = onFx(() -> greenness(vr.shownImage()));
        robot.interact(() -> {
            editor.picker().setValue(javafx.scene.paint.Color.rgb(0, 255, 0));
            editor.picker().fireEvent(new javafx.event.ActionEvent());
        });

        waitUntil(() -> {
            var c = vr.function().colorPoints().get(last);
            return c.red() == 0 && c.green() == 1 && c.blue() == 0;
        });
        waitUntil(() -> greenness(vr.shownImage()) > before + 500);
    }

    /** Pixels clearly greener than they are red: bone turned green. */
    private static int greenness(org.fovea.render.vtk.VrImage img) {
        int n = 0;
        for (int p : img.argb()) {
            int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF;
            if (g > r + 40) {
                n++;
            }
        }
        return n;
    }
}
