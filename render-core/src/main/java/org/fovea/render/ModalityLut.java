package org.fovea.render;

/**
 * The modality transformation (PS3.3 C.11.1): stored value to modality output value
 * (HU for CT). Either a linear rescale or a lookup table.
 */
public sealed interface ModalityLut permits Rescale, ModalityLutTable {

    /** Modality output value for one stored value. */
    double apply(int storedValue);

    /** Identity: slope 1, intercept 0. */
    static ModalityLut identity() {
        return new Rescale(1.0, 0.0, "");
    }
}
