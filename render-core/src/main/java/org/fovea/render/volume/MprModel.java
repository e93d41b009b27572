package org.fovea.render.volume;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.fovea.render.geom.Vec3;

/**
 * The state of a linked three-plane MPR, without any UI toolkit: a 3D cursor (the crosshair's
 * centre, in patient mm) and the orientation of the three planes, which always pass through the
 * cursor and stay mutually orthogonal. A view polls {@link #plane} after each change.
 *
 * <p>Orientation starts as {@link Planes#axial}, {@link Planes#coronal}, {@link Planes#sagittal}.
 * {@link #rotate} turns the two other planes about one view's normal (oblique MPR): that view's
 * own image does not move, the other two tilt, and as their directions are patient vectors their
 * orientation labels follow. Planes are sized by {@link Planes#covering}, so scrolling never pans;
 * only rotation changes a plane's pixel size.
 *
 * <p>The slab is shared by the three views: a MIP or MinIP reading is done in all planes at once,
 * and one setting keeps them consistent. Not thread-safe; it belongs to one layout.
 */
public final class MprModel {

    private final Volume volume;
    private final Map<MprView, Vec3> right = new EnumMap<>(MprView.class);
    private final Map<MprView, Vec3> down = new EnumMap<>(MprView.class);
    private Vec3 cursor;
    private Slab slab = Slab.NONE;

    /**
     * Cursor on the voxel at the volume's centre (so the first planes show source voxels, not
     * interpolated ones), standard orientation, thin slices.
     */
    public MprModel(Volume volume) {
        this.volume = Objects.requireNonNull(volume);
        cursor = volume.geometry().toPatient(volume.columns() / 2, volume.rows() / 2, volume.slices() / 2);
        resetOrientation();
    }

    public Volume volume() {
        return volume;
    }

    public Vec3 cursor() {
        return cursor;
    }

    /** Moves the cursor, clamped into the volume (the box of its outer voxel centres). */
    public void setCursor(Vec3 p) {
        double[] f = volume.geometry().toIndex(p);
        cursor = volume.geometry().toPatient(clamp(f[0], volume.columns()), clamp(f[1], volume.rows()),
                clamp(f[2], volume.slices()));
    }

    private static double clamp(double index, int size) {
        return Math.max(0, Math.min(size - 1, index));
    }

    /** The plane a view shows: through the cursor, in its current orientation. */
    public SlicePlane plane(MprView view) {
        return Planes.covering(volume, cursor, right.get(view), down.get(view));
    }

    /** Where the cursor is in a view's plane: {x, y} in pixels. */
    public double[] cursorPixel(MprView view) {
        double[] p = plane(view).toPixel(cursor);
        return new double[] {p[0], p[1]};
    }

    /**
     * The direction, in {@code view}'s pixels {dx, dy} (unit length), of the line where
     * {@code other}'s plane cuts {@code view}'s: the crosshair line drawn for {@code other}
     * through {@link #cursorPixel}. Horizontal or vertical until planes are rotated.
     */
    public double[] lineDirection(MprView view, MprView other) {
        if (view == other) {
            throw new IllegalArgumentException("a plane does not cut itself: " + view);
        }
        Vec3 line = normal(other).cross(normal(view));
        double dx = line.dot(right.get(view)), dy = line.dot(down.get(view));
        double length = Math.hypot(dx, dy);
        return new double[] {dx / length, dy / length};
    }

    /** A click or drag at pixel (x, y) of a view moves the cursor there; the other planes follow. */
    public void moveCursorTo(MprView view, double x, double y) {
        setCursor(plane(view).toPatient(x, y));
    }

    /** Moves the cursor {@code mm} along a view's normal (positive: into the screen), i.e. scrolls that view. */
    public void scroll(MprView view, double mm) {
        setCursor(cursor.plus(normal(view).times(mm)));
    }

    /**
     * Oblique MPR: turns the two other planes by {@code degrees} about {@code about}'s normal,
     * through the cursor. Positive is the right-hand sense about {@link SlicePlane#normal()},
     * which looks clockwise on {@code about}'s screen (right turns toward down).
     */
    public void rotate(MprView about, double degrees) {
        Vec3 axis = normal(about);
        double c = Math.cos(Math.toRadians(degrees)), s = Math.sin(Math.toRadians(degrees));
        for (MprView v : MprView.values()) {
            if (v != about) {
                Vec3 r = turn(right.get(v), axis, c, s).normalized();
                Vec3 d = turn(down.get(v), axis, c, s);
                // re-orthogonalise, so that many small turns do not let rounding build up
                d = d.minus(r.times(d.dot(r))).normalized();
                right.put(v, r);
                down.put(v, d);
            }
        }
    }

    /** Rodrigues' rotation of v about a unit axis by the angle whose cosine and sine are given. */
    private static Vec3 turn(Vec3 v, Vec3 axis, double cos, double sin) {
        return v.times(cos).plus(axis.cross(v).times(sin)).plus(axis.times(axis.dot(v) * (1 - cos)));
    }

    /** Back to axial, coronal and sagittal; the cursor stays. */
    public void resetOrientation() {
        right.put(MprView.AXIAL, new Vec3(1, 0, 0));
        down.put(MprView.AXIAL, new Vec3(0, 1, 0));
        right.put(MprView.CORONAL, new Vec3(1, 0, 0));
        down.put(MprView.CORONAL, new Vec3(0, 0, -1));
        right.put(MprView.SAGITTAL, new Vec3(0, 1, 0));
        down.put(MprView.SAGITTAL, new Vec3(0, 0, -1));
    }

    /** The slab of all three views. */
    public Slab slab() {
        return slab;
    }

    public void setSlab(Slab slab) {
        this.slab = Objects.requireNonNull(slab);
    }

    private Vec3 normal(MprView view) {
        return right.get(view).cross(down.get(view));
    }
}
