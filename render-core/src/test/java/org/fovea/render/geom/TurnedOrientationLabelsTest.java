package org.fovea.render.geom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The edge letters follow the picture when it is turned and flipped (V19). */
class TurnedOrientationLabelsTest {

    /** Axial: rows run to the patient's left, columns to posterior. */
    private static final ImagePlane AXIAL = plane(new Vec3(1, 0, 0), new Vec3(0, 1, 0));
    private static final ImagePlane CORONAL = plane(new Vec3(1, 0, 0), new Vec3(0, 0, -1));
    private static final ImagePlane SAGITTAL = plane(new Vec3(0, 1, 0), new Vec3(0, 0, -1));
    /** The shared corpus's MR phantom: an axial plane turned a quarter, rows to anterior. */
    private static final ImagePlane MR_PHANTOM = plane(new Vec3(0, -1, 0), new Vec3(1, 0, 0));

    private static ImagePlane plane(Vec3 row, Vec3 column) {
        return new ImagePlane(new Vec3(-120, -90, 40), row, column, 0.6, 0.8, 1, "Pixel Spacing");
    }

    @Test
    void axialInItsFourTurns() {
        assertThat(OrientationLabels.of(AXIAL, 0, false, false)).isEqualTo(new OrientationLabels("R", "L", "A", "P"));
        // turned clockwise the anterior (top) comes to the right and the patient's right to the top
        assertThat(OrientationLabels.of(AXIAL, 1, false, false)).isEqualTo(new OrientationLabels("P", "A", "R", "L"));
        assertThat(OrientationLabels.of(AXIAL, 2, false, false)).isEqualTo(new OrientationLabels("L", "R", "P", "A"));
        assertThat(OrientationLabels.of(AXIAL, 3, false, false)).isEqualTo(new OrientationLabels("A", "P", "L", "R"));
        assertThat(OrientationLabels.of(AXIAL, -1, false, false)).isEqualTo(OrientationLabels.of(AXIAL, 3, false, false));
    }

    @Test
    void axialFlipped() {
        assertThat(OrientationLabels.of(AXIAL, 0, true, false)).isEqualTo(new OrientationLabels("L", "R", "A", "P"));
        assertThat(OrientationLabels.of(AXIAL, 0, false, true)).isEqualTo(new OrientationLabels("R", "L", "P", "A"));
        // both flips are a half turn
        assertThat(OrientationLabels.of(AXIAL, 0, true, true)).isEqualTo(OrientationLabels.of(AXIAL, 2, false, false));
        // mirrored first, then turned: R comes right, then the turn takes it to the bottom
        assertThat(OrientationLabels.of(AXIAL, 1, true, false)).isEqualTo(new OrientationLabels("P", "A", "L", "R"));
    }

    @Test
    void coronalTurnedClockwise() {
        // the head (top) comes to the right
        assertThat(OrientationLabels.of(CORONAL, 1, false, false)).isEqualTo(new OrientationLabels("F", "H", "R", "L"));
    }

    @Test
    void labelsOfAViewFollowTheUsersCommands() {
        ViewTransform view = new ViewTransform(512, 512, null, 600, 600);
        view.rotateClockwise();
        assertThat(OrientationLabels.of(AXIAL, view)).isEqualTo(new OrientationLabels("P", "A", "R", "L"));
        // a horizontal flip of the turned picture swaps its left and right letters
        view.flipHorizontal();
        assertThat(OrientationLabels.of(AXIAL, view)).isEqualTo(new OrientationLabels("A", "P", "R", "L"));
        view.flipVertical();
        assertThat(OrientationLabels.of(AXIAL, view)).isEqualTo(new OrientationLabels("A", "P", "L", "R"));
        view.reset();
        assertThat(OrientationLabels.of(AXIAL, view)).isEqualTo(OrientationLabels.of(AXIAL));
    }

