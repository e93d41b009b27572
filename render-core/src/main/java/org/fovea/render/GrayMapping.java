package org.fovea.render;

/**
 * The VOI and presentation steps for one grayscale image: a modality output value to an 8-bit
 * gray level. The arithmetic follows DCMTK's dcmimgle (dimoopxt.h) term by term, because
 * {@code dcmj2pnm} is the reference the tests compare against and truncation at exact
 * boundaries depends on the order of floating-point operations:
 * <ul>
 *   <li>windows compute the standard's continuous output between {@code low} and {@code high}
 *   and truncate it toward zero; a displayed-inverted image swaps {@code low = 255, high = 0},
 *   so it shows {@code (int) (255 - y)}, not {@code 255 - (int) y};</li>
 *   <li>VOI LUT entries are normalised by {@code 2^n - 1} (C.11.2.1.1) and quantised into 256
 *   equal bins, which for 8 to 16 bit entries equals DCMTK's {@code v * 256 / 2^n}; an inverted
 *   VOI LUT image is the exact mirror {@code 255 - gray}.</li>
 * </ul>
 * A window's gamma other than 1 ({@link WindowLevel}) bends the LINEAR or LINEAR_EXACT ramp
 * over the same input range; gamma 1 takes the unchanged DICOM paths above.
 */
@FunctionalInterface
interface GrayMapping {

    int gray(double modalityValue);

    static GrayMapping of(Voi voi, boolean inverted) {
        if (voi instanceof WindowLevel w) {
            if (w.gamma() != 1) {
                return gamma(w, inverted);
            }
            return switch (w.function()) {
                case LINEAR -> linear(w.center(), w.width(), inverted);
                case LINEAR_EXACT -> linearExact(w.center(), w.width(), inverted);
                case SIGMOID -> sigmoid(w.center(), w.width(), inverted);
            };
        }
        return voiLut((VoiLutTable) voi, inverted);
    }

    /** PS3.3 C.11.2.1.2.1: the "- 0.5" and "width - 1" place integer inputs on bin centres. */
    private static GrayMapping linear(double center, double width, boolean inverted) {
        double low = inverted ? 255 : 0;
        double high = inverted ? 0 : 255;
        int lowGray = (int) low;
        int highGray = (int) high;
        double width1 = width - 1;
        double left = center - 0.5 - width1 / 2;
        double right = center - 0.5 + width1 / 2;
        double outRange = high - low;
        double offset = width1 == 0 ? 0 : high - ((center - 0.5) / width1 + 0.5) * outRange;
        double gradient = width1 == 0 ? 0 : outRange / width1;
        return x -> {
            if (x <= left) return lowGray;
            if (x > right) return highGray;
            return (int) (offset + x * gradient);
        };
    }

    /** PS3.3 C.11.2.1.3.2: the window covers exactly [c - w/2, c + w/2]. */
    private static GrayMapping linearExact(double center, double width, boolean inverted) {
        double low = inverted ? 255 : 0;
        double high = inverted ? 0 : 255;
        int lowGray = (int) low;
        int highGray = (int) high;
        double left = center - width / 2;
        double right = center + width / 2;
        double outRange = high - low;
        return x -> {
            if (x <= left) return lowGray;
            if (x > right) return highGray;
            return (int) (low + ((x - center) / width + 0.5) * outRange);
        };
    }

    /**
     * {@code 255 · t^(1/γ)} for the position {@code t} along the ramp of LINEAR (from
     * {@code c - 0.5 - (w-1)/2} to {@code c - 0.5 + (w-1)/2}) or LINEAR_EXACT ({@code c ± w/2}),
     * with the same clipping and truncation; inverted shows {@code (int) (255 - y)} as they do.
     */
    private static GrayMapping gamma(WindowLevel w, boolean inverted) {
        boolean exact = w.function() == VoiFunction.LINEAR_EXACT;
        double left = exact ? w.center() - w.width() / 2 : w.center() - 0.5 - (w.width() - 1) / 2;
        double right = exact ? w.center() + w.width() / 2 : w.center() - 0.5 + (w.width() - 1) / 2;
        double range = right - left;
        double exponent = 1 / w.gamma();
        int lowGray = inverted ? 255 : 0;
        int highGray = inverted ? 0 : 255;
        return x -> {
            if (x <= left) return lowGray;
            if (x > right) return highGray;
            double y = 255 * Math.pow((x - left) / range, exponent);
            return (int) (inverted ? 255 - y : y);
        };
    }

    /** PS3.3 C.11.2.1.3.1; never reaches the extremes, as the formula says. */
    private static GrayMapping sigmoid(double center, double width, boolean inverted) {
        double low = inverted ? 255 : 0;
        double outRange = (inverted ? 0 : 255) - low;
        return x -> (int) (low + outRange / (1 + Math.exp(-4 * (x - center) / width)));
    }

    private static GrayMapping voiLut(VoiLutTable lut, boolean inverted) {
        int[] data = lut.data();
        int first = lut.firstMapped();
        double scale = 256.0 / ((1L << lut.bitsPerEntry()) - 1);
        return x -> {
            long i = (long) Math.floor(x) - first;
            int v = data[(int) Math.max(0, Math.min(data.length - 1, i))];
            int g = (int) Math.min(255, Math.max(0, v) * scale);
            return inverted ? 255 - g : g;
        };
    }
}
