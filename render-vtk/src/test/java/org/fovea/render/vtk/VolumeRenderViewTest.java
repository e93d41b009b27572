package org.fovea.render.vtk;

import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.TransferFunction;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VrPreset;
import org.fovea.render.vtk.VolumeRenderView.Quality;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.render.vtk.SyntheticCt.BONE_RADIUS;
import static org.fovea.render.vtk.SyntheticCt.LEFT_BONE;
import static org.fovea.render.vtk.SyntheticCt.RIGHT_BONE;

@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+",
        disabledReason = "VTK renders through an X display and DISPLAY is unset: run ./fovea test (starts Xvfb) or start Xvfb and export DISPLAY")
class VolumeRenderViewTest {

    private static final int SIZE = 256;
    /** Any channel above this is something rendered; the background is black. */
    private static final int BACKGROUND_MAX = 12;

    private VolumeRenderView view;

    @AfterEach
    void close() {
        if (view != null) view.close();
    }

    @Test
    void boneOnThePatientsLeftShowsOnTheScreensRightWithTheHeadUp() {
        VrImage img = bone(SyntheticCt.volume(SyntheticCt.axial(), List.of(LEFT_BONE), List.of()));

        double[] c = centroid(img);
        assertThat(c[0]).as("patient's left on screen right").isGreaterThan(SIZE / 2.0 + 10);
        assertThat(c[1]).as("head up: the bone is 10 mm towards the head").isLessThan(SIZE / 2.0 - 3);
        double[] expected = img.toPixel(LEFT_BONE).orElseThrow();
        assertThat(c[0]).isCloseTo(expected[0], within(2.0));
        assertThat(c[1]).isCloseTo(expected[1], within(2.0));
        double[] mirror = img.toPixel(RIGHT_BONE).orElseThrow();
        assertThat(visible(img.pixel((int) mirror[0], (int) mirror[1]))).as("soft tissue is invisible in CT bone").isFalse();
        double mmPerPixel = mmPerPixel(img);
        assertThat(Math.sqrt(count(img) / Math.PI) * mmPerPixel).as("the bone's radius on screen, mm")
                .isCloseTo(BONE_RADIUS, within(1.5));
    }

    @Test
    void aClipBoxLeavingOutTheBoneHidesItAndClearingItBringsItBack() {
        VrImage whole = bone(SyntheticCt.volume(SyntheticCt.axial(), List.of(LEFT_BONE), List.of()));
        double[] at = whole.toPixel(LEFT_BONE).orElseThrow();

        // the bone spans x = 18..42 mm, columns 81..106 of 128; keep columns 0..57
        join(view.setClipBox(new ClipBox(0, 0.45, 0, 1, 0, 1)));
        assertThat(count(join(view.render(Quality.FULL)))).isZero();
        assertThat(join(view.pick((int) at[0], (int) at[1]))).as("a click does not find the hidden bone").isEmpty();
        join(view.setClipBox(new ClipBox(0.5, 1, 0, 1, 0, 1)));
        assertThat(count(join(view.render(Quality.FULL)))).as("a box around the bone keeps it").isPositive();
        join(view.clearClipBox());
        assertThat(count(join(view.render(Quality.FULL)))).isPositive();
    }

    @Test
    void aClickOnTheBoneFindsItsFrontSurface() {
        VrImage img = bone(SyntheticCt.volume(SyntheticCt.axial(), List.of(LEFT_BONE), List.of()));
        double[] at = img.toPixel(LEFT_BONE).orElseThrow();

        Vec3 hit = join(view.pick((int) at[0], (int) at[1])).orElseThrow();

        assertThat(hit.minus(LEFT_BONE).length()).as("distance from the bone's centre, mm").isCloseTo(BONE_RADIUS, within(2.0));
        assertThat(hit.y()).as("the surface facing the viewer is the anterior one").isLessThan(LEFT_BONE.y() - BONE_RADIUS + 2);
        assertThat(join(view.pick(3, 3))).as("a corner shows only air").isEmpty();
    }

