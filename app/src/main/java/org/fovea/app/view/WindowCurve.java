package org.fovea.app.view;

import org.fovea.render.Voi;
import org.fovea.render.VoiFunction;
import org.fovea.render.WindowLevel;

/**
 * How a viewport maps its window to grey (V3): as the image records it, a straight ramp, the
 * DICOM sigmoid, or a gamma curve that brightens (γ 2) or darkens (γ 0.5) the middle of the
 * window while its ends stay black and white. It is laid over whatever window is in effect (the
 * header's, a preset or the user's), so choosing a preset or dragging the window keeps the curve.
 * A VOI LUT table is shown as it is.
 */
public enum WindowCurve {
    AS_RECORDED(null, 1),
    LINEAR(VoiFunction.LINEAR, 1),
    SIGMOID(VoiFunction.SIGMOID, 1),
    GAMMA_BRIGHTER(VoiFunction.LINEAR, 2),
    GAMMA_DARKER(VoiFunction.LINEAR, 0.5);

    private final VoiFunction function;
    private final double gamma;

    WindowCurve(VoiFunction function, double gamma) {
        this.function = function;
        this.gamma = gamma;
    }

    public double gamma() { return gamma; }

    /** The window to display under this curve. */
    public Voi apply(Voi voi) {
        if (this == AS_RECORDED || !(voi instanceof WindowLevel wl)) {
            return voi;
        }
        // LINEAR needs a width of at least 1; a narrower recorded window keeps its exact ramp
        VoiFunction f = function == VoiFunction.LINEAR && wl.function() == VoiFunction.LINEAR_EXACT
                ? VoiFunction.LINEAR_EXACT : function;
        if (f == VoiFunction.LINEAR && wl.width() < 1) {
            f = VoiFunction.LINEAR_EXACT;
        }
        return new WindowLevel(wl.width(), wl.center(), f, wl.explanation(), gamma);
    }
}
