package org.fovea.render.volume;

import java.util.Objects;
import org.fovea.render.Frame;
import org.fovea.render.geom.Vec3;

/**
 * Curved planar reformation (CPR) along a {@link Centreline}: a vessel shown along its whole
 * length in one image. Every image row is a straight line of pixels through the volume, sampled
 * like a reslice (trilinear, the volume's minimum outside, optional slab); rows differ in where
 * they lie. Images are grayscale {@link Frame}s of stored values, rendered like any reslice.
 *
 * <p><b>Straightened</b> ({@link #straightened}): row y is at arc length {@code y * pixelMm};
 * across it, columns run along the centreline's rotation-minimizing normal turned by the
 * rotation about the tangent, centred on the curve (the middle column is the centreline). The
 * vessel becomes a straight vertical band whose width is its diameter, and lengths along it are
 * true; rotating turns the cut around the vessel.
 *
 * <p><b>Stretched</b> ({@link #stretched}): a vector of interest v, perpendicular to the curve's
 * mean direction ({@link Centreline#referenceAcross()} turned by the rotation about the mean
 * direction), sweeps along the curve; the surface it sweeps is unrolled without distortion: rows
 * are equally spaced along the curve's projection on the plane normal to v, and columns are mm
 * along v, so the curve keeps its course along v and the surroundings keep their geometry.
 * The image spans the curve's extent along v plus {@code widthMm}.
 *
 * <p>Slabs sample across the image surface (tangent x across, or v x the projected tangent) at
 * the volume's finest spacing, as for a reslice. Thread-safe.
 */
public final class CurvedReformat {

    private final Volume volume;
    private final VoxelSampler sampler;
    private final double stepMm;

    public CurvedReformat(Volume volume) {
        this.volume = Objects.requireNonNull(volume);
        this.sampler = new VoxelSampler(volume);
        this.stepMm = Planes.finestSpacing(volume);
    }

    /** One image row: the patient position of pixel 0, the unit direction to the next pixel, and the slab's. */
    private record Row(Vec3 origin, Vec3 across, Vec3 deep) {
    }

    /** Where a CPR's rows lie. */
    private interface Layout {
        int width();

        int height();

        double pixelMm();

        /** Row y; fractional y in between. */
        Row row(double y);

        default Vec3 toPatient(double x, double y) {
            Row r = row(y);
            return r.origin().plus(r.across().times(x * pixelMm()));
        }
    }

    /** The straightened CPR, {@code widthMm} wide, rows along the curve. */
    public Frame straightened(Centreline line, double widthMm, double pixelMm, double rotationDeg, Slab slab) {
        return render(new Straightened(line, widthMm, pixelMm, rotationDeg), slab);
    }

    /** The patient position of pixel (x, y) of {@link #straightened} with the same arguments, for the 3D cursor. */
    public Vec3 straightenedToPatient(Centreline line, double widthMm, double pixelMm, double rotationDeg, double x,
                                      double y) {
        return new Straightened(line, widthMm, pixelMm, rotationDeg).toPatient(x, y);
    }

    /** The arc length (mm) of row y of {@link #straightened}: where its cross-section is. */
    public static double straightenedArc(double pixelMm, double y) {
        return y * pixelMm;
    }

    /** The stretched CPR, with {@code widthMm} beyond the curve's own extent along the vector of interest. */
    public Frame stretched(Centreline line, double widthMm, double pixelMm, double rotationDeg, Slab slab) {
        return render(new Stretched(line, widthMm, pixelMm, rotationDeg), slab);
    }

    /** The patient position of pixel (x, y) of {@link #stretched} with the same arguments, for the 3D cursor. */
    public Vec3 stretchedToPatient(Centreline line, double widthMm, double pixelMm, double rotationDeg, double x,
                                   double y) {
        return new Stretched(line, widthMm, pixelMm, rotationDeg).toPatient(x, y);
    }

    /**
     * The plane perpendicular to the curve at {@code arcMm}, centred on it, {@code sizeMm}
     * square (an odd pixel count, so the centre pixel is on the curve); reslice it like any
     * plane. Its normal is the tangent, so it is seen looking along the curve; its right is the
     * straightened CPR's across direction at the same rotation, so the CPR's cut is horizontal.
     */
    public static SlicePlane crossSection(Centreline line, double arcMm, double sizeMm, double pixelMm,
                                          double rotationDeg) {
        Vec3 t = line.tangent(arcMm);
        Vec3 right = across(line, arcMm, rotationDeg);
        int n = oddPixels(sizeMm, pixelMm);
        return new SlicePlane(line.point(arcMm), right, t.cross(right), pixelMm, n, n);
    }

    /** {@link #crossSection(Centreline, double, double, double, double)} at rotation 0. */
    public static SlicePlane crossSection(Centreline line, double arcMm, double sizeMm, double pixelMm) {
        return crossSection(line, arcMm, sizeMm, pixelMm, 0);
    }

    /** The straightened CPR's across direction: the rotation-minimizing normal turned about the tangent. */
    private static Vec3 across(Centreline line, double arcMm, double rotationDeg) {
        return turn(line.normal(arcMm), line.tangent(arcMm), Math.toRadians(rotationDeg));
    }