    /**
     * Laterality marker: a point towards the patient's left (and each other patient direction in
     * the plane) is drawn on the side of the viewport whose letter names that direction, in all
     * eight orientations, whatever the zoom and pan.
     */
    @Test
    void aPhantomPointAppearsOnTheSideLabelledWithItsDirection() {
        Vec3[] directions = {new Vec3(1, 0, 0), new Vec3(-1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, -1, 0),
                             new Vec3(0, 0, 1), new Vec3(0, 0, -1)};
        String[] letters = {"L", "R", "P", "A", "H", "F"};
        int checked = 0;
        for (ImagePlane plane : new ImagePlane[] {AXIAL, CORONAL, SAGITTAL, MR_PHANTOM}) {
            for (int turns = 0; turns < 4; turns++) {
                for (int flips = 0; flips < 4; flips++) {
                    ViewTransform view = new ViewTransform(512, 400, new PixelSpacing(0.6, 0.8, ""), 900, 700);
                    orient(view, turns, flips);
                    view.zoomAbout(1.8, 300, 200);
                    view.pan(-35, 20);
                    OrientationLabels labels = OrientationLabels.of(plane, view);
                    for (int d = 0; d < directions.length; d++) {
                        ViewTransform.Point centre = new ViewTransform.Point(255.5, 199.5);
                        ViewTransform.Point marker = pointTowards(plane, centre, directions[d], 200);
                        if (marker == null) continue;
                        String side = side(view, centre, marker);
                        String label = switch (side) {
                            case "left" -> labels.left();
                            case "right" -> labels.right();
                            case "top" -> labels.top();
                            default -> labels.bottom();
                        };
                        assertThat(label).as("%s towards %s, %d turns, flips %d", plane.rowDirection(), letters[d],
                                turns, flips).isEqualTo(letters[d]);
                        checked++;
                    }
                }
            }
        }
        // four directions lie in each plane
        assertThat(checked).isEqualTo(4 * 4 * 4 * 4);
    }

    @Test
    void theLeftSideOfAnAxialPhantomIsOnTheSideMarkedL() {
        // column 500 of 512 lies at the patient's left on an axial image
        ImagePlane axial = new ImagePlane(new Vec3(-179.6, -179.6, 0), new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0.7, 0.7, 1, "");
        assertThat(axial.toPatient(500, 256).x()).isGreaterThan(axial.toPatient(255.5, 256).x());
        Consumer<ViewTransform>[] commands = commands();
        for (Consumer<ViewTransform> first : commands) {
            for (Consumer<ViewTransform> second : commands) {
                ViewTransform view = new ViewTransform(512, 512, new PixelSpacing(0.7, 0.7, ""), 800, 600);
                first.accept(view);
                second.accept(view);
                OrientationLabels labels = OrientationLabels.of(axial, view);
                String side = side(view, new ViewTransform.Point(255.5, 256), new ViewTransform.Point(500, 256));
                String label = side.equals("left") ? labels.left() : side.equals("right") ? labels.right()
                        : side.equals("top") ? labels.top() : labels.bottom();
                assertThat(label).isEqualTo("L");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Consumer<ViewTransform>[] commands() {
        return new Consumer[] {(Consumer<ViewTransform>) v -> { }, (Consumer<ViewTransform>) ViewTransform::rotateClockwise,
            (Consumer<ViewTransform>) ViewTransform::rotateCounterClockwise,
            (Consumer<ViewTransform>) ViewTransform::flipHorizontal, (Consumer<ViewTransform>) ViewTransform::flipVertical};
    }

    private static void orient(ViewTransform view, int turns, int flips) {
        for (int i = 0; i < turns; i++) view.rotateClockwise();
        if ((flips & 1) != 0) view.flipHorizontal();
        if ((flips & 2) != 0) view.flipVertical();
    }

    /** The image point {@code mm} millimetres from {@code from} in patient direction {@code d}, or null when d is not in the plane. */
    private static ViewTransform.Point pointTowards(ImagePlane plane, ViewTransform.Point from, Vec3 d, double mm) {
        double alongRow = d.dot(plane.rowDirection());
        double alongColumn = d.dot(plane.columnDirection());
        if (Math.abs(alongRow) + Math.abs(alongColumn) < 0.5) return null;
        return new ViewTransform.Point(from.x() + alongRow * mm / plane.columnSpacing(),
                                       from.y() + alongColumn * mm / plane.rowSpacing());
    }

    /** Which side of the viewport the marker lies towards, seen from the image centre. */
    private static String side(ViewTransform view, ViewTransform.Point centre, ViewTransform.Point marker) {
        ViewTransform.Point c = view.toViewport(centre.x(), centre.y());
        ViewTransform.Point m = view.toViewport(marker.x(), marker.y());
        double dx = m.x() - c.x();
        double dy = m.y() - c.y();
        if (Math.abs(dx) > Math.abs(dy)) return dx > 0 ? "right" : "left";
        return dy > 0 ? "bottom" : "top";
    }
}
