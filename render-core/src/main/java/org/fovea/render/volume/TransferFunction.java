package org.fovea.render.volume;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * How volume rendering turns modality values (HU for CT) into colour and opacity: piecewise-linear
 * opacity and colour curves over the value, an optional gradient-opacity curve (fades flat
 * regions so surfaces stand out), the blend mode and the lighting. An immutable value: the curve
 * editor makes a new one with {@code with...} for every edit, and a renderer can hold one without
 * copying.
 *
 * <p>Curves are linear between points and constant beyond the first and last point. Points must
 * be in strictly increasing value order.
 */
public record TransferFunction(List<OpacityPoint> opacityPoints, List<ColorPoint> colorPoints,
                               List<OpacityPoint> gradientOpacityPoints, BlendMode blendMode, Lighting lighting) {

    /** How samples along a ray combine into a pixel. */
    public enum BlendMode {
        /** Front-to-back compositing of colour and opacity: surfaces and translucent tissue. */
        COMPOSITE,
        /** Maximum intensity projection: the brightest value on the ray. */
        MIP,
        /** Minimum intensity projection: the darkest value on the ray (airways). */
        MINIP
    }

    /** Opacity (0..1, per mm of ray) at a modality value; for gradient opacity, at a gradient magnitude. */
    public record OpacityPoint(double value, double opacity) {
        public OpacityPoint {
            requireFinite(value, "value");
            if (!(opacity >= 0 && opacity <= 1)) throw new IllegalArgumentException("opacity " + opacity + " not in 0..1");
        }
    }

    /** Colour (each channel 0..1) at a modality value. */
    public record ColorPoint(double value, double red, double green, double blue) {
        public ColorPoint {
            requireFinite(value, "value");
            for (double c : new double[] {red, green, blue}) {
                if (!(c >= 0 && c <= 1)) throw new IllegalArgumentException("colour channel " + c + " not in 0..1");
            }
        }
    }

    /** Phong lighting of the gradient-shaded surfaces; ignored when {@code shade} is off. */
    public record Lighting(boolean shade, double ambient, double diffuse, double specular, double specularPower) {
        public Lighting {
            for (double c : new double[] {ambient, diffuse, specular}) {
                if (!(c >= 0 && c <= 1)) throw new IllegalArgumentException("lighting coefficient " + c + " not in 0..1");
            }
            if (!(specularPower >= 1 && specularPower <= 128)) {
                throw new IllegalArgumentException("specular power " + specularPower + " not in 1..128");
            }
        }

        /** Unshaded: colour is the transfer function's colour as is (projections). */
        public static final Lighting FLAT = new Lighting(false, 1, 0, 0, 1);
    }

    public TransferFunction {
        opacityPoints = increasing(opacityPoints, OpacityPoint::value, "opacity");
        colorPoints = increasing(colorPoints, ColorPoint::value, "colour");
        gradientOpacityPoints = gradientOpacityPoints == null ? List.of() : gradientOpacityPoints;
        if (!gradientOpacityPoints.isEmpty()) {
            gradientOpacityPoints = increasing(gradientOpacityPoints, OpacityPoint::value, "gradient opacity");
        }
        Objects.requireNonNull(blendMode, "blendMode");
        Objects.requireNonNull(lighting, "lighting");
    }

    public TransferFunction withOpacityPoints(List<OpacityPoint> points) {
        return new TransferFunction(points, colorPoints, gradientOpacityPoints, blendMode, lighting);
    }

    public TransferFunction withColorPoints(List<ColorPoint> points) {
        return new TransferFunction(opacityPoints, points, gradientOpacityPoints, blendMode, lighting);
    }

    /** An empty list turns gradient opacity off. */
    public TransferFunction withGradientOpacityPoints(List<OpacityPoint> points) {
        return new TransferFunction(opacityPoints, colorPoints, points, blendMode, lighting);
    }

    public TransferFunction withBlendMode(BlendMode mode) {
        return new TransferFunction(opacityPoints, colorPoints, gradientOpacityPoints, mode, lighting);
    }

    public TransferFunction withLighting(Lighting light) {
        return new TransferFunction(opacityPoints, colorPoints, gradientOpacityPoints, blendMode, light);
    }

    /** Every point's value mapped through {@code value -> scale * value + shift} (a curve dragged or stretched as a whole). */
    public TransferFunction withValuesScaled(double scale, double shift) {
        if (!(scale > 0)) throw new IllegalArgumentException("scale " + scale + " must be positive");
        return new TransferFunction(
                opacityPoints.stream().map(p -> new OpacityPoint(scale * p.value() + shift, p.opacity())).toList(),
                colorPoints.stream().map(p -> new ColorPoint(scale * p.value() + shift, p.red(), p.green(), p.blue()))
                        .toList(),
                gradientOpacityPoints, blendMode, lighting);
    }

    /** The opacity curve's value at {@code value}. */
    public double opacityAt(double value) {
        return interpolate(opacityPoints, value, OpacityPoint::value, OpacityPoint::opacity);
    }

    /** The colour curve's {red, green, blue} at {@code value}. */
    public double[] colorAt(double value) {
        return new double[] {
            interpolate(colorPoints, value, ColorPoint::value, ColorPoint::red),
            interpolate(colorPoints, value, ColorPoint::value, ColorPoint::green),
            interpolate(colorPoints, value, ColorPoint::value, ColorPoint::blue)};
    }

    private static <P> double interpolate(List<P> points, double v, ToDoubleFunction<P> x,
                                          ToDoubleFunction<P> y) {
        P first = points.get(0);
        if (v <= x.applyAsDouble(first)) return y.applyAsDouble(first);
        for (int i = 1; i < points.size(); i++) {
            P b = points.get(i);
            double xb = x.applyAsDouble(b);
            if (v <= xb) {
                P a = points.get(i - 1);
                double xa = x.applyAsDouble(a);
                double t = (v - xa) / (xb - xa);
                return y.applyAsDouble(a) + t * (y.applyAsDouble(b) - y.applyAsDouble(a));
            }
        }
        return y.applyAsDouble(points.get(points.size() - 1));
    }

    private static <P> List<P> increasing(List<P> points, ToDoubleFunction<P> value, String what) {
        if (points == null || points.isEmpty()) throw new IllegalArgumentException(what + " curve needs a point");
        List<P> copy = List.copyOf(points);
        for (int i = 1; i < copy.size(); i++) {
            if (!(value.applyAsDouble(copy.get(i)) > value.applyAsDouble(copy.get(i - 1)))) {
                throw new IllegalArgumentException(what + " points must have increasing values: "
                        + value.applyAsDouble(copy.get(i - 1)) + " then " + value.applyAsDouble(copy.get(i)));
            }
        }
        return copy;
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " " + v + " is not finite");
    }
}
