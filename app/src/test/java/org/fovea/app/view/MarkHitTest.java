package org.fovea.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Kind;
import org.junit.jupiter.api.Test;

class MarkHitTest {

    private static final ImageRef IMAGE = new ImageRef("s", "c", "1", 1);
    /** Zoomed 4x: a handle is grabbed within 6 screen pixels, that is 1.5 image pixels. */
    private static final UnaryOperator<ImagePoint> ZOOM4 = p -> new ImagePoint(p.x() * 4, p.y() * 4);

    private static Annotation mark(String id, Kind kind, double... xy) {
        List<ImagePoint> p = new java.util.ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            p.add(new ImagePoint(xy[i], xy[i + 1]));
        }
        return new Annotation(id, kind, p, "", IMAGE);
    }

    private static ImagePoint screen(double x, double y) {
        return new ImagePoint(x, y);
    }

    @Test
    void handlesComeFirstThenOutlinesThenInsides() {
        List<Annotation> marks = List.of(
                mark("ellipse", Kind.ELLIPSE, 10, 10, 50, 30),
                mark("line", Kind.LENGTH, 0, 0, 100, 100));
        assertThat(MarkHit.find(marks, screen(201, 121), ZOOM4)).contains(new MarkHit("ellipse", 1));
        assertThat(MarkHit.find(marks, screen(4 * 30, 4 * 30 + 4), ZOOM4)).contains(new MarkHit("line", -1));
        assertThat(MarkHit.find(marks, screen(4 * 20, 4 * 15), ZOOM4)).contains(new MarkHit("ellipse", -1));
        assertThat(MarkHit.find(marks, screen(4 * 90, 4 * 10), ZOOM4)).isEmpty();
    }

    @Test
    void theMarkDrawnLastWinsWhereTwoOverlap() {
        List<Annotation> marks = List.of(mark("under", Kind.RECTANGLE, 0, 0, 50, 50), mark("over", Kind.RECTANGLE, 10, 10, 40, 40));
        assertThat(MarkHit.find(marks, screen(100, 100), ZOOM4)).contains(new MarkHit("over", -1));
        assertThat(MarkHit.find(marks, screen(4 * 45, 4 * 45), ZOOM4)).contains(new MarkHit("under", -1));
    }
}
