package org.fovea.render.geom;

/** A vector in the DICOM patient coordinate system (LPS: x to the patient's left, y posterior, z head), in mm. */
public record Vec3(double x, double y, double z) {

    public static Vec3 of(double[] xyz) {
        return new Vec3(xyz[0], xyz[1], xyz[2]);
    }

    public Vec3 plus(Vec3 o) { return new Vec3(x + o.x, y + o.y, z + o.z); }
    public Vec3 minus(Vec3 o) { return new Vec3(x - o.x, y - o.y, z - o.z); }
    public Vec3 times(double k) { return new Vec3(x * k, y * k, z * k); }
    public double dot(Vec3 o) { return x * o.x + y * o.y + z * o.z; }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double length() { return Math.sqrt(dot(this)); }

    public Vec3 normalized() {
        double l = length();
        if (l == 0) throw new IllegalArgumentException("zero vector");
        return times(1.0 / l);
    }
}
