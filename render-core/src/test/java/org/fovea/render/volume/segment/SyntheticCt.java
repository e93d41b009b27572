package org.fovea.render.volume.segment;

import org.fovea.render.PixelInfo;
import org.fovea.render.Rescale;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Volume;
import org.fovea.render.volume.VolumeGeometry;

import java.util.List;

/** Small CT volumes drawn from a function of voxel position in mm, stored as HU + 1024 like most scanners. */
final class SyntheticCt {

    /** HU at the centre of a voxel, given its position in mm from voxel (0, 0, 0). */
    interface Drawing {
        double hu(double x, double y, double z);
    }

    private SyntheticCt() {
    }

    static Volume draw(int columns, int rows, int slices, double pixelMm, double sliceMm, Drawing drawing) {
        short[] values = new short[columns * rows * slices];
        for (int k = 0, p = 0; k < slices; k++) {
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < columns; i++, p++) {
                    values[p] = (short) Math.round(drawing.hu(i * pixelMm, j * pixelMm, k * sliceMm) + 1024);
                }
            }
        }
        return new Volume(columns, rows, slices, values, 0, false, new PixelInfo(false, new Rescale(1, -1024, "HU"),
                List.of()), new VolumeGeometry(new Vec3(0, 0, 0), new Vec3(pixelMm, 0, 0), new Vec3(0, pixelMm, 0),
                new Vec3(0, 0, sliceMm)));
    }

    /** The voxels where {@code inside} holds, as a mask. */
    static VoxelMask where(Volume v, Region inside) {
        VoxelMask m = VoxelMask.sizedFor(v);
        double[] s = v.geometry().spacing();
        for (int k = 0; k < v.slices(); k++) {
            for (int j = 0; j < v.rows(); j++) {
                for (int i = 0; i < v.columns(); i++) {
                    if (inside.contains(i * s[0], j * s[1], k * s[2])) {
                        m.set(i, j, k);
                    }
                }
            }
        }
        return m;
    }

    interface Region {
        boolean contains(double x, double y, double z);
    }

    /** Voxels in both masks. */
    static int overlap(VoxelMask a, VoxelMask b) {
        int n = 0;
        for (int p = a.nextSet(0); p >= 0; p = a.nextSet(p + 1)) {
            n += b.get(p) ? 1 : 0;
        }
        return n;
    }
}
