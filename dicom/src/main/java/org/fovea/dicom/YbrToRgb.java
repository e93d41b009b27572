package org.fovea.dicom;

/**
 * YCbCr to RGB for 8-bit samples (PS3.3 C.7.6.3.1.2), producing the same values DCMTK's
 * dcmimage shows, so that a picture looks identical in Fovea and in DCMTK-based viewers.
 * DCMTK rounds differently for the two interpretations, and so do we: for YBR_FULL each
 * chroma term is truncated on its own (it uses per-term lookup tables), for YBR_FULL_422 the
 * whole sum is truncated once. Both clamp to 0..255. Verified against dcmj2pnm in the tests.
 */
final class YbrToRgb {
    private static final int[] RED_CR = new int[256];
    private static final int[] GREEN_CB = new int[256];
    private static final int[] GREEN_CR = new int[256];
    private static final int[] BLUE_CB = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            RED_CR[i] = (int) (1.4020 * i - 0.7010 * 255);
            GREEN_CB[i] = (int) (0.3441 * i);
            GREEN_CR[i] = (int) (0.7141 * i - 0.5291 * 255);
            BLUE_CB[i] = (int) (1.7720 * i - 0.8859 * 255);
        }
    }

    private YbrToRgb() {
    }

    /** YBR_FULL, one pixel; arguments are unsigned 8-bit samples. */
    static int full(int y, int cb, int cr) {
        int r = y + RED_CR[cr];
        int g = y - GREEN_CB[cb] - GREEN_CR[cr];
        int b = y + BLUE_CB[cb];
        return pack(r, g, b);
    }

    /** YBR_FULL_422, one pixel of a pair sharing cb and cr. */
    static int full422(int y, int cb, int cr) {
        int r = truncate(y + 1.4020 * cr - 0.7010 * 255);
        int g = truncate(y - 0.3441 * cb - 0.7141 * cr + 0.5291 * 255);
        int b = truncate(y + 1.7720 * cb - 0.8859 * 255);
        return pack(r, g, b);
    }

    private static int truncate(double v) {
        return v < 0 ? 0 : (int) v;
    }

    private static int pack(int r, int g, int b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
