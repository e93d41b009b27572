package org.fovea.dicom.series;

import org.fovea.dicom.ImageHeader;
import org.fovea.render.Frame;
import org.fovea.render.PixelInfo;
import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.PixelSpacing;
import org.fovea.render.measure.Scale;

/**
 * One decoded image of a stack with what the viewport needs around it; plane and spacing may be
 * null. {@code scale} is what measurements on it use (never null: px without spacing).
 */
public record Slice(ImageHeader header, PixelInfo pixelInfo, Frame frame, ImagePlane plane, PixelSpacing spacing,
                    Scale scale) {

    public Slice {
        scale = scale == null ? Scale.of(spacing, Double.NaN) : scale;
    }

    /** A slice measured at its spacing as given (no magnification correction). */
    public Slice(ImageHeader header, PixelInfo pixelInfo, Frame frame, ImagePlane plane, PixelSpacing spacing) {
        this(header, pixelInfo, frame, plane, spacing, null);
    }
}
