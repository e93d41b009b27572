package org.fovea.render.vtk;

import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VolumeGeometry;

import java.util.List;

/**
 * A 128³ CT in 1 mm voxels centred on the patient origin: air, a soft-tissue ball (40 HU, radius
 * 55 mm) and dense bone balls (1000 HU) inside it. Voxel values are decided by each voxel centre's
 * patient position, so a sheared geometry still holds round balls where the geometry says.
 * Stored values are HU + 1024, unsigned, as scanners write them.
 */
final class SyntheticCt {

    static final int SIZE = 128;
    static final double BODY_RADIUS = 55;
    static final double BONE_RADIUS = 12;
    /** The patient's left (+x), anterior (-y), towards the head (+z). */
    static final Vec3 LEFT_BONE = new Vec3(30, -20, 10);
    /** The mirror image on the patient's right. */
    static final Vec3 RIGHT_BONE = new Vec3(-30, -20, 10);

    private SyntheticCt() {
    }

    static VolumeGeometry axial() {
        double h = (SIZE - 1) / 2.0;
        return new VolumeGeometry(new Vec3(-h, -h, -h), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
    }

    /** Gantry tilt: each slice shifted 0.3 mm posterior relative to the one below. */
    static VolumeGeometry tilted() {
        double h = (SIZE - 1) / 2.0;
        return new VolumeGeometry(new Vec3(-h, -h - 0.3 * h, -h), new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                new Vec3(0, 0.3, 1));
    }

    /** Soft tissue with bone balls at {@code bones}; every voxel within {@code airBalls} set to air, as a removal does. */
    static Volume volume(VolumeGeometry g, List<Vec3> bones, List<Vec3> airBalls) {
        short[] stored = new short[SIZE * SIZE * SIZE];
        for (int k = 0; k < SIZE; k++) {
            for (int j = 0; j < SIZE; j++) {
                for (int i = 0; i < SIZE; i++) {
                    Vec3 p = g.toPatient(i, j, k);
                    int hu = p.length() <= BODY_RADIUS ? 40 : -1000;
                    for (Vec3 b : bones) if (p.minus(b).length() <= BONE_RADIUS) hu = 1000;
                    for (Vec3 b : airBalls) if (p.minus(b).length() <= BONE_RADIUS + 1) hu = -1000;
                    stored[(k * SIZE + j) * SIZE + i] = (short) (hu + 1024);
                }
            }
        }
        return new Volume(SIZE, SIZE, SIZE, stored, 0, false, new PixelInfo(false, new Rescale(1, -1024, "HU"), List.of()), g);
    }
}
