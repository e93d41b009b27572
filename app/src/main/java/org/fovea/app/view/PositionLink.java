package org.fovea.app.view;

import org.fovea.dicom.ImageHeader;

import org.fovea.dicom.series.SeriesStack;
import org.fovea.dicom.series.Slice;
import org.fovea.render.geom.Vec3;

/**
 * Linking stacks by patient position (V25): two stacks whose slices are parallel are compared
 * by where their slices lie along the shared normal, in mm, never by image number, so a prior
 * with another slice thickness or another number of images still follows to the same table
 * position. The offset of a pair (what the user aligned between a current study and a prior) is
 * added to the leader's location, measured along the follower's normal.
 */
public final class PositionLink {

    /** Planes further apart than this (about 5°) are not linked: one is not a stack of the other. */
    private static final double PARALLEL_COSINE = Math.cos(Math.toRadians(5));

    private PositionLink() {
    }

    /** The normal of a stack's slices, or null before one is decoded or when it has no geometry. */
    public static Vec3 normal(SeriesStack stack) {
        Slice any = stack == null ? null : stack.anySlice();
        return any == null || any.plane() == null ? null : any.plane().normal();
    }

    /**
     * Whether two images share a patient coordinate system, so positions in one mean the same
     * place in the other: the same Frame of Reference UID. Images without one (older objects,
     * some secondary captures) are taken to share their study's.
     */
    public static boolean sameFrame(Slice a, Slice b) {
        return a != null && b != null && sameFrame(a.header(), b.header());
    }

    /** {@link #sameFrame(Slice, Slice)} on the images' headers. */
    public static boolean sameFrame(ImageHeader a, ImageHeader b) {
        String fa = a.frameOfReferenceUid(), fb = b.frameOfReferenceUid();
        if (!fa.isEmpty() && !fb.isEmpty()) {
            return fa.equals(fb);
        }
        return a.studyInstanceUid().equals(b.studyInstanceUid());
    }

    /**
     * +1 when two stacks' normals point the same way, -1 when opposite (locations then count the
     * other way), 0 when they are not parallel or either is unknown.
     */
    public static int direction(Vec3 a, Vec3 b) {
        if (a == null || b == null) {
            return 0;
        }
        double cos = a.dot(b);
        return cos >= PARALLEL_COSINE ? 1 : cos <= -PARALLEL_COSINE ? -1 : 0;
    }

    /**
     * Where the follower should be, along its own normal, for the leader's location:
     * {@code direction * leaderLocation + offset}.
     */
    public static double target(double leaderLocation, int direction, double offset) {
        return direction * leaderLocation + offset;
    }

    /** The offset that keeps two slices' locations together from now on (the user aligned them). */
    public static double offset(double leaderLocation, int direction, double followerLocation) {
        return followerLocation - direction * leaderLocation;
    }

    /**
     * The image of a stack nearest to a location along its normal; -1 when no image's location is
     * known.
     */
    public static int nearest(SeriesStack stack, double location) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < stack.size(); i++) {
            double d = Math.abs(stack.location(i) - location);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
