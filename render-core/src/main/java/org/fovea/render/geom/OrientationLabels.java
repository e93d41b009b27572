package org.fovea.render.geom;

import java.util.ArrayList;
import java.util.List;

/**
 * The patient-orientation letters at the four edges of a displayed image (PS3.3 C.7.6.1.1.1),
 * in the LPS patient system: +x = L, -x = R, +y = P, -y = A, +z = H, -z = F. The right edge
 * shows where the row direction points, the bottom edge where the column direction points, and
 * the left and top edges the opposite ways. A turned or mirrored display (V19) moves the letters
 * with the picture, see {@link #of(ImagePlane, int, boolean, boolean)}.
 *
 * <p>An oblique direction gets up to three letters, strongest component first. A component
 * smaller than {@link #MINOR_COMPONENT} of the strongest one is left out, so that a slice
 * tilted by less than about 14° still reads as plain "L" or "H" rather than a string nobody
 * reads; a 30° oblique (components 0.87 and 0.5) gets two letters.
 */
public record OrientationLabels(String left, String right, String top, String bottom) {

    /** Components below this fraction of the strongest component get no letter. */
    public static final double MINOR_COMPONENT = 0.25;

    public static OrientationLabels of(ImagePlane plane) {
        return of(plane.rowDirection(), plane.columnDirection());
    }

    /**
     * The letters at the edges of a picture that is the image first mirrored left to right when
     * {@code flipHorizontal}, then top to bottom when {@code flipVertical}, then turned
     * {@code quarterTurns} times 90° clockwise (negative turns are counter-clockwise).
     */
    public static OrientationLabels of(ImagePlane plane, int quarterTurns, boolean flipHorizontal, boolean flipVertical) {
        Vec3 right = flipHorizontal ? plane.rowDirection().times(-1) : plane.rowDirection();
        Vec3 down = flipVertical ? plane.columnDirection().times(-1) : plane.columnDirection();
        for (int i = Math.floorMod(quarterTurns, 4); i > 0; i--) {
            // turning clockwise brings what was at the top to the right, and what was at the right to the bottom
            Vec3 up = down.times(-1);
            down = right;
            right = up;
        }
        return of(right, down);
    }

    /** The letters at the edges of {@code plane} as {@code view} shows it, turned and mirrored. */
    public static OrientationLabels of(ImagePlane plane, ViewTransform view) {
        return of(plane, view.quarterTurns(), view.mirrored(), false);
    }

    public static OrientationLabels of(Vec3 rowDirection, Vec3 columnDirection) {
        return new OrientationLabels(letters(rowDirection.times(-1)), letters(rowDirection),
                                     letters(columnDirection.times(-1)), letters(columnDirection));
    }

    /** The letters for one direction, e.g. "L", "LP", "HLA"; empty for a zero vector. */
    public static String letters(Vec3 direction) {
        double[] c = {direction.x(), direction.y(), direction.z()};
        String[] positive = {"L", "P", "H"};
        String[] negative = {"R", "A", "F"};
        double strongest = Math.max(Math.abs(c[0]), Math.max(Math.abs(c[1]), Math.abs(c[2])));
        if (!(strongest > 0)) return "";
        List<Integer> axes = new ArrayList<>(List.of(0, 1, 2));
        axes.removeIf(a -> Math.abs(c[a]) < MINOR_COMPONENT * strongest);
        axes.sort((a, b) -> Double.compare(Math.abs(c[b]), Math.abs(c[a])));
        StringBuilder sb = new StringBuilder(3);
        for (int a : axes) {
            sb.append(c[a] > 0 ? positive[a] : negative[a]);
        }
        return sb.toString();
    }
}
