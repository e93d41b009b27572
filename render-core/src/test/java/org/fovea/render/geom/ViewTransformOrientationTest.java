package org.fovea.render.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Turning and flipping (V19): where the image's corners and points end up on screen. */
class ViewTransformOrientationTest {

    private static final double EPS = 1e-9;

    private static void assertPoint(ViewTransform.Point p, double x, double y) {
        assertThat(p.x()).as("x").isCloseTo(x, within(EPS));
        assertThat(p.y()).as("y").isCloseTo(y, within(EPS));
    }

    /** A 100 x 50 image in a 400 x 400 viewport: 4 viewport pixels per image pixel whichever way it is turned. */
    private static ViewTransform wide() {
        return new ViewTransform(100, 50, null, 400, 400);
    }

    /** The eight orientations, each reached by the user's commands from a fresh view. */
    private static List<Consumer<ViewTransform>> allOrientations() {
        List<Consumer<ViewTransform>> all = new ArrayList<>();
        for (int turns = 0; turns < 4; turns++) {
            for (boolean flip : new boolean[] {false, true}) {
                int t = turns;
                all.add(v -> {
                    for (int i = 0; i < t; i++) v.rotateClockwise();
                    if (flip) v.flipHorizontal();
                });
            }
        }
        return all;
    }

    @Test
    void unturnedTheTopLeftCornerIsAtTheTopLeft() {
        ViewTransform t = wide();
        assertThat(t.quarterTurns()).isZero();
        assertThat(t.mirrored()).isFalse();
        // 400 x 200 picture centred vertically
        assertPoint(t.toViewport(-0.5, -0.5), 0, 100);
    }

    @Test
    void turningClockwiseBringsTheTopLeftCornerToTheTopRight() {
        ViewTransform t = wide();
        t.rotateClockwise();
        assertThat(t.quarterTurns()).isEqualTo(1);
        // the picture is now 50 x 100 image pixels, 200 x 400 viewport pixels, centred horizontally
        assertPoint(t.toViewport(-0.5, -0.5), 300, 0);
        assertPoint(t.toViewport(99.5, -0.5), 300, 400);
        assertPoint(t.toViewport(-0.5, 49.5), 100, 0);
        assertPoint(t.toViewport(99.5, 49.5), 100, 400);
    }

    @Test
    void turningCounterClockwiseBringsTheTopLeftCornerToTheBottomLeft() {
        ViewTransform t = wide();
        t.rotateCounterClockwise();
        assertThat(t.quarterTurns()).isEqualTo(3);
        assertPoint(t.toViewport(-0.5, -0.5), 100, 400);
        assertPoint(t.toViewport(99.5, -0.5), 100, 0);
    }

    @Test
    void halfTurnPutsTheTopLeftCornerBottomRight() {
        ViewTransform t = wide();
        t.rotateClockwise();
        t.rotateClockwise();
        assertPoint(t.toViewport(-0.5, -0.5), 400, 300);
        assertPoint(t.toViewport(99.5, 49.5), 0, 100);
    }

    @Test
    void flipsSwapTheScreensEdges() {
        ViewTransform h = wide();
        h.flipHorizontal();
        assertPoint(h.toViewport(-0.5, -0.5), 400, 100);
        assertPoint(h.toViewport(99.5, -0.5), 0, 100);
        ViewTransform v = wide();
        v.flipVertical();
        assertPoint(v.toViewport(-0.5, -0.5), 0, 300);
        assertPoint(v.toViewport(-0.5, 49.5), 0, 100);
        // stored normalised: a vertical flip is a mirror and a half turn
        assertThat(v.quarterTurns()).isEqualTo(2);
        assertThat(v.mirrored()).isTrue();
    }

    @Test
    void aFlipActsOnThePictureAsDisplayedNotOnTheImage() {
        ViewTransform t = wide();
        t.rotateClockwise();
        // the top-left corner sits top right; a horizontal flip moves it to the top left
        t.flipHorizontal();
        assertPoint(t.toViewport(-0.5, -0.5), 100, 0);
        assertPoint(t.toViewport(99.5, -0.5), 100, 400);
        // and a vertical flip then moves it to the bottom left
        t.flipVertical();
        assertPoint(t.toViewport(-0.5, -0.5), 100, 400);
    }

