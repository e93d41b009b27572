package org.fovea.render;

/**
 * A window in modality output units: width and centre (level), with its VOI function, and a
 * display gamma (V3) the user may add to a LINEAR or LINEAR_EXACT window.
 *
 * <p>Gamma is not a DICOM VOI LUT Function, so it is kept out of {@link VoiFunction} (which
 * mirrors (0028,1056) and is what headers and presentation states carry) and rides on the window
 * as a separate number: a window read from a header has gamma 1, and gamma 1 takes exactly the
 * standard's path, so nothing that exists changes. With gamma {@code γ ≠ 1} the position
 * {@code t} of a value along the function's ramp (0 at its lower end, 1 at its upper end, as the
 * function defines them) is shown as {@code 255 · t^(1/γ)}, clipped outside the window and
 * truncated like the linear functions: γ above 1 brightens the middle of the window, below 1
 * darkens it; the window's ends stay black and white and the mapping stays monotonic.
 * SIGMOID is already a curve and takes no gamma.
 */
public record WindowLevel(double width, double center, VoiFunction function, String explanation, double gamma)
        implements Voi {

    public WindowLevel {
        function = function == null ? VoiFunction.LINEAR : function;
        // LINEAR requires width >= 1; LINEAR_EXACT and SIGMOID width > 0 (PS3.3 C.11.2.1.2)
        if (function == VoiFunction.LINEAR ? !(width >= 1) : !(width > 0)) {
            throw new IllegalArgumentException("window width " + width + " for " + function);
        }
        if (Double.isNaN(center) || Double.isInfinite(center) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("window centre " + center + ", width " + width);
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma " + gamma);
        }
        if (gamma != 1 && function == VoiFunction.SIGMOID) {
            throw new IllegalArgumentException("gamma " + gamma + " for a SIGMOID window");
        }
        explanation = explanation == null ? "" : explanation;
    }

    /** A window without gamma (gamma 1), as a header or preset gives it. */
    public WindowLevel(double width, double center, VoiFunction function, String explanation) {
        this(width, center, function, explanation, 1);
    }

    public WindowLevel(double width, double center) {
        this(width, center, VoiFunction.LINEAR, "");
    }

    /** This window with another gamma; 1 is the plain window. */
    public WindowLevel withGamma(double newGamma) {
        return new WindowLevel(width, center, function, explanation, newGamma);
    }
}
