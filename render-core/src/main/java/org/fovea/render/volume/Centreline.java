package org.fovea.render.volume;

import java.util.ArrayList;
import java.util.List;
import org.fovea.render.geom.Vec3;

/**
 * A smooth curve through points a user placed along a vessel or other tubular structure, for
 * curved reformats: positions, tangents and a rotation-minimizing normal by arc length (mm).
 *
 * <p>The curve is a centripetal Catmull-Rom spline through the points (it passes through every
 * point, and unlike the uniform one it neither loops nor overshoots where points are unevenly
 * spaced, as clicks along a vessel are), extended at both ends by a point continuing the last
 * three on a parabola, so the end segments bend as the rest do. It is resampled at equal arc length.
 *
 * <p>The normal is transported along the curve without twisting (a rotation-minimizing frame, by
 * double reflection), starting from {@link #referenceAcross()}: a straightened CPR built on it
 * does not spin around a vessel that curves in space.
 */
public final class Centreline {

    /** Dense samples per segment, at least, and per millimetre of chord, for measuring arc length. */
    private static final int MIN_DENSE = 16;
    private static final double DENSE_PER_MM = 20;

    private final double stepMm;
    private final double length;
    /** Samples at arc 0, step, 2 step, ..., and the end. */
    private final double[] arcs;
    private final Vec3[] points;
    private final Vec3[] tangents;
    private final Vec3[] normals;
    private final Vec3 meanDirection;
    private final Vec3 referenceAcross;

    private Centreline(double stepMm, double[] arcs, Vec3[] points, Vec3[] tangents) {
        this.stepMm = stepMm;
        this.arcs = arcs;
        this.points = points;
        this.tangents = tangents;
        this.length = arcs[arcs.length - 1];
        Vec3 chord = points[points.length - 1].minus(points[0]);
        // a closed curve has no chord: its start is the best "mean" direction left
        meanDirection = chord.length() > 1e-6 * Math.max(length, 1) ? chord.normalized() : tangents[0];
        Vec3 reference = Math.abs(meanDirection.x()) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
        referenceAcross = perpendicular(reference, meanDirection);
        normals = rotationMinimizingNormals();
    }

    /**
     * The smooth curve through {@code controlPoints} (in order; repeated points are ignored),
     * resampled every {@code stepMm} of arc length.
     */
    public static Centreline through(List<Vec3> controlPoints, double stepMm) {
        if (!(stepMm > 0)) {
            throw new IllegalArgumentException("step " + stepMm + " mm");
        }
        List<Vec3> p = new ArrayList<>();
        for (Vec3 c : controlPoints) {
            if (p.isEmpty() || c.minus(p.get(p.size() - 1)).length() > 1e-9) {
                p.add(c);
            }
        }
        if (p.size() < 2) {
            throw new IllegalArgumentException("a centreline needs two distinct points, got " + controlPoints);
        }
        List<Vec3> dense = dense(p);
        double[] denseArc = new double[dense.size()];
        for (int i = 1; i < dense.size(); i++) {
            denseArc[i] = denseArc[i - 1] + dense.get(i).minus(dense.get(i - 1)).length();
        }
        double total = denseArc[denseArc.length - 1];
        int whole = (int) Math.floor(total / stepMm + 1e-9);
        boolean shortLast = total - whole * stepMm > 1e-9;
        int n = whole + 1 + (shortLast ? 1 : 0);
        double[] arcs = new double[n];
        Vec3[] points = new Vec3[n];
        Vec3[] tangents = new Vec3[n];
        // the tangent by a central difference on the dense curve, a fraction of a step wide
        double h = Math.min(stepMm, total) / 4;
        for (int i = 0; i < n; i++) {
            arcs[i] = i <= whole ? Math.min(i * stepMm, total) : total;
            points[i] = along(dense, denseArc, arcs[i]);
            double a = Math.max(0, arcs[i] - h), b = Math.min(total, arcs[i] + h);
            tangents[i] = along(dense, denseArc, b).minus(along(dense, denseArc, a)).normalized();
        }
        return new Centreline(stepMm, arcs, points, tangents);
    }

    /** The spline densely sampled, segment by segment, through the distinct control points. */
    private static List<Vec3> dense(List<Vec3> p) {
        int n = p.size();
        List<Vec3> out = new ArrayList<>();
        out.add(p.get(0));
        for (int s = 0; s + 1 < n; s++) {
            Vec3 p0 = s > 0 ? p.get(s - 1) : beyond(p.get(0), p.get(1), n > 2 ? p.get(2) : null);
            Vec3 p1 = p.get(s), p2 = p.get(s + 1);
            Vec3 p3 = s + 2 < n ? p.get(s + 2) : beyond(p2, p1, n > 2 ? p.get(s - 1) : null);
            int m = Math.max(MIN_DENSE, (int) Math.ceil(p2.minus(p1).length() * DENSE_PER_MM));
            for (int i = 1; i <= m; i++) {
                out.add(centripetal(p0, p1, p2, p3, (double) i / m));
            }
        }
        return out;
    }

    /**
     * A point before the end point {@code a}, continuing the curve through a, b (and c, when
     * there is one) by the parabola through them, so an end segment bends as its neighbours
     * do (a straight continuation would leave the end tangent along the last chord, half a
     * chord's turn off on a bend). Where the parabola comes back onto a, straight on.
     */
    private static Vec3 beyond(Vec3 a, Vec3 b, Vec3 c) {
        Vec3 straight = a.times(2).minus(b);
        if (c == null) {
            return straight;
        }
        Vec3 parabola = a.times(3).minus(b.times(3)).plus(c);
        return parabola.minus(a).length() > 1e-3 * b.minus(a).length() ? parabola : straight;
    }

