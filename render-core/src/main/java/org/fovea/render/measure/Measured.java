package org.fovea.render.measure;

import java.util.List;
import java.util.Optional;

/**
 * A mark with its values, measured at a scale.
 *
 * @param abnormal whether a value is past the limit the tool flags (a cardiothoracic ratio
 *                 above 0.50)
 */
public record Measured(Annotation annotation, Scale scale, List<Value> values, boolean abnormal) {

    public Measured {
        values = List.copyOf(values);
    }

    /** The first value of a quantity, if measured. */
    public Optional<Value> value(Quantity quantity) {
        return values.stream().filter(v -> v.quantity() == quantity).findFirst();
    }
}
