package org.fovea.render;

/**
 * Palette Color lookup tables (PS3.3 C.7.6.3.1.5): one table per channel, each with its first
 * mapped value and entry width (8 or 16 bits; 16-bit entries are shown by their high byte).
 */
public record PaletteLut(int firstMapped, int bitsPerEntry, int[] red, int[] green, int[] blue) {
    public PaletteLut {
        if (red.length == 0 || red.length != green.length || red.length != blue.length) {
            throw new IllegalArgumentException("palette tables of unequal or zero length");
        }
    }
}