    @Test
    void commandsComposeIntoTheEightOrientations() {
        ViewTransform t = wide();
        for (int i = 0; i < 4; i++) t.rotateClockwise();
        assertThat(t.quarterTurns()).isZero();
        t.flipHorizontal();
        t.flipHorizontal();
        assertThat(t.mirrored()).isFalse();
        t.rotateClockwise();
        t.rotateCounterClockwise();
        assertThat(t.quarterTurns()).isZero();
        t.flipHorizontal();
        t.flipVertical();
        // both flips are a half turn
        assertThat(t.quarterTurns()).isEqualTo(2);
        assertThat(t.mirrored()).isFalse();
        assertPoint(t.toViewport(-0.5, -0.5), 400, 300);
    }

    @Test
    void fittingUsesTheTurnedExtent() {
        // 512 x 256 in 1000 x 600: unturned the width limits (1000 / 512), turned the height (600 / 512)
        ViewTransform t = new ViewTransform(512, 256, new PixelSpacing(1, 1, ""), 1000, 600);
        assertThat(t.scaleX()).isCloseTo(1000 / 512.0, within(EPS));
        t.rotateClockwise();
        assertThat(t.zoom()).isEqualTo(1);
        assertThat(t.scaleX()).isCloseTo(600 / 512.0, within(EPS));
        assertThat(t.scaleY()).isCloseTo(600 / 512.0, within(EPS));
        double[] box = boundingBox(t, 512, 256);
        // 256 * 600 / 512 = 300 wide, centred; 600 high, touching top and bottom
        assertThat(box[0]).isCloseTo(350, within(EPS));
        assertThat(box[1]).isCloseTo(0, within(EPS));
        assertThat(box[2]).isCloseTo(650, within(EPS));
        assertThat(box[3]).isCloseTo(600, within(EPS));
    }

    @Test
    void fittingATurnedImageOfNonSquarePixelsUsesMillimetres() {
        // 256 columns of 1 mm, 128 rows of 2 mm: 256 x 256 mm; turned it still fills a 512 x 1024 viewport's width
        ViewTransform t = new ViewTransform(256, 128, new PixelSpacing(2, 1, ""), 512, 1024);
        t.rotateCounterClockwise();
        double[] box = boundingBox(t, 256, 128);
        assertThat(box).containsExactly(new double[] {0, 256, 512, 768}, within(EPS));
    }