    @Test
    void interactiveAndFullFramesHaveTheRequestedSize() {
        view = join(VolumeRenderView.open(320, 200));
        join(view.setVolume(SyntheticCt.volume(SyntheticCt.axial(), List.of(LEFT_BONE), List.of())));
        for (Quality q : Quality.values()) {
            VrImage img = join(view.render(q));
            assertThat(img.width()).isEqualTo(320);
            assertThat(img.height()).isEqualTo(200);
            assertThat(img.argb()).hasSize(320 * 200);
            assertThat(img.quality()).isEqualTo(q);
            assertThat(count(img)).as(q + " shows the bone").isPositive();
        }
        join(view.resize(150, 240));
        VrImage resized = join(view.render(Quality.INTERACTIVE));
        assertThat(resized.argb()).hasSize(150 * 240);
        assertThat(resized.width()).isEqualTo(150);
    }

    @Test
    void mipShowsTheBrightestValueOnEachRayInTheMipWindow() {
        view = join(VolumeRenderView.open(SIZE, SIZE));
        join(view.setVolume(SyntheticCt.volume(SyntheticCt.axial(), List.of(LEFT_BONE), List.of())));
        TransferFunction mip = VrPreset.CT_MIP.transferFunction(0, 0);
        join(view.setTransferFunction(mip));
        VrImage img = join(view.render(Quality.FULL));

        double[] bone = img.toPixel(LEFT_BONE).orElseThrow();
        assertThat(gray(img, bone)).as("the bone's 1000 HU").isCloseTo((int) Math.round(255 * mip.colorAt(1000)[0]), within(4));
        double[] tissue = img.toPixel(new Vec3(0, 0, -30)).orElseThrow();
        assertThat(gray(img, tissue)).as("rays through soft tissue only: 40 HU")
                .isCloseTo((int) Math.round(255 * mip.colorAt(40)[0]), within(4));
        assertThat(gray(img, new double[] {2, 2})).as("air outside the body").isZero();
    }

    @Test
    void rotatingNinetyDegreesShowsThePatientFromTheLeft() {
        VrImage front = bone(SyntheticCt.volume(SyntheticCt.axial(), List.of(LEFT_BONE), List.of()));
        double[] before = centroid(front);

        join(view.rotate(90, 0));
        VrImage side = join(view.render(Quality.FULL));
        double[] after = centroid(side);

        // from the patient's left, anterior (-y) is on the screen's left: 30 mm right becomes 20 mm left
        double centre = SIZE / 2.0;
        assertThat((after[0] - centre) / (before[0] - centre)).isCloseTo(-20.0 / 30.0, within(0.06));
        assertThat(after[1]).as("height unchanged").isCloseTo(before[1], within(1.5));
    }

    @Test
    void zoomAndPanMoveThePictureAsTheUserAsked() {
        VrImage start = bone(SyntheticCt.volume(SyntheticCt.axial(), List.of(LEFT_BONE), List.of()));
        double[] c0 = centroid(start);
        double centre = SIZE / 2.0;

        join(view.zoom(1.5));
        double[] c1 = centroid(join(view.render(Quality.FULL)));
        assertThat((c1[0] - centre) / (c0[0] - centre)).isCloseTo(1.5, within(0.05));

        join(view.pan(-30, 12));
        double[] c2 = centroid(join(view.render(Quality.FULL)));
        assertThat(c2[0] - c1[0]).isCloseTo(-30, within(1.0));
        assertThat(c2[1] - c1[1]).isCloseTo(12, within(1.0));

        join(view.resetCamera());
        double[] c3 = centroid(join(view.render(Quality.FULL)));
        assertThat(c3[0]).isCloseTo(c0[0], within(0.5));
        assertThat(c3[1]).isCloseTo(c0[1], within(0.5));
    }

