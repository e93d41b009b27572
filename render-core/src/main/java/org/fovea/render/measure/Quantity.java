package org.fovea.render.measure;

/** What a measured value is. */
public enum Quantity {
    /** The modality value at a point (HU for CT). */
    VALUE,
    LENGTH,
    AREA,
    MEAN,
    STANDARD_DEVIATION,
    MINIMUM,
    MAXIMUM,
    /** How many pixel centres a region holds. */
    PIXEL_COUNT,
    ANGLE,
    CARDIOTHORACIC_RATIO,
    HEART_WIDTH,
    THORAX_WIDTH
}