    /**
     * The centripetal Catmull-Rom segment between p1 and p2 at fraction u in [0, 1] of its knot
     * interval (knots spaced by the square root of the chord lengths; Barry and Goldman's
     * pyramid of linear interpolations).
     */
    private static Vec3 centripetal(Vec3 p0, Vec3 p1, Vec3 p2, Vec3 p3, double u) {
        double t0 = 0;
        double t1 = t0 + Math.sqrt(p1.minus(p0).length());
        double t2 = t1 + Math.sqrt(p2.minus(p1).length());
        double t3 = t2 + Math.sqrt(p3.minus(p2).length());
        double t = t1 + u * (t2 - t1);
        Vec3 a1 = mix(p0, p1, t0, t1, t);
        Vec3 a2 = mix(p1, p2, t1, t2, t);
        Vec3 a3 = mix(p2, p3, t2, t3, t);
        Vec3 b1 = mix(a1, a2, t0, t2, t);
        Vec3 b2 = mix(a2, a3, t1, t3, t);
        return mix(b1, b2, t1, t2, t);
    }

    /** The point at knot t on the line that is a at knot ta and b at knot tb. */
    private static Vec3 mix(Vec3 a, Vec3 b, double ta, double tb, double t) {
        double w = (t - ta) / (tb - ta);
        return a.times(1 - w).plus(b.times(w));
    }

    /** Linear interpolation on a polyline by arc length. */
    private static Vec3 along(List<Vec3> polyline, double[] arc, double at) {
        int lo = 0, hi = arc.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (arc[mid] <= at) lo = mid; else hi = mid;
        }
        double span = arc[hi] - arc[lo];
        double w = span > 0 ? Math.max(0, Math.min(1, (at - arc[lo]) / span)) : 0;
        return polyline.get(lo).times(1 - w).plus(polyline.get(hi).times(w));
    }

    /** Wang, Jüttler, Zheng and Liu's double reflection, from {@link #referenceAcross} at the start. */
    private Vec3[] rotationMinimizingNormals() {
        Vec3[] r = new Vec3[points.length];
        r[0] = perpendicular(referenceAcross, tangents[0]);
        for (int i = 0; i + 1 < points.length; i++) {
            Vec3 v1 = points[i + 1].minus(points[i]);
            double c1 = v1.dot(v1);
            Vec3 rl = r[i].minus(v1.times(2 / c1 * v1.dot(r[i])));
            Vec3 tl = tangents[i].minus(v1.times(2 / c1 * v1.dot(tangents[i])));
            Vec3 v2 = tangents[i + 1].minus(tl);
            double c2 = v2.dot(v2);
            Vec3 next = c2 < 1e-18 ? rl : rl.minus(v2.times(2 / c2 * v2.dot(rl)));
            r[i + 1] = perpendicular(next, tangents[i + 1]);
        }
        return r;
    }

    /** {@code v} made perpendicular to the unit vector {@code axis}, unit length; any perpendicular if v is along it. */
    static Vec3 perpendicular(Vec3 v, Vec3 axis) {
        Vec3 p = v.minus(axis.times(v.dot(axis)));
        if (p.length() < 1e-9) {
            Vec3 other = Math.abs(axis.x()) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
            p = other.minus(axis.times(other.dot(axis)));
        }
        return p.normalized();
    }

    /** Arc length, mm. */
    public double length() {
        return length;
    }

    /** The resampling step, mm. */
    public double stepMm() {
        return stepMm;
    }

    /** The point at {@code arcMm} from the start (clamped to the curve). */
    public Vec3 point(double arcMm) {
        int i = segment(arcMm);
        double w = weight(i, arcMm);
        return points[i].times(1 - w).plus(points[i + 1].times(w));
    }

    /** The unit tangent at {@code arcMm}, pointing from the start toward the end. */
    public Vec3 tangent(double arcMm) {
        int i = segment(arcMm);
        double w = weight(i, arcMm);
        return tangents[i].times(1 - w).plus(tangents[i + 1].times(w)).normalized();
    }

    /** The rotation-minimizing unit normal at {@code arcMm}, perpendicular to {@link #tangent}. */
    public Vec3 normal(double arcMm) {
        int i = segment(arcMm);
        double w = weight(i, arcMm);
        return perpendicular(normals[i].times(1 - w).plus(normals[i + 1].times(w)), tangent(arcMm));
    }

    /** The unit direction from the first point to the last (the start's tangent for a closed curve). */
    public Vec3 meanDirection() {
        return meanDirection;
    }

    /**
     * The direction across the curve that curved reformats show from left to right before any
     * rotation, as a coronal does: the patient's left (+x) made perpendicular to
     * {@link #meanDirection()}, or posterior (+y) for a curve that runs mostly left to right.
     */
    public Vec3 referenceAcross() {
        return referenceAcross;
    }

    /** The sample interval holding {@code arcMm}; there are always at least two samples. */
    private int segment(double arcMm) {
        int i = (int) Math.floor(Math.max(0, arcMm) / stepMm);
        return Math.min(i, points.length - 2);
    }

    private double weight(int i, double arcMm) {
        double span = arcs[i + 1] - arcs[i];
        return Math.max(0, Math.min(1, (arcMm - arcs[i]) / span));
    }
}