    @Test
    void aRegionMaskedToAirIsNotRenderedAndTheFullVolumeComesBack() {
        Volume both = SyntheticCt.volume(SyntheticCt.axial(), List.of(LEFT_BONE, RIGHT_BONE), List.of());
        Volume removed = SyntheticCt.volume(SyntheticCt.axial(), List.of(LEFT_BONE, RIGHT_BONE), List.of(RIGHT_BONE));
        bone(both);
        join(view.rotate(20, 10));
        VrImage all = join(view.render(Quality.FULL));
        double[] right = all.toPixel(RIGHT_BONE).orElseThrow();
        double[] left = all.toPixel(LEFT_BONE).orElseThrow();
        assertThat(visible(all.pixel((int) right[0], (int) right[1]))).isTrue();

        join(view.setVolume(removed));
        VrImage without = join(view.render(Quality.FULL));
        assertThat(visible(without.pixel((int) right[0], (int) right[1]))).as("the removed bone").isFalse();
        assertThat(visible(without.pixel((int) left[0], (int) left[1]))).as("the kept bone").isTrue();
        assertThat(count(without)).isCloseTo(count(all) / 2, within(count(all) / 20));
        assertThat(centroid(without)[0]).as("the view stayed where the user turned it").isCloseTo(left[0], within(2.0));

        join(view.setVolume(both));
        assertThat(count(join(view.render(Quality.FULL)))).as("undo").isEqualTo(count(all));
    }

    @Test
    void aGantryTiltedSeriesShowsTheBoneWhereItsGeometryPutsIt() {
        VrImage img = bone(SyntheticCt.volume(SyntheticCt.tilted(), List.of(LEFT_BONE), List.of()));
        double[] c = centroid(img);
        double[] expected = img.toPixel(LEFT_BONE).orElseThrow();
        assertThat(c[0]).isCloseTo(expected[0], within(2.0));
        assertThat(c[1]).isCloseTo(expected[1], within(2.0));

        Vec3 hit = join(view.pick((int) expected[0], (int) expected[1])).orElseThrow();
        assertThat(hit.minus(LEFT_BONE).length()).isCloseTo(BONE_RADIUS, within(2.0));
    }

    @Test
    void aClosedViewRefusesWork() {
        view = join(VolumeRenderView.open(64, 64));
        view.close();
        assertThatThrownBy(() -> join(view.render(Quality.FULL))).hasRootCauseMessage("the volume rendering view is closed");
        view = null;
    }

    /** Opens a view, shows {@code v} with CT bone, renders at full quality. */
    private VrImage bone(Volume v) {
        view = join(VolumeRenderView.open(SIZE, SIZE));
        join(view.setVolume(v));
        join(view.setTransferFunction(VrPreset.CT_BONE.transferFunction(v)));
        return join(view.render(Quality.FULL));
    }

    private static boolean visible(int argb) {
        return ((argb >> 16) & 0xFF) > BACKGROUND_MAX || ((argb >> 8) & 0xFF) > BACKGROUND_MAX || (argb & 0xFF) > BACKGROUND_MAX;
    }

    private static int count(VrImage img) {
        int n = 0;
        for (int p : img.argb()) if (visible(p)) n++;
        return n;
    }

    /** Centre of the rendered (non-background) pixels, in the same pixel coordinates as {@link VrImage#toPixel}. */
    private static double[] centroid(VrImage img) {
        double sx = 0, sy = 0;
        int n = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                if (visible(img.pixel(x, y))) {
                    sx += x + 0.5;
                    sy += y + 0.5;
                    n++;
                }
            }
        }
        assertThat(n).as("rendered pixels").isPositive();
        return new double[] {sx / n, sy / n};
    }

    private static double mmPerPixel(VrImage img) {
        double[] a = img.toPixel(new Vec3(0, 0, 0)).orElseThrow();
        double[] b = img.toPixel(new Vec3(10, 0, 0)).orElseThrow();
        return 10 / Math.hypot(b[0] - a[0], b[1] - a[1]);
    }

    private static int gray(VrImage img, double[] at) {
        int p = img.pixel((int) at[0], (int) at[1]);
        return (p >> 8) & 0xFF;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
