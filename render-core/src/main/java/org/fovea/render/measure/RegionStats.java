package org.fovea.render.measure;

import org.fovea.render.Frame;
import org.fovea.render.ModalityLut;

/**
 * Statistics of the modality values (HU for CT, after the rescale or modality LUT; stored values
 * otherwise) of the pixels inside a region: what a radiologist reads off an ROI.
 *
 * @param count pixels whose centres lie inside the region
 * @param sd    the population standard deviation (0 for a single pixel)
 */
public record RegionStats(int count, double mean, double sd, double min, double max) {

    /** No pixels: the region lies off the image or is too small to hold a pixel centre. */
    public static final RegionStats EMPTY = new RegionStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /**
     * The statistics of {@code region} on a grayscale or palette frame (palette indices are their
     * stored values). Colour frames have no single value per pixel and are refused.
     */
    public static RegionStats of(Region region, Frame frame, ModalityLut lut) {
        if (frame.kind() == Frame.Kind.RGB) {
            throw new IllegalArgumentException("colour images have no value per pixel to average");
        }
        Accumulator acc = new Accumulator(frame, lut);
        region.spans(frame.columns(), frame.rows(), acc);
        return acc.result();
    }

    private static final class Accumulator implements Region.Span {
        private final Frame frame;
        private final ModalityLut lut;
        private long count;
        private double sum;
        private double sumSquares;
        private double min = Double.MAX_VALUE;
        private double max = -Double.MAX_VALUE;
        // shifting by the first value keeps the sum of squares exact for values far from 0
        private double shift = Double.NaN;

        Accumulator(Frame frame, ModalityLut lut) {
            this.frame = frame;
            this.lut = lut;
        }

        @Override
        public void accept(int row, int from, int to) {
            for (int c = from; c < to; c++) {
                int stored = frame.storedValue(c, row);
                double v = lut.apply(stored);
                if (Double.isNaN(shift)) {
                    shift = v;
                }
                double d = v - shift;
                sum += d;
                sumSquares += d * d;
                count++;
                if (v < min) min = v;
                if (v > max) max = v;
            }
        }

        RegionStats result() {
            if (count == 0) {
                return EMPTY;
            }
            double mean = sum / count;
            double variance = Math.max(0, sumSquares / count - mean * mean);
            return new RegionStats((int) count, mean + shift, Math.sqrt(variance), min, max);
        }
    }
}