    private static double[] boundingBox(ViewTransform t, int columns, int rows) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double c : new double[] {-0.5, columns - 0.5}) {
            for (double r : new double[] {-0.5, rows - 0.5}) {
                ViewTransform.Point p = t.toViewport(c, r);
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
                maxX = Math.max(maxX, p.x());
                maxY = Math.max(maxY, p.y());
            }
        }
        return new double[] {minX, minY, maxX, maxY};
    }

    @Test
    void toViewportAndToImageAreInversesInEveryOrientationWithZoomAndPan() {
        for (Consumer<ViewTransform> orient : allOrientations()) {
            ViewTransform t = new ViewTransform(317, 211, new PixelSpacing(0.83, 0.61, ""), 640, 480);
            orient.accept(t);
            t.zoomAbout(3.7, 17, 300);
            t.pan(-41.25, 13.5);
            t.setViewportSize(900, 333);
            for (double c = -0.5; c < 317; c += 37.3) {
                for (double r = -0.5; r < 211; r += 29.1) {
                    ViewTransform.Point v = t.toViewport(c, r);
                    assertPoint(t.toImage(v.x(), v.y()), c, r);
                    ViewTransform.Point i = t.toImage(c * 2, r * 1.5);
                    assertPoint(t.toViewport(i.x(), i.y()), c * 2, r * 1.5);
                }
            }
        }
    }

    @Test
    void zoomAboutTheCursorKeepsThePointUnderItInEveryOrientation() {
        for (Consumer<ViewTransform> orient : allOrientations()) {
            ViewTransform t = new ViewTransform(512, 300, new PixelSpacing(0.5, 0.7, ""), 1000, 700);
            orient.accept(t);
            t.pan(33, -12);
            ViewTransform.Point under = t.toImage(123, 456);
            t.zoomAbout(2.5, 123, 456);
            assertPoint(t.toViewport(under.x(), under.y()), 123, 456);
            ViewTransform.Point centre = t.toImage(500, 350);
            t.setZoom(0.8);
            assertPoint(t.toViewport(centre.x(), centre.y()), 500, 350);
        }
    }

    @Test
    void turningAndFlippingKeepTheRegionAtTheViewportCentreInView() {
        ViewTransform t = new ViewTransform(512, 256, new PixelSpacing(0.7, 0.7, ""), 800, 600);
        t.zoomAbout(3, 200, 150);
        t.pan(40, -25);
        ViewTransform.Point looked = t.toImage(400, 300);
        t.rotateClockwise();
        assertPoint(t.toViewport(looked.x(), looked.y()), 400, 300);
        t.flipHorizontal();
        assertPoint(t.toViewport(looked.x(), looked.y()), 400, 300);
        t.flipVertical();
        t.rotateCounterClockwise();
        assertPoint(t.toViewport(looked.x(), looked.y()), 400, 300);
        assertThat(t.zoom()).isCloseTo(3, within(EPS));
    }

    @Test
    void aFittedImageStaysFittedAndCentredWhenTurned() {
        ViewTransform t = new ViewTransform(512, 256, null, 800, 600);
        t.rotateClockwise();
        t.flipVertical();
        assertThat(t.panX()).isCloseTo(0, within(EPS));
        assertThat(t.panY()).isCloseTo(0, within(EPS));
        assertPoint(t.toViewport(255.5, 127.5), 400, 300);
    }

    @Test
    void resetUndoesTurnsAndFlipsButFitKeepsThem() {
        ViewTransform t = new ViewTransform(100, 50, null, 400, 400);
        t.rotateClockwise();
        t.flipHorizontal();
        t.zoomAbout(2, 0, 0);
        t.fitToViewport();
        assertThat(t.quarterTurns()).isEqualTo(3);
        assertThat(t.mirrored()).isTrue();
        assertThat(t.zoom()).isEqualTo(1);
        t.reset();
        assertThat(t.quarterTurns()).isZero();
        assertThat(t.mirrored()).isFalse();
        assertPoint(t.toViewport(-0.5, -0.5), 0, 100);
    }

    @Test
    void theAffineMapsTopLeftPixelEdgeCoordinatesLikeToViewport() {
        for (Consumer<ViewTransform> orient : allOrientations()) {
            ViewTransform t = new ViewTransform(317, 211, new PixelSpacing(0.83, 0.61, ""), 640, 480);
            orient.accept(t);
            t.zoomAbout(1.7, 100, 90);
            t.pan(12.5, -7);
            Affine2D a = t.imageToViewport();
            // (0, 0) is the image's top-left corner, (columns, rows) its bottom-right
            assertPoint(a.apply(0, 0), t.toViewport(-0.5, -0.5).x(), t.toViewport(-0.5, -0.5).y());
            assertPoint(a.apply(317, 211), t.toViewport(316.5, 210.5).x(), t.toViewport(316.5, 210.5).y());
            for (double x = 0; x <= 317; x += 31.7) {
                for (double y = 0; y <= 211; y += 21.1) {
                    ViewTransform.Point expected = t.toViewport(x - 0.5, y - 0.5);
                    assertPoint(a.apply(x, y), expected.x(), expected.y());
                }
            }
        }
    }

    @Test
    void theAffineOfATurnedImageSwapsTheAxes() {
        ViewTransform t = wide();
        t.rotateClockwise();
        Affine2D a = t.imageToViewport();
        // a column step goes down the screen, a row step to the left, 4 viewport pixels each
        assertThat(new double[] {a.mxx(), a.mxy(), a.myx(), a.myy()})
                .containsExactly(new double[] {0, -4, 4, 0}, within(EPS));
        assertThat(a.tx()).isCloseTo(300, within(EPS));
        assertThat(a.ty()).isCloseTo(0, within(EPS));
    }
}
