package org.fovea.render.volume.segment;

import org.fovea.render.ModalityLut;
import org.fovea.render.volume.Volume;

/**
 * "Modality value at least t" for the voxels of one volume, answered by one table load: the
 * modality LUT is evaluated once for each of the 65536 possible stored values, so a rescale, a
 * LUT table and signed or unsigned storage all cost the same per voxel.
 */
final class HuThreshold {

    private final short[] values;
    private final int offset;
    private final boolean[] atLeast;

    HuThreshold(Volume v, double threshold) {
        this.values = v.values();
        this.offset = v.offset();
        this.atLeast = new boolean[1 << 16];
        ModalityLut lut = v.pixelInfo().modalityLut();
        for (int bits = 0; bits < atLeast.length; bits++) {
            int stored = v.signed() ? (short) bits : bits;
            atLeast[bits] = lut.apply(stored) >= threshold;
        }
    }

    /** Whether voxel {@code index} (the volume's order, without its offset) is at or above the threshold. */
    boolean test(int index) {
        return atLeast[values[offset + index] & 0xFFFF];
    }
}
