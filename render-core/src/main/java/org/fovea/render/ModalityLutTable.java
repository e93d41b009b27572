package org.fovea.render;

/**
 * Modality LUT Sequence table: stored values below {@code firstMapped} map to the first entry,
 * values past the end map to the last entry (PS3.3 C.11.1.1).
 */
public record ModalityLutTable(int firstMapped, int[] data, int bitsPerEntry, String type) implements ModalityLut {
    public ModalityLutTable {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("empty modality LUT");
        }
        type = type == null ? "" : type;
    }

    @Override
    public double apply(int storedValue) {
        int i = storedValue - firstMapped;
        if (i < 0) i = 0;
        if (i >= data.length) i = data.length - 1;
        return data[i];
    }
}
