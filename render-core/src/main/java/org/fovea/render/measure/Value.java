package org.fovea.render.measure;

/** One measured value with its unit. */
public record Value(Quantity quantity, double value, Unit unit) {
}
