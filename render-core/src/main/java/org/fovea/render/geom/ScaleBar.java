package org.fovea.render.geom;

/**
 * A calibration bar for the viewer: the longest "nice" length (1, 2 or 5 × 10^n mm) that fits
 * the space available, and how many screen pixels it spans at the current zoom.
 */
public record ScaleBar(double millimetres, double pixels) {

    private static final int[] NICE = {5, 2, 1};

    /**
     * @param mmPerScreenPixel millimetres in the patient covered by one screen pixel
     * @param maxPixels        the longest bar there is room for
     */
    public static ScaleBar choose(double mmPerScreenPixel, int maxPixels) {
        if (!(mmPerScreenPixel > 0) || Double.isInfinite(mmPerScreenPixel) || maxPixels < 1) {
            throw new IllegalArgumentException("scale bar for " + mmPerScreenPixel + " mm/pixel in " + maxPixels + " pixels");
        }
        double maxMm = maxPixels * mmPerScreenPixel;
        int exponent = (int) Math.floor(Math.log10(maxMm));
        // log10 may land one decade off near exact powers of ten; try the decade above first
        for (int e = exponent + 1; ; e--) {
            double decade = Math.pow(10, e);
            for (int m : NICE) {
                double mm = m * decade;
                double px = mm / mmPerScreenPixel;
                if (px <= maxPixels * (1 + 1e-12)) {
                    return new ScaleBar(mm, Math.min(px, maxPixels));
                }
            }
        }
    }
}
