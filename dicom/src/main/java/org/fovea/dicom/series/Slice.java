package org.fovea.dicom.series;

import org.fovea.dicom.ImageHeader;
import org.fovea.render.Frame;
import org.fovea.render.PixelInfo;
import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.PixelSpacing;

/** One decoded image of a stack with what the viewport needs around it; plane and spacing may be null. */
public record Slice(ImageHeader header, PixelInfo pixelInfo, Frame frame, ImagePlane plane, PixelSpacing spacing) {
}
