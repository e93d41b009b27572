package org.fovea.render.measure;

import org.fovea.render.geom.PixelSpacing;

/**
 * How far apart pixels are, for measuring: {@code rowMm} between rows and {@code columnMm}
 * between columns, and where that came from. Every measurement shows its source, so a length
 * is never called millimetres when it is not: without any calibration the scale is one pixel
 * per unit and measurements are in px.
 *
 * @param magnification the Estimated Radiographic Magnification Factor the detector spacing was
 *                      divided by ({@link Source#MAGNIFICATION_CORRECTED}), otherwise 1
 */
public record Scale(double rowMm, double columnMm, Source source, double magnification) {

    /** Where a scale comes from. */
    public enum Source {
        /** Pixel Spacing (0028,0030): in the patient (CT, MR) or calibrated by the modality. */
        PIXEL_SPACING,
        /** Imager Pixel Spacing (0018,1164) at the detector, with no magnification correction. */
        DETECTOR,
        /** Imager Pixel Spacing divided by the Estimated Radiographic Magnification Factor. */
        MAGNIFICATION_CORRECTED,
        /** A line of known length drawn by the user. */
        CALIBRATION,
        /** The sampling of a reformatted plane (MPR), in patient millimetres. */
        RECONSTRUCTION,
        /** No spacing known: measurements are in pixels. */
        NONE
    }

    public Scale {
        if (!(rowMm > 0) || !(columnMm > 0) || !Double.isFinite(rowMm) || !Double.isFinite(columnMm)) {
            throw new IllegalArgumentException("pixel spacing " + rowMm + "\\" + columnMm);
        }
        if (source == null) {
            throw new IllegalArgumentException("a scale needs its source");
        }
        if (!(magnification > 0) || !Double.isFinite(magnification)) {
            throw new IllegalArgumentException("magnification " + magnification);
        }
    }

    /** No calibration: one unit per pixel, measurements in px. */
    public static Scale none() {
        return new Scale(1, 1, Source.NONE, 1);
    }

    /** Pixel Spacing from the header. */
    public static Scale pixelSpacing(double rowMm, double columnMm) {
        return new Scale(rowMm, columnMm, Source.PIXEL_SPACING, 1);
    }

    /**
     * Imager Pixel Spacing, corrected by the Estimated Radiographic Magnification Factor when the
     * header gives a plausible one (above 0; a factor of exactly 1 is no correction).
     */
    public static Scale detector(double rowMm, double columnMm, double magnification) {
        if (magnification > 0 && Double.isFinite(magnification) && magnification != 1) {
            return new Scale(rowMm / magnification, columnMm / magnification, Source.MAGNIFICATION_CORRECTED,
                    magnification);
        }
        return new Scale(rowMm, columnMm, Source.DETECTOR, 1);
    }

    /** A reformatted plane sampled at {@code pixelMm} in both directions. */
    public static Scale reconstruction(double pixelMm) {
        return new Scale(pixelMm, pixelMm, Source.RECONSTRUCTION, 1);
    }

    /**
     * The scale of an image from the spacing its header gives ({@code null}: none) and its
     * Estimated Radiographic Magnification Factor ({@code NaN} when absent), which applies to
     * Imager Pixel Spacing only.
     */
    public static Scale of(PixelSpacing spacing, double magnification) {
        if (spacing == null) {
            return none();
        }
        return switch (spacing.source()) {
            case "Imager Pixel Spacing" -> detector(spacing.rowMm(), spacing.columnMm(), magnification);
            case "MPR" -> new Scale(spacing.rowMm(), spacing.columnMm(), Source.RECONSTRUCTION, 1);
            default -> pixelSpacing(spacing.rowMm(), spacing.columnMm());
        };
    }

    /**
     * The scale after the user says the line from {@code a} to {@code b} is {@code knownMm} long:
     * the shape of a pixel (row to column spacing) is kept from this scale, its size set so the
     * line measures {@code knownMm}.
     */
    public Scale calibrated(ImagePoint a, ImagePoint b, double knownMm) {
        if (!(knownMm > 0) || !Double.isFinite(knownMm)) {
            throw new IllegalArgumentException("a calibration length must be above 0 mm, not " + knownMm);
        }
        double now = length(a, b);
        if (!(now > 0)) {
            throw new IllegalArgumentException("a calibration line needs two different points");
        }
        double k = knownMm / now;
        return new Scale(rowMm * k, columnMm * k, Source.CALIBRATION, 1);
    }

    /** Whether measurements made with this scale are in millimetres (otherwise pixels). */
    public boolean millimetres() {
        return source != Source.NONE;
    }

    public Unit lengthUnit() {
        return millimetres() ? Unit.MM : Unit.PIXEL;
    }

    public Unit areaUnit() {
        return millimetres() ? Unit.MM2 : Unit.PIXEL2;
    }

    /** The distance between two image points in this scale's unit. */
    public double length(ImagePoint a, ImagePoint b) {
        return Math.hypot((b.x() - a.x()) * columnMm, (b.y() - a.y()) * rowMm);
    }

    /** The area of one pixel in this scale's area unit. */
    public double pixelArea() {
        return rowMm * columnMm;
    }

    /** An English phrase for where the scale comes from, as the command line shows it. */
    public String describe() {
        return switch (source) {
            case PIXEL_SPACING -> "Pixel Spacing";
            case DETECTOR -> "Imager Pixel Spacing (detector plane)";
            case MAGNIFICATION_CORRECTED -> "Imager Pixel Spacing / magnification " + trim(magnification);
            case CALIBRATION -> "user calibration";
            case RECONSTRUCTION -> "reformatted plane";
            case NONE -> "no pixel spacing (px)";
        };
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.4f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
