package org.fovea.app.ui.viewer;

import org.fovea.app.ui.DemoWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * Cine (V23) in the real window: the demo CT played forwards at 10 images a second advances at
 * that rate within 20 % over a second and a half; back and forth, it turns at the last image.
 */
@ExtendWith(ApplicationExtension.class)
class CineWindowTest {

    private static DemoArchive demo;

    @BeforeAll
    static void demo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    @Test
    void cinePlaysAtTheChosenRateAndTurnsAtTheEnd(FxRobot robot) throws Exception {
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.openStudy(demo, DemoStudy.CURRENT_CT);
            Viewport v = onFx(viewer::activeViewport);

            long t0 = System.nanoTime();
            robot.interact(() -> viewer.cine().play(10, Cine.Mode.FORWARD));
            Thread.sleep(1500);
            long steps = onFx(() -> viewer.cine().steps());
            double seconds = (System.nanoTime() - t0) / 1e9;
            robot.interact(() -> viewer.cine().stop());
            assertThat((double) steps).as("images shown in %.2f s at 10/s", seconds).isCloseTo(seconds * 10, within(seconds * 10 * 0.2));
            assertThat(onFx(v::index)).isEqualTo((int) (onFx(() -> viewer.cine().steps()) % onFx(() -> v.stack().size())));

            int last = onFx(() -> v.stack().size()) - 1;
            robot.interact(() -> v.moveTo(last - 2));
            robot.interact(() -> viewer.cine().play(20, Cine.Mode.BOUNCE));
            waitUntil(() -> onFx(() -> viewer.cine().steps()) >= 5);
            robot.interact(() -> viewer.cine().stop());
            long bounced = onFx(() -> viewer.cine().steps());
            // last-2 → last-1 → last → last-1 → last-2 → ...: after the turn it goes down again
            assertThat(onFx(v::index)).isEqualTo(last - (int) (bounced - 2));
        }
    }

    @Test
    void aMultiFrameImagePlaysAtItsRecordedFrameTime(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // 24 frames recorded 50 ms apart: 20 a second
        int frames = 24;
        short[] pixels = new short[frames * 32 * 32];
        for (int f = 0; f < frames; f++) {
            java.util.Arrays.fill(pixels, f * 1024, (f + 1) * 1024, (short) (f * 100));
        }
        java.nio.file.Path file = dir.resolve("cine.dcm");
        String study = org.fovea.dicom.Uids.fromName("fovea-test/cine-study");
        new org.fovea.dicom.DatasetBuilder()
                .set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.7.3")
                .set("SOPInstanceUID", org.fovea.dicom.Uids.fromName("fovea-test/cine-image"))
                .set("StudyInstanceUID", study)
                .set("SeriesInstanceUID", org.fovea.dicom.Uids.fromName("fovea-test/cine-series"))
                .set("PatientName", "CINE^TEST").set("PatientID", "CINE-1").set("StudyDate", "20261204")
                .set("Modality", "XA").set("SeriesNumber", "1").set("InstanceNumber", "1")
                .set("NumberOfFrames", String.valueOf(frames)).set("FrameTime", "50")
                .setInt("SamplesPerPixel", 1).set("PhotometricInterpretation", "MONOCHROME2")
                .setInt("Rows", 32).setInt("Columns", 32).setInt("BitsAllocated", 16).setInt("BitsStored", 12)
                .setInt("HighBit", 11).setInt("PixelRepresentation", 0)
                .pixels(pixels).write(file);
        demo.archive.importPaths(java.util.List.of(file), (d, t, c) -> { }, org.fovea.dicom.CancelToken.none());
        try (DemoWindow w = DemoWindow.open(robot, demo, null)) {
            ViewerView viewer = w.window.viewer();
            javafx.application.Platform.runLater(() -> w.window.openStudy(demo.archive.study(study).orElseThrow()));
            waitUntil(() -> onFx(() -> viewer.activeViewport().currentImage() != null
                    && viewer.activeViewport().stack().size() == frames));

            long t0 = System.nanoTime();
            robot.interact(() -> viewer.cine().play(Cine.AS_RECORDED, Cine.Mode.FORWARD));
            waitUntil(() -> onFx(() -> viewer.cine().playingRate()) == 20);
            Thread.sleep(1500);
            long steps = onFx(() -> viewer.cine().steps());
            double seconds = (System.nanoTime() - t0) / 1e9;
            robot.interact(() -> viewer.cine().stop());
            assertThat((double) steps).as("frames shown in %.2f s at the recorded 20/s", seconds)
                    .isCloseTo(seconds * 20, within(seconds * 20 * 0.25));
        }
    }
}
