package org.fovea.render;

/** Linear modality transformation: {@code out = slope * stored + intercept}; {@code type} is Rescale Type (e.g. HU). */
public record Rescale(double slope, double intercept, String type) implements ModalityLut {
    public Rescale {
        if (slope == 0 || Double.isNaN(slope)) {
            throw new IllegalArgumentException("rescale slope " + slope);
        }
        type = type == null ? "" : type;
    }

    @Override
    public double apply(int storedValue) {
        return slope * storedValue + intercept;
    }
}
