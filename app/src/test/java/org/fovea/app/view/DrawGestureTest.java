package org.fovea.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Kind;
import org.junit.jupiter.api.Test;

class DrawGestureTest {

    private static ImagePoint p(double x, double y) {
        return new ImagePoint(x, y);
    }

    private static DrawGesture gesture(Kind kind) {
        return new DrawGesture(kind, 2, null);
    }

    @Test
    void aLengthIsDrawnByDraggingOrByTwoClicks() {
        DrawGesture drag = gesture(Kind.LENGTH);
        drag.press(p(10, 10), 1);
        drag.drag(p(30, 20));
        assertThat(drag.points()).containsExactly(p(10, 10), p(30, 20));
        assertThat(drag.done()).isFalse();
        drag.release(p(40, 40));
        assertThat(drag.done()).isTrue();
        assertThat(drag.points()).containsExactly(p(10, 10), p(40, 40));

        DrawGesture clicks = gesture(Kind.LENGTH);
        clicks.press(p(10, 10), 1);
        clicks.release(p(10.5, 10));             // a click, not a drag
        assertThat(clicks.done()).isFalse();
        clicks.move(p(50, 12));
        assertThat(clicks.points()).containsExactly(p(10, 10), p(50, 12));
        clicks.press(p(60, 12), 1);
        assertThat(clicks.done()).isTrue();
        assertThat(clicks.points()).containsExactly(p(10, 10), p(60, 12));
    }

    @Test
    void theCardiothoracicWidthsStayHorizontalAndTakeTwoLines() {
        DrawGesture g = gesture(Kind.CARDIOTHORACIC);
        g.press(p(100, 300), 1);
        g.drag(p(200, 310));
        g.release(p(260, 305));
        assertThat(g.done()).isFalse();
        g.press(p(40, 250), 1);
        g.release(p(360, 240));
        assertThat(g.done()).isTrue();
        assertThat(g.points()).containsExactly(p(100, 300), p(260, 300), p(40, 250), p(360, 250));
    }

    @Test
    void anAngleTakesThreeClicksAndAPolylineEndsOnDoubleClick() {
        DrawGesture angle = gesture(Kind.ANGLE);
        angle.press(p(0, 0), 1);
        angle.release(p(0, 0));
        angle.press(p(20, 0), 1);
        angle.release(p(20, 0));
        assertThat(angle.done()).isFalse();
        angle.press(p(20, 20), 1);
        assertThat(angle.done()).isTrue();
        assertThat(angle.points()).containsExactly(p(0, 0), p(20, 0), p(20, 20));

        DrawGesture line = gesture(Kind.POLYLINE);
        for (ImagePoint q : List.of(p(0, 0), p(10, 0), p(10, 10))) {
            line.press(q, 1);
            line.release(q);
        }
        line.press(p(10, 10), 2);
        assertThat(line.done()).isTrue();
        assertThat(line.points()).containsExactly(p(0, 0), p(10, 0), p(10, 10));
    }

    @Test
    void aFreeHandContourFollowsTheDragAndAClickIsNoContour() {
        DrawGesture g = gesture(Kind.FREEHAND);
        g.press(p(0, 0), 1);
        g.release(p(0.5, 0));
        assertThat(g.done()).isFalse();
        assertThat(g.empty()).isTrue();
        g.press(p(0, 0), 1);
        for (int i = 1; i <= 36; i++) {
            double a = 2 * Math.PI * i / 36;
            g.drag(p(20 - 20 * Math.cos(a), 20 * Math.sin(a)));
        }
        g.release(p(0.2, 0.1));
        assertThat(g.done()).isTrue();
        assertThat(g.points().size()).isBetween(30, 37);
    }

    @Test
    void theLassoJoinsClickedAnchorsByTheSnappersPathsAndClosesOnTheFirstAnchor() {
        List<String> calls = new ArrayList<>();
        DrawGesture.Snapper straight = new DrawGesture.Snapper() {
            private ImagePoint seed;

            @Override
            public void seed(ImagePoint anchor) {
                seed = new ImagePoint(Math.round(anchor.x()), Math.round(anchor.y()));
                calls.add("seed " + seed);
            }

            @Override
            public List<ImagePoint> pathTo(ImagePoint t) {
                ImagePoint end = new ImagePoint(Math.round(t.x()), Math.round(t.y()));
                return List.of(seed, new ImagePoint(end.x(), seed.y()), end);   // an L along the cracks
            }
        };
        DrawGesture g = new DrawGesture(Kind.LASSO, 2, straight);
        g.press(p(10.2, 10.1), 1);
        g.move(p(30, 12));
        assertThat(g.points()).containsExactly(p(10, 10), p(30, 10), p(30, 12));
        g.press(p(30, 30), 1);
        g.press(p(10, 30), 1);
        g.press(p(10.5, 10.6), 1);              // on the first anchor: closes
        assertThat(g.done()).isTrue();
        assertThat(g.points()).containsExactly(p(10, 10), p(30, 10), p(30, 30), p(10, 30));
        assertThat(g.anchors()).hasSize(3);
    }
}
