package org.fovea.render.volume;

import org.fovea.render.ModalityLut;
import org.fovea.render.volume.TransferFunction.BlendMode;
import org.fovea.render.volume.TransferFunction.ColorPoint;
import org.fovea.render.volume.TransferFunction.Lighting;
import org.fovea.render.volume.TransferFunction.OpacityPoint;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The volume rendering presets a radiologist picks from, each with a stable key for settings and
 * resource bundles ({@code vr.preset.<key>}). CT presets are in HU. MR values have no absolute
 * scale, so {@link #MR_DEFAULT}'s points are fractions of the series' own value range and are
 * placed by {@link #transferFunction(double, double)} or {@link #transferFunction(Volume)}.
 */
public enum VrPreset {

    /**
     * Bone as an opaque ivory surface; soft tissue invisible, contrast-filled vessels (about 300 HU)
     * faint. Ambient light is generous because the ray caster lights only where the value changes:
     * the inside of a translucent structure gets ambient light alone.
     */
    CT_BONE("ct-bone", false, new TransferFunction(
            List.of(op(-1000, 0), op(180, 0), op(300, 0.12), op(500, 0.7), op(1000, 0.85), op(3000, 0.9)),
            List.of(rgb(-1000, 0, 0, 0), rgb(180, 0.55, 0.25, 0.15), rgb(300, 0.88, 0.78, 0.6),
                    rgb(700, 1, 0.96, 0.88), rgb(3000, 1, 1, 1)),
            List.of(), BlendMode.COMPOSITE, new Lighting(true, 0.35, 0.75, 0.3, 15))),

    /** Contrast-filled vessels (about 200–500 HU) red, bone above them pale; soft tissue invisible. */
    CT_ANGIO("ct-angio", false, new TransferFunction(
            List.of(op(-1000, 0), op(120, 0), op(200, 0.25), op(350, 0.7), op(3000, 0.85)),
            List.of(rgb(-1000, 0, 0, 0), rgb(120, 0.45, 0.05, 0.05), rgb(200, 0.8, 0.15, 0.1),
                    rgb(350, 0.95, 0.55, 0.4), rgb(700, 1, 0.95, 0.85), rgb(3000, 1, 1, 1)),
            List.of(), BlendMode.COMPOSITE, new Lighting(true, 0.35, 0.75, 0.35, 20))),

    /**
     * Lung parenchyma, vessel walls and airways: the band between air and soft tissue translucent,
     * the chest wall and everything denser invisible so it does not hide the lungs.
     */
    CT_LUNG("ct-lung", false, new TransferFunction(
            List.of(op(-1000, 0), op(-900, 0), op(-750, 0.04), op(-450, 0.25), op(-250, 0.1), op(-150, 0)),
            List.of(rgb(-1000, 0, 0, 0), rgb(-900, 0.55, 0.3, 0.3), rgb(-600, 0.9, 0.6, 0.55),
                    rgb(-250, 1, 0.85, 0.8)),
            List.of(), BlendMode.COMPOSITE, new Lighting(true, 0.3, 0.75, 0.2, 10))),

    /** Skin and fat faint, muscle and organs translucent red, bone opaque: the body's soft tissue. */
    CT_SOFT_TISSUE("ct-soft-tissue", false, new TransferFunction(
            List.of(op(-1000, 0), op(-300, 0), op(-100, 0.03), op(20, 0.08), op(80, 0.3), op(300, 0.6),
                    op(1000, 0.85)),
            List.of(rgb(-1000, 0, 0, 0), rgb(-300, 0.5, 0.35, 0.2), rgb(-100, 0.9, 0.75, 0.45),
                    rgb(40, 0.85, 0.4, 0.3), rgb(300, 1, 0.95, 0.85), rgb(1000, 1, 1, 1)),
            List.of(), BlendMode.COMPOSITE, new Lighting(true, 0.25, 0.8, 0.2, 10))),

    /**
     * Maximum intensity projection as a grey CT angiography window (width 800, centre 200). Air is
     * transparent so a pick lands on the body, not on the edge of the volume.
     */
    CT_MIP("ct-mip", false, new TransferFunction(
            List.of(op(-1000, 0), op(-900, 1)),
            List.of(rgb(-200, 0, 0, 0), rgb(600, 1, 1, 1)),
            List.of(), BlendMode.MIP, Lighting.FLAT)),

    /** MR: the darkest tenth (background, air) invisible, brighter tissue increasingly opaque, grey-warm. */
    MR_DEFAULT("mr-default", true, new TransferFunction(
            List.of(op(0, 0), op(0.1, 0), op(0.35, 0.1), op(0.7, 0.45), op(1, 0.8)),
            List.of(rgb(0, 0, 0, 0), rgb(0.1, 0.35, 0.25, 0.2), rgb(0.5, 0.8, 0.7, 0.6), rgb(1, 1, 1, 0.95)),
            List.of(), BlendMode.COMPOSITE, new Lighting(true, 0.25, 0.8, 0.2, 10)));

    /** The share of voxels below a relative preset's 0 and above its 1: outliers do not stretch the curve. */
    static final double RANGE_TAIL = 0.005;

    private final String key;
    private final boolean relative;
    private final TransferFunction function;

    VrPreset(String key, boolean relative, TransferFunction function) {
        this.key = key;
        this.relative = relative;
        this.function = function;
    }

    /** Stable key for settings and resource bundles, e.g. {@code ct-bone}. */
    public String key() {
        return key;
    }

    /** Whether the points are fractions of the data's value range (MR) rather than modality values. */
    public boolean relativeToData() {
        return relative;
    }

    /**
     * The transfer function for data whose values of interest run from {@code low} to {@code high}:
     * a relative preset's fraction f lands on {@code low + f * (high - low)}; an absolute (CT) preset
     * ignores the range.
     */
    public TransferFunction transferFunction(double low, double high) {
        if (!relative) return function;
        if (!(high > low)) high = low + 1;
        return function.withValuesScaled(high - low, low);
    }

    /** The transfer function for this volume: a relative preset is placed on {@link #valueRange(Volume)}. */
    public TransferFunction transferFunction(Volume volume) {
        if (!relative) return function;
        double[] range = valueRange(volume);
        return transferFunction(range[0], range[1]);
    }

    /** The preset with this key (case-insensitive). */
    public static Optional<VrPreset> byKey(String key) {
        if (key == null) return Optional.empty();
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (VrPreset p : values()) {
            if (p.key.equals(k)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /**
     * The volume's modality values from the 0.5th to the 99.5th percentile, {low, high}: a few
     * very bright voxels (vessels, fat on MR) then do not push the tissue into the dark end.
     */
    public static double[] valueRange(Volume volume) {
        long[] histogram = new long[65536];
        short[] values = volume.values();
        int bias = volume.signed() ? 32768 : 0;
        int end = volume.offset() + (int) volume.voxelCount();
        for (int i = volume.offset(); i < end; i++) {
            int stored = volume.signed() ? values[i] : values[i] & 0xFFFF;
            histogram[stored + bias]++;
        }
        long tail = (long) (volume.voxelCount() * RANGE_TAIL);
        int lowBin = 0, highBin = histogram.length - 1;
        long below = histogram[lowBin];
        while (below <= tail && lowBin < highBin) below += histogram[++lowBin];
        long above = histogram[highBin];
        while (above <= tail && highBin > lowBin) above += histogram[--highBin];
        ModalityLut lut = volume.pixelInfo().modalityLut();
        double a = lut.apply(lowBin - bias), b = lut.apply(highBin - bias);
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    private static OpacityPoint op(double value, double opacity) {
        return new OpacityPoint(value, opacity);
    }

    private static ColorPoint rgb(double value, double r, double g, double b) {
        return new ColorPoint(value, r, g, b);
    }
}
