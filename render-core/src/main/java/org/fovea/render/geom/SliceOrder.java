package org.fovea.render.geom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Orders the images of a stack the way radiologists page through them: axial head to feet,
 * coronal front to back, sagittal patient's right to left, by each image's position along
 * the stack's normal. Without geometry on every image, Instance Number decides.
 */
public final class SliceOrder {

    private SliceOrder() {
    }

    /**
     * A sorted copy of {@code items}. Images at the same position, and the geometry-less
     * fallback, are ordered by Instance Number; a missing Instance Number sorts last. The sort
     * is stable, so input order settles what is still equal.
     *
     * @param plane          the image's plane, or {@code null} when the header had none
     * @param instanceNumber the image's Instance Number, or {@code null}
     */
    public static <T> List<T> sort(List<T> items, Function<T, ImagePlane> plane, Function<T, Integer> instanceNumber) {
        Comparator<T> byInstance = Comparator.comparing(instanceNumber, Comparator.nullsLast(Comparator.naturalOrder()));
        List<T> sorted = new ArrayList<>(items);
        if (sorted.isEmpty() || sorted.stream().anyMatch(t -> plane.apply(t) == null)) {
            sorted.sort(byInstance);
            return sorted;
        }
        Vec3 towardsFirst = readingDirection(plane.apply(sorted.get(0)).normal());
        Comparator<T> byPosition = Comparator.comparingDouble(t -> -plane.apply(t).position().dot(towardsFirst));
        sorted.sort(byPosition.thenComparing(byInstance));
        return sorted;
    }

    /**
     * The typical distance between neighbouring slices of a sorted stack along its normal: the
     * median of the gaps, so one missing slice does not change it. Empty for fewer than two.
     */
    public static OptionalDouble sliceSpacing(List<ImagePlane> sortedPlanes) {
        if (sortedPlanes.size() < 2) return OptionalDouble.empty();
        Vec3 normal = sortedPlanes.get(0).normal();
        double[] gaps = new double[sortedPlanes.size() - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = Math.abs(sortedPlanes.get(i + 1).position().minus(sortedPlanes.get(i).position()).dot(normal));
        }
        Arrays.sort(gaps);
        int m = gaps.length / 2;
        return OptionalDouble.of(gaps.length % 2 == 1 ? gaps[m] : (gaps[m - 1] + gaps[m]) / 2);
    }

    /**
     * The normal, flipped to point at the side shown first: head for axial (+z), anterior for
     * coronal (-y), the patient's right for sagittal (-x), chosen by the normal's dominant axis.
     */
    private static Vec3 readingDirection(Vec3 normal) {
        double ax = Math.abs(normal.x()), ay = Math.abs(normal.y()), az = Math.abs(normal.z());
        boolean flip;
        if (az >= ax && az >= ay) {
            flip = normal.z() < 0;
        } else if (ay >= ax) {
            flip = normal.y() > 0;
        } else {
            flip = normal.x() > 0;
        }
        return flip ? normal.times(-1) : normal;
    }
}
