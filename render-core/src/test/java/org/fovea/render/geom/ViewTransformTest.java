package org.fovea.render.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewTransformTest {

    private static final double EPS = 1e-9;

    private static void assertPoint(ViewTransform.Point p, double x, double y) {
        assertThat(p.x()).isCloseTo(x, within(EPS));
        assertThat(p.y()).isCloseTo(y, within(EPS));
    }

    @Test
    void fitCentresASquareImageAlongTheTighterSide() {
        ViewTransform t = new ViewTransform(512, 512, new PixelSpacing(0.7, 0.7, "Pixel Spacing"), 800, 600);
        assertThat(t.scaleX()).isCloseTo(600.0 / 512, within(EPS));
        // the image's outer corners touch the top and bottom edges, centred horizontally
        assertPoint(t.toViewport(-0.5, -0.5), 100, 0);
        assertPoint(t.toViewport(511.5, 511.5), 700, 600);
        assertThat(t.mmPerViewportPixel()).isCloseTo(0.7 * 512 / 600, within(EPS));
    }

    @Test
    void nonSquarePixelsKeepThePatientsProportions() {
        // 256 columns of 1 mm and 128 rows of 2 mm: a 256 x 256 mm square
        ViewTransform t = new ViewTransform(256, 128, new PixelSpacing(2, 1, "Pixel Spacing"), 512, 512);
        assertThat(t.scaleX()).isCloseTo(2, within(EPS));
        assertThat(t.scaleY()).isCloseTo(4, within(EPS));
        assertPoint(t.toViewport(-0.5, -0.5), 0, 0);
        assertPoint(t.toViewport(255.5, 127.5), 512, 512);
    }

    @Test
    void uncalibratedPixelsAreSquare() {
        ViewTransform t = new ViewTransform(200, 100, null, 400, 400);
        assertThat(t.scaleX()).isEqualTo(t.scaleY()).isCloseTo(2, within(EPS));
    }

    @Test
    void zoomAboutTheCursorKeepsThePointUnderIt() {
        ViewTransform t = new ViewTransform(512, 512, new PixelSpacing(0.5, 0.5, ""), 1000, 700);
        ViewTransform.Point under = t.toImage(123, 456);
        t.zoomAbout(2.5, 123, 456);
        assertThat(t.zoom()).isCloseTo(2.5, within(EPS));
        assertPoint(t.toViewport(under.x(), under.y()), 123, 456);
        assertThat(t.scaleX()).isCloseTo(2.5 * 700 / 512.0, within(EPS));
    }

    @Test
    void panMovesTheImageByViewportPixels() {
        ViewTransform t = new ViewTransform(100, 100, null, 100, 100);
        t.pan(10, -20);
        assertPoint(t.toViewport(-0.5, -0.5), 10, -20);
        assertThat(t.panX()).isEqualTo(10);
        assertThat(t.panY()).isEqualTo(-20);
    }

    @Test
    void roundTripsAfterZoomPanAndResize() {
        ViewTransform t = new ViewTransform(317, 211, new PixelSpacing(0.83, 0.61, ""), 640, 480);
        t.zoomAbout(3.7, 17, 300);
        t.pan(-41.25, 13.5);
        t.setZoom(0.6);
        t.setViewportSize(900, 333);
        for (double c = -0.5; c < 317; c += 37.3) {
            for (double r = -0.5; r < 211; r += 29.1) {
                ViewTransform.Point v = t.toViewport(c, r);
                assertPoint(t.toImage(v.x(), v.y()), c, r);
            }
        }
    }

    @Test
    void resetAndFitReturnToTheFittedCentredView() {
        ViewTransform t = new ViewTransform(512, 512, null, 512, 512);
        ViewTransform.Point before = t.toViewport(100, 200);
        t.zoomAbout(4, 10, 10);
        t.pan(30, 40);
        t.reset();
        assertThat(t.zoom()).isEqualTo(1);
        assertPoint(t.toViewport(100, 200), before.x(), before.y());
        t.pan(5, 5);
        t.fitToViewport();
        assertPoint(t.toViewport(100, 200), before.x(), before.y());
    }

    @Test
    void setZoomZoomsAboutTheViewportCentre() {
        ViewTransform t = new ViewTransform(512, 512, null, 512, 512);
        ViewTransform.Point centre = t.toImage(256, 256);
        t.setZoom(2);
        assertPoint(t.toViewport(centre.x(), centre.y()), 256, 256);
        assertThat(t.scaleX()).isCloseTo(2, within(EPS));
    }
}
