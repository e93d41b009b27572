package org.fovea.render.volume.segment;

import org.fovea.render.ModalityLut;
import org.fovea.render.volume.Volume;

/** Applying a segmentation to a volume. */
public final class VolumeMasks {

    private VolumeMasks() {
    }

    /**
     * A copy of {@code v} in which the voxels of {@code removed} hold the volume's lowest value
     * (air, or the padding outside a CT's field of view), so that any rendering shows them as
     * empty. The original is untouched: undoing the removal is showing {@code v} again.
     */
    public static Volume masked(Volume v, VoxelMask removed) {
        if (!removed.fits(v)) {
            throw new IllegalArgumentException("a " + removed.columns() + "x" + removed.rows() + "x" + removed.slices()
                    + " mask for a " + v.columns() + "x" + v.rows() + "x" + v.slices() + " volume");
        }
        int n = removed.size();
        short[] values = new short[n];
        System.arraycopy(v.values(), v.offset(), values, 0, n);
        short empty = lowest(v, values);
        for (int p = removed.nextSet(0); p >= 0; p = removed.nextSet(p + 1)) {
            values[p] = empty;
        }
        return new Volume(v.columns(), v.rows(), v.slices(), values, 0, v.signed(), v.pixelInfo(), v.geometry());
    }

    /** The stored value present in {@code values} whose modality value is lowest. */
    private static short lowest(Volume v, short[] values) {
        boolean[] present = new boolean[1 << 16];
        for (short s : values) {
            present[s & 0xFFFF] = true;
        }
        ModalityLut lut = v.pixelInfo().modalityLut();
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int bits = 0; bits < present.length; bits++) {
            if (present[bits]) {
                double m = lut.apply(v.signed() ? (short) bits : bits);
                if (m < bestValue) {
                    bestValue = m;
                    best = bits;
                }
            }
        }
        return (short) best;
    }
}
