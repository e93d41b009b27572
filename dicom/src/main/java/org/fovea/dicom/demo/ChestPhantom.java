package org.fovea.dicom.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic chest, defined analytically in DICOM patient coordinates (LPS, millimetres:
 * +x patient left, +y posterior, +z head), patient supine, head first, on a curved table.
 * Its numbers are the ground truth that tests of measurement, MIP and bone/table removal check
 * against, so every structure is a public constant.
 *
 * <p>CT numbers in HU (noise-free; {@link CtSeriesWriter} adds the noise): air {@value #AIR_HU},
 * subcutaneous fat {@value #FAT_HU}, soft tissue and heart {@value #SOFT_TISSUE_HU}, lung
 * {@value #LUNG_HU}, nodules {@value #NODULE_HU}, contrast-filled aorta {@value #AORTA_HU}, rib
 * {@value #RIB_HU}, vertebral body {@value #VERTEBRA_HU} inside a {@value #CORTEX_HU} cortex,
 * intervertebral disc {@value #DISC_HU}, vertebral arch {@value #ARCH_HU}, table skins
 * {@value #TABLE_SKIN_HU} around a foam core {@value #TABLE_CORE_HU}.
 */
public final class ChestPhantom {

    /** A point in patient coordinates, mm. */
    public record Point(double x, double y, double z) {
    }

    /** A spherical nodule: centre in patient coordinates and diameter, mm. */
    public record Nodule(Point centre, double diameter) {
        public double radius() {
            return diameter / 2;
        }
    }

    /** An axis-aligned ellipsoid (lungs, heart): centre and semi-axes, mm. */
    public record Ellipsoid(Point centre, double rx, double ry, double rz) {
    }

    public static final double AIR_HU = -1000;
    public static final double FAT_HU = -100;
    public static final double SOFT_TISSUE_HU = 40;
    public static final double LUNG_HU = -850;
    public static final double NODULE_HU = 40;
    public static final double AORTA_HU = 300;
    public static final double RIB_HU = 850;
    public static final double VERTEBRA_HU = 450;
    public static final double CORTEX_HU = 900;
    public static final double DISC_HU = 80;
    public static final double ARCH_HU = 700;
    public static final double TABLE_SKIN_HU = 200;
    public static final double TABLE_CORE_HU = -200;

    /** Body outline: an elliptic cylinder along z; the outer 10 mm is fat. */
    public static final double BODY_RX = 170;
    public static final double BODY_RY = 120;
    public static final double FAT_LAYER = 10;

    public static final Ellipsoid RIGHT_LUNG = new Ellipsoid(new Point(-80, 0, 0), 65, 80, 130);
    public static final Ellipsoid LEFT_LUNG = new Ellipsoid(new Point(80, 0, 0), 60, 80, 130);
    /** Heart and mediastinal soft tissue; drawn over the lungs. */
    public static final Ellipsoid HEART = new Ellipsoid(new Point(10, -20, -30), 60, 55, 60);

    /**
     * Ribs: bands of the chest wall between 0.90 and 0.97 of the inner (muscle) ellipse, each
     * {@value #RIB_WIDTH} mm high, one every {@value #RIB_PITCH} mm, falling {@value #RIB_DROP} mm
     * from the back to the front as real ribs do, from z {@value #RIB_Z_MIN} to {@value #RIB_Z_MAX};
     * interrupted in front of the sternum (|x| < {@value #RIB_ANTERIOR_GAP}, anterior half).
     */
    public static final double RIB_INNER = 0.90;
    public static final double RIB_OUTER = 0.97;
    public static final double RIB_WIDTH = 10;
    public static final double RIB_PITCH = 25;
    public static final double RIB_DROP = 20;
    public static final double RIB_Z_MIN = -120;
    public static final double RIB_Z_MAX = 140;
    public static final double RIB_ANTERIOR_GAP = 30;

    /**
     * Spine: a column of vertebral bodies (cylinders of radius {@value #VERTEBRA_RADIUS} mm about
     * x = 0, y = {@value #VERTEBRA_Y}) {@value #VERTEBRA_HEIGHT} mm high with
     * {@value #DISC_HEIGHT} mm discs between them; behind each body an arch (annulus
     * {@value #CANAL_RADIUS}..{@value #ARCH_RADIUS} mm about y = {@value #CANAL_Y}) around the
     * spinal canal. A disc starts at every z that is a multiple of 30 mm.
     */
    public static final double VERTEBRA_Y = 60;
    public static final double VERTEBRA_RADIUS = 16;
    public static final double CORTEX_THICKNESS = 2;
    public static final double VERTEBRA_HEIGHT = 25;
    public static final double DISC_HEIGHT = 5;
    public static final double CANAL_Y = 88;
    public static final double CANAL_RADIUS = 7;
    public static final double ARCH_RADIUS = 12;

    /** Aorta: a tube of this radius (mm) around {@link #aortaPath()}. */
    public static final double AORTA_RADIUS = 12;
    public static final Point AORTA_ROOT = new Point(5, -35, -30);
    public static final Point ARCH_START = new Point(5, -35, 80);
    public static final Point ARCH_END = new Point(25, 40, 80);
    public static final Point AORTA_END = new Point(25, 40, -200);

    /**
     * Table: a slab {@value #TABLE_THICKNESS} mm thick under the patient, curved as a cradle
     * (top surface y = {@value #TABLE_TOP_Y} - x²/(2·{@value #TABLE_CURVE_RADIUS})), for
     * |x| ≤ {@value #TABLE_HALF_WIDTH} mm and every z; {@value #TABLE_SKIN} mm skins. Its top is
     * {@value #TABLE_GAP} mm below the body at x = 0 and further away everywhere else.
     */
    public static final double TABLE_TOP_Y = 125;
    public static final double TABLE_THICKNESS = 20;
    public static final double TABLE_SKIN = 3;
    public static final double TABLE_HALF_WIDTH = 225;
    public static final double TABLE_CURVE_RADIUS = 2000;
    public static final double TABLE_GAP = TABLE_TOP_Y - BODY_RY;

    /** The current study's nodules: 6, 10 and 20 mm, all inside the lungs. */
    public static final List<Nodule> CURRENT_NODULES = List.of(
            new Nodule(new Point(-80, -20, 60), 6),
            new Nodule(new Point(80, 20, 20), 10),
            new Nodule(new Point(-100, 20, -60), 20));

    /** One year earlier the same nodules were smaller: 5, 8 and 16 mm at the same centres. */
    public static final List<Nodule> PRIOR_NODULES = List.of(
            new Nodule(new Point(-80, -20, 60), 5),
            new Nodule(new Point(80, 20, 20), 8),
            new Nodule(new Point(-100, 20, -60), 16));

    private static final int ARCH_SEGMENTS = 24;

    private final List<Nodule> nodules;
    private final List<Point> aortaPath;

    public ChestPhantom(List<Nodule> nodules) {
        this.nodules = List.copyOf(nodules);
        this.aortaPath = buildAortaPath();
    }

    public List<Nodule> nodules() {
        return nodules;
    }

    /**
     * The aorta's centre line as a polyline from the root (inside the heart) up the ascending
     * aorta, over a half-circle arch in the vertical plane through {@link #ARCH_START} and
     * {@link #ARCH_END} (top at z ≈ 119), then down the descending aorta left of the spine.
     */
    public List<Point> aortaPath() {
        return aortaPath;
    }

    /** Top of the table surface (its y) at a given x, or NaN where there is no table. */
    public static double tableTopY(double x) {
        return Math.abs(x) > TABLE_HALF_WIDTH ? Double.NaN : TABLE_TOP_Y - x * x / (2 * TABLE_CURVE_RADIUS);
    }

    private static List<Point> buildAortaPath() {
        List<Point> path = new ArrayList<>();
        path.add(AORTA_ROOT);
        double cx = (ARCH_START.x + ARCH_END.x) / 2;
        double cy = (ARCH_START.y + ARCH_END.y) / 2;
        double half = Math.hypot(ARCH_END.x - ARCH_START.x, ARCH_END.y - ARCH_START.y) / 2;
        double ux = (ARCH_END.x - ARCH_START.x) / (2 * half);
        double uy = (ARCH_END.y - ARCH_START.y) / (2 * half);
        for (int i = 0; i <= ARCH_SEGMENTS; i++) {
            double t = Math.PI * i / ARCH_SEGMENTS;
            double along = -half * Math.cos(t);
            path.add(new Point(cx + along * ux, cy + along * uy, ARCH_START.z + half * Math.sin(t)));
        }
        path.add(AORTA_END);
        return List.copyOf(path);
    }

    /** The noise-free CT number at a point, in HU. */
    public double hu(double x, double y, double z) {
        return plane(z).hu(x, y);
    }

    /**
     * Everything that depends on z only, worked out once per axial plane, so that filling a
     * slice costs a handful of comparisons per pixel.
     */
    public Plane plane(double z) {
        return new Plane(z);
    }

    /** The phantom in one axial plane. */
    public final class Plane {
        private final double z;
        private final double[] lungRight;
        private final double[] lungLeft;
        private final double[] heart;
        private final boolean ribLevel;
        private final boolean disc;
        private final List<double[]> aortaSegments = new ArrayList<>();
        private final List<double[]> noduleDiscs = new ArrayList<>();

        private Plane(double z) {
            this.z = z;
            lungRight = section(RIGHT_LUNG, z);
            lungLeft = section(LEFT_LUNG, z);
            heart = section(HEART, z);
            ribLevel = z >= RIB_Z_MIN && z <= RIB_Z_MAX;
            disc = Math.floorMod((long) Math.floor(z), (long) (VERTEBRA_HEIGHT + DISC_HEIGHT)) < DISC_HEIGHT;
            for (int i = 0; i + 1 < aortaPath.size(); i++) {
                Point a = aortaPath.get(i);
                Point b = aortaPath.get(i + 1);
                if (z >= Math.min(a.z, b.z) - AORTA_RADIUS && z <= Math.max(a.z, b.z) + AORTA_RADIUS) {
                    aortaSegments.add(new double[] {a.x, a.y, a.z, b.x, b.y, b.z});
                }
            }
            for (Nodule n : nodules) {
                double dz = z - n.centre.z;
                double r2 = n.radius() * n.radius() - dz * dz;
                if (r2 > 0) {
                    noduleDiscs.add(new double[] {n.centre.x, n.centre.y, r2});
                }
            }
        }

        /** The ellipse an ellipsoid cuts in this plane: centre x, y and squared semi-axes, or null. */
        private static double[] section(Ellipsoid e, double z) {
            double dz = (z - e.centre.z) / e.rz;
            double scale2 = 1 - dz * dz;
            if (scale2 <= 0) {
                return null;
            }
            return new double[] {e.centre.x, e.centre.y, e.rx * e.rx * scale2, e.ry * e.ry * scale2};
        }

        private static boolean inside(double[] ellipse, double x, double y) {
            if (ellipse == null) {
                return false;
            }
            double dx = x - ellipse[0];
            double dy = y - ellipse[1];
            return dx * dx / ellipse[2] + dy * dy / ellipse[3] < 1;
        }

        /**
         * Whether the pixel of side {@code pixel} mm centred at (x, y) may straddle a nodule's edge.
         * Nodules are what a radiologist measures to the millimetre, so their edge pixels get the
         * mean over the pixel (partial volume, as a scanner's pixels have) instead of the value at
         * the centre, which would put every edge exactly on or off a pixel and make a 20 mm nodule
         * 18 mm of pixels at 2 mm.
         */
        public boolean nearNoduleEdge(double x, double y, double pixel) {
            for (double[] n : noduleDiscs) {
                double dx = x - n[0], dy = y - n[1], d2 = dx * dx + dy * dy;
                double r = Math.sqrt(n[2]), inner = Math.max(0, r - pixel), outer = r + pixel;
                if (d2 > inner * inner && d2 < outer * outer) {
                    return true;
                }
            }
            return false;
        }

        /** The mean CT number over the square pixel of side {@code pixel} mm centred at (x, y), from 8 x 8 samples. */
        public double pixelMeanHu(double x, double y, double pixel) {
            int k = 8;
            double sum = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    sum += hu(x + ((i + 0.5) / k - 0.5) * pixel, y + ((j + 0.5) / k - 0.5) * pixel);
                }
            }
            return sum / (k * k);
        }

        /** CT number in HU at (x, y) of this plane. */
        public double hu(double x, double y) {
            double body = (x * x) / (BODY_RX * BODY_RX) + (y * y) / (BODY_RY * BODY_RY);
            if (body >= 1) {
                return table(x, y);
            }
            return bodyHu(x, y);
        }

        /** CT number in HU at (x, y), leaving out the table: a standing radiograph has none. */
        public double huWithoutTable(double x, double y) {
            double body = (x * x) / (BODY_RX * BODY_RX) + (y * y) / (BODY_RY * BODY_RY);
            return body >= 1 ? AIR_HU : bodyHu(x, y);
        }

        private double bodyHu(double x, double y) {
            double ix = BODY_RX - FAT_LAYER;
            double iy = BODY_RY - FAT_LAYER;
            double inner = Math.sqrt((x * x) / (ix * ix) + (y * y) / (iy * iy));
            if (inner >= 1) {
                return FAT_HU;
            }
            for (double[] n : noduleDiscs) {
                double dx = x - n[0];
                double dy = y - n[1];
                if (dx * dx + dy * dy < n[2]) {
                    return NODULE_HU;
                }
            }
            if (inAorta(x, y)) {
                return AORTA_HU;
            }
            double spine = spine(x, y);
            if (!Double.isNaN(spine)) {
                return spine;
            }
            if (inner >= RIB_INNER) {
                return inner <= RIB_OUTER && onRib(x, y) ? RIB_HU : SOFT_TISSUE_HU;
            }
            if (inside(heart, x, y)) {
                return SOFT_TISSUE_HU;
            }
            if (inside(lungRight, x, y) || inside(lungLeft, x, y)) {
                return LUNG_HU;
            }
            return SOFT_TISSUE_HU;
        }

        private boolean onRib(double x, double y) {
            if (!ribLevel || (y < 0 && Math.abs(x) < RIB_ANTERIOR_GAP)) {
                return false;
            }
            // sin(angle) runs from +1 at the back (y > 0) to -1 at the front
            double sin = y / Math.hypot(x, y);
            double drop = RIB_DROP * (1 - sin) / 2;
            return Math.floorMod((long) Math.floor(z + drop), (long) RIB_PITCH) < RIB_WIDTH;
        }

        private double spine(double x, double y) {
            double dyBody = y - VERTEBRA_Y;
            double rBody = Math.sqrt(x * x + dyBody * dyBody);
            if (rBody < VERTEBRA_RADIUS) {
                if (disc) {
                    return DISC_HU;
                }
                return rBody > VERTEBRA_RADIUS - CORTEX_THICKNESS ? CORTEX_HU : VERTEBRA_HU;
            }
            double dyCanal = y - CANAL_Y;
            double rCanal = Math.sqrt(x * x + dyCanal * dyCanal);
            if (rCanal < CANAL_RADIUS) {
                return SOFT_TISSUE_HU;
            }
            if (rCanal < ARCH_RADIUS && !disc) {
                return ARCH_HU;
            }
            return Double.NaN;
        }

        private boolean inAorta(double x, double y) {
            for (double[] s : aortaSegments) {
                if (distanceToSegment2(x, y, z, s) < AORTA_RADIUS * AORTA_RADIUS) {
                    return true;
                }
            }
            return false;
        }

        private double table(double x, double y) {
            double top = tableTopY(x);
            if (Double.isNaN(top) || y < top || y >= top + TABLE_THICKNESS) {
                return AIR_HU;
            }
            double depth = y - top;
            return depth < TABLE_SKIN || depth >= TABLE_THICKNESS - TABLE_SKIN ? TABLE_SKIN_HU : TABLE_CORE_HU;
        }
    }

    /** Squared distance from a point to a segment {ax, ay, az, bx, by, bz}. */
    static double distanceToSegment2(double x, double y, double z, double[] s) {
        double vx = s[3] - s[0];
        double vy = s[4] - s[1];
        double vz = s[5] - s[2];
        double wx = x - s[0];
        double wy = y - s[1];
        double wz = z - s[2];
        double t = (wx * vx + wy * vy + wz * vz) / (vx * vx + vy * vy + vz * vz);
        t = Math.max(0, Math.min(1, t));
        double dx = wx - t * vx;
        double dy = wy - t * vy;
        double dz = wz - t * vz;
        return dx * dx + dy * dy + dz * dz;
    }
}
