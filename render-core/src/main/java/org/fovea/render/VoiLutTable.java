package org.fovea.render;

/**
 * VOI LUT Sequence table: modality output values below {@code firstMapped} map to the first
 * entry, past the end to the last; the entries are {@code bitsPerEntry} wide and are scaled
 * to the display range by their full range (PS3.3 C.11.2.1.1).
 */
public record VoiLutTable(int firstMapped, int[] data, int bitsPerEntry, String explanation) implements Voi {
    public VoiLutTable {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("empty VOI LUT");
        }
        explanation = explanation == null ? "" : explanation;
    }
}
