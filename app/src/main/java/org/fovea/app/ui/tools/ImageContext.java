package org.fovea.app.ui.tools;

import java.util.function.UnaryOperator;
import org.fovea.render.Frame;
import org.fovea.render.ModalityLut;
import org.fovea.render.geom.ViewTransform;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Scale;
import org.fovea.render.measure.Unit;

/**
 * The image a viewport shows, as the marks need it: which image, its scale from the header, its
 * pixels for statistics, and the mapping between image points and the viewport's coordinates at
 * the current zoom and pan.
 *
 * @param frame may be null (pixels not decoded yet): geometry is measured, statistics are not
 */
public record ImageContext(ImageRef image, Scale headerScale, Frame frame, ModalityLut lut, Unit valueUnit,
                           UnaryOperator<ImagePoint> toScreen, UnaryOperator<ImagePoint> toImage) {

    /**
     * An image placed by a view transform, which puts pixel centres at integers where DICOM image
     * coordinates put them at +0.5. The transform is read at every use, so zoom and pan follow.
     */
    public static ImageContext placed(ImageRef image, Scale headerScale, Frame frame, ModalityLut lut, Unit valueUnit,
                                      ViewTransform view) {
        return new ImageContext(image, headerScale, frame, lut, valueUnit,
                p -> {
                    ViewTransform.Point q = view.toViewport(p.x() - 0.5, p.y() - 0.5);
                    return new ImagePoint(q.x(), q.y());
                },
                p -> {
                    ViewTransform.Point q = view.toImage(p.x(), p.y());
                    return new ImagePoint(q.x() + 0.5, q.y() + 0.5);
                });
    }

    /** Image units per screen pixel along x, for click tolerances. */
    public double imageUnitsPerScreenPixel() {
        ImagePoint a = toImage.apply(new ImagePoint(0, 0)), b = toImage.apply(new ImagePoint(1, 0));
        return Math.hypot(b.x() - a.x(), b.y() - a.y());
    }
}
