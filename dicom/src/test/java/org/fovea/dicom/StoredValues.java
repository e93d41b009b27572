package org.fovea.dicom;

import org.fovea.render.Frame;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored values from DCMTK's raw pixel dump and from our frames, in one comparable form. */
final class StoredValues {
    private StoredValues() {
    }

    /** Frame {@code f} of a DCMTK dump: grayscale stored values, or packed RGB. */
    static int[] of(Dcmtk.Dump dump, int f) {
        int rows = dump.integer("0028,0010", 0);
        int columns = dump.integer("0028,0011", 0);
        int samples = dump.integer("0028,0002", 1);
        int bitsAllocated = dump.integer("0028,0100", 0);
        int bitsStored = dump.integer("0028,0101", bitsAllocated);
        int highBit = dump.integer("0028,0102", bitsStored - 1);
        boolean signed = dump.integer("0028,0103", 0) == 1;
        int n = rows * columns;
        byte[] raw = dump.pixelData();
        int[] out = new int[n];
        if (samples == 3) {
            assertThat(dump.string("0028,0004")).as("DCMTK's decompressed photometric interpretation").isEqualTo("RGB");
            assertThat(bitsAllocated).isEqualTo(8);
            boolean planar = dump.integer("0028,0006", 0) == 1;
            int base = f * n * 3;
            for (int i = 0; i < n; i++) {
                int r, g, b;
                if (planar) {
                    r = raw[base + i] & 0xFF;
                    g = raw[base + n + i] & 0xFF;
                    b = raw[base + 2 * n + i] & 0xFF;
                } else {
                    r = raw[base + 3 * i] & 0xFF;
                    g = raw[base + 3 * i + 1] & 0xFF;
                    b = raw[base + 3 * i + 2] & 0xFF;
                }
                out[i] = (r << 16) | (g << 8) | b;
            }
            return out;
        }
        int shift = highBit + 1 - bitsStored;
        int up = 32 - bitsStored;
        for (int i = 0; i < n; i++) {
            int word = bitsAllocated == 16
                    ? (raw[2 * (f * n + i)] & 0xFF) | (raw[2 * (f * n + i) + 1] & 0xFF) << 8
                    : raw[f * n + i] & 0xFF;
            int v = word >>> shift;
            out[i] = signed ? (v << up) >> up : v & ((1 << bitsStored) - 1);
        }
        return out;
    }

    static int[] of(Frame frame) {
        int n = frame.columns() * frame.rows();
        if (frame.kind() == Frame.Kind.RGB) {
            return java.util.Arrays.copyOf(frame.rgbPixels(), n);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = frame.storedValue(i % frame.columns(), i / frame.columns());
        }
        return out;
    }

    /** The largest absolute difference, per channel for packed RGB. */
    static int maxDifference(int[] expected, int[] actual, boolean rgb) {
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            if (rgb) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs(((expected[i] >> shift) & 0xFF) - ((actual[i] >> shift) & 0xFF)));
                }
            } else {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
        }
        return worst;
    }
}