    /** v turned by {@code radians} about the unit axis, right-handed; v perpendicular to the axis. */
    private static Vec3 turn(Vec3 v, Vec3 axis, double radians) {
        return v.times(Math.cos(radians)).plus(axis.cross(v).times(Math.sin(radians)));
    }

    private static int oddPixels(double mm, double pixelMm) {
        if (!(pixelMm > 0) || !(mm >= 0)) {
            throw new IllegalArgumentException("size " + mm + " mm at " + pixelMm + " mm pixels");
        }
        return 2 * (int) Math.floor(mm / (2 * pixelMm) + 1e-9) + 1;
    }

    private Frame render(Layout layout, Slab slab) {
        int width = layout.width(), height = layout.height();
        short[] out = new short[width * height];
        int half = Reslicer.halfSamples(slab, stepMm, sampler);
        ParallelRows.run(height, width, () -> {
            RowSampler rows = new RowSampler(sampler, width, half, slab.mode());
            double[] start = new double[3];
            return (from, to) -> {
                for (int y = from; y < to; y++) {
                    Row row = layout.row(y);
                    sampler.toIndex(row.origin(), start);
                    rows.row(start, sampler.indexDirection(row.across().times(layout.pixelMm())),
                            sampler.indexDirection(row.deep().times(stepMm)), false, out, y * width);
                }
            };
        });
        return Frame.grayscale(width, height, out, volume.signed(), 16);
    }

    private static final class Straightened implements Layout {
        private final Centreline line;
        private final double pixelMm;
        private final double rotation;
        private final int width;
        private final int height;

        Straightened(Centreline line, double widthMm, double pixelMm, double rotationDeg) {
            this.line = line;
            this.pixelMm = pixelMm;
            this.rotation = rotationDeg;
            width = oddPixels(widthMm, pixelMm);
            height = (int) Math.floor(line.length() / pixelMm + 1e-9) + 1;
        }

        @Override public int width() { return width; }
        @Override public int height() { return height; }
        @Override public double pixelMm() { return pixelMm; }

        @Override
        public Row row(double y) {
            double arc = straightenedArc(pixelMm, y);
            Vec3 a = across(line, arc, rotation);
            Vec3 origin = line.point(arc).minus(a.times((width - 1) / 2 * pixelMm));
            return new Row(origin, a, line.tangent(arc).cross(a));
        }
    }

    private static final class Stretched implements Layout {
        private final Centreline line;
        private final double pixelMm;
        private final int width;
        private final int height;
        /** The vector of interest. */
        private final Vec3 v;
        /** Where column 0 is along v, mm. */
        private final double left;
        /** Arc lengths of the centreline's samples, and of their projection on the plane normal to v. */
        private final double[] arcs;
        private final double[] projected;

        Stretched(Centreline line, double widthMm, double pixelMm, double rotationDeg) {
            if (!(pixelMm > 0) || !(widthMm >= 0)) {
                throw new IllegalArgumentException("width " + widthMm + " mm at " + pixelMm + " mm pixels");
            }
            this.line = line;
            this.pixelMm = pixelMm;
            v = turn(line.referenceAcross(), line.meanDirection(), Math.toRadians(rotationDeg));
            int n = (int) Math.ceil(line.length() / line.stepMm() - 1e-9) + 1;
            arcs = new double[n];
            projected = new double[n];
            double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;
            Vec3 previous = null;
            for (int i = 0; i < n; i++) {
                arcs[i] = Math.min(i * line.stepMm(), line.length());
                Vec3 c = line.point(arcs[i]);
                double along = c.dot(v);
                low = Math.min(low, along);
                high = Math.max(high, along);
                Vec3 q = c.minus(v.times(along));
                projected[i] = previous == null ? 0 : projected[i - 1] + q.minus(previous).length();
                previous = q;
            }
            left = low - widthMm / 2;
            width = (int) Math.ceil((high - low + widthMm) / pixelMm - 1e-9) + 1;
            height = (int) Math.floor(projected[n - 1] / pixelMm + 1e-9) + 1;
        }

        @Override public int width() { return width; }
        @Override public int height() { return height; }
        @Override public double pixelMm() { return pixelMm; }

        @Override
        public Row row(double y) {
            double arc = arcAtProjected(y * pixelMm);
            Vec3 c = line.point(arc);
            Vec3 origin = c.plus(v.times(left - c.dot(v)));
            // the unrolled surface's normal: v across the curve's projected direction
            Vec3 t = line.tangent(arc);
            Vec3 course = t.minus(v.times(t.dot(v)));
            Vec3 deep = course.length() > 1e-9 ? v.cross(course).normalized() : Centreline.perpendicular(t, v);
            return new Row(origin, v, deep);
        }

        /** The arc length at which the projected curve has come {@code target} mm. */
        private double arcAtProjected(double target) {
            int lo = 0, hi = projected.length - 1;
            if (target >= projected[hi]) {
                return arcs[hi];
            }
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (projected[mid] <= target) lo = mid; else hi = mid;
            }
            double span = projected[hi] - projected[lo];
            double w = span > 0 ? (target - projected[lo]) / span : 0;
            return arcs[lo] + w * (arcs[hi] - arcs[lo]);
        }
    }
}
