package org.fovea.dicom.marks;

/**
 * What a presentation state must know of an image it refers to: its size, whether it is
 * MONOCHROME1, and its rescale (slope 1, intercept 0 and an empty type when it has none).
 */
public record ImageInfo(int columns, int rows, boolean monochrome1, double slope, double intercept, String rescaleType) {
}
