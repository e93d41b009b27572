package org.fovea.render;

/** A window in modality output units: width and centre (level), with its VOI function. */
public record WindowLevel(double width, double center, VoiFunction function, String explanation) implements Voi {
    public WindowLevel {
        if (!(width > 0) && function != VoiFunction.LINEAR_EXACT) {
            // LINEAR requires width >= 1; LINEAR_EXACT and SIGMOID width > 0 (PS3.3 C.11.2.1.2)
            throw new IllegalArgumentException("window width " + width);
        }
        function = function == null ? VoiFunction.LINEAR : function;
        explanation = explanation == null ? "" : explanation;
    }

    public WindowLevel(double width, double center) {
        this(width, center, VoiFunction.LINEAR, "");
    }
}
