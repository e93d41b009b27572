package org.fovea.render;

/** A window in modality output units: width and centre (level), with its VOI function. */
public record WindowLevel(double width, double center, VoiFunction function, String explanation) implements Voi {
    public WindowLevel {
        function = function == null ? VoiFunction.LINEAR : function;
        // LINEAR requires width >= 1; LINEAR_EXACT and SIGMOID width > 0 (PS3.3 C.11.2.1.2)
        if (function == VoiFunction.LINEAR ? !(width >= 1) : !(width > 0)) {
            throw new IllegalArgumentException("window width " + width + " for " + function);
        }
        if (Double.isNaN(center) || Double.isInfinite(center) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("window centre " + center + ", width " + width);
        }
        explanation = explanation == null ? "" : explanation;
    }

    public WindowLevel(double width, double center) {
        this(width, center, VoiFunction.LINEAR, "");
    }
}
