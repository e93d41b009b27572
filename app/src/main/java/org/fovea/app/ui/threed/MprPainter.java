package org.fovea.app.ui.threed;

import org.fovea.app.ui.viewer.ViewportPane;
import org.fovea.app.view.MprOverlay;
import org.fovea.app.view.OverlayText;
import org.fovea.dicom.ImageHeader;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.PixelInfo;
import org.fovea.render.Voi;
import org.fovea.render.geom.OrientationLabels;
import org.fovea.render.geom.ScaleBar;
import org.fovea.render.geom.Vec3;
import org.fovea.render.geom.ViewTransform;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.SlicePlane;

import java.util.ResourceBundle;

/**
 * Fills a {@link ViewportPane} with a reformatted image (MPR, oblique, slab, CPR cross-section):
 * pixels, orientation labels from the plane's own directions (so they stay right when the plane
 * is rotated), scale bar and four-corner text. The 3D page and the headless snapshot both paint
 * through here.
 */
final class MprPainter {

    private static final double SCALE_BAR_FRACTION = 0.25;
    private static final int SCALE_BAR_MAX_PIXELS = 200;

    private MprPainter() {
    }

    /**
     * @param plane  the plane the frame was resliced on, or null for an image without one plane
     *               (a CPR): then no orientation labels
     * @param cursor the 3D cursor to print, or null
     */
    static void paint(ViewportPane pane, ViewTransform view, Frame frame, PixelInfo info, SlicePlane plane,
                      ImageHeader header, String viewName, Slab slab, Vec3 cursor, Voi voi, boolean invert,
                      ResourceBundle bundle) {
        pane.showFrame(frame, info, voi, invert);
        pane.setMessage(null);
        if (plane != null) {
            OrientationLabels o = OrientationLabels.of(plane.imagePlane());
            pane.setOrientation(o.left(), o.right(), o.top(), o.bottom());
        } else {
            pane.setOrientation(null, null, null, null);
        }
        pane.setPlacement(view.imageToViewport());
        int max = (int) Math.max(20, Math.min(SCALE_BAR_MAX_PIXELS, pane.getWidth() * SCALE_BAR_FRACTION));
        ScaleBar bar = ScaleBar.choose(view.mmPerViewportPixel(), max);
        // the volume is calibrated by its images' Pixel Spacing and slice positions
        pane.setScaleBar(OverlayText.scaleBarLabel(bar.millimetres(), "Pixel Spacing", bundle), bar.pixels());
        Voi effective = FrameRenderer.effectiveVoi(frame, info, voi);
        pane.setOverlay(MprOverlay.of(header, viewName, slab, cursor, effective, view.scaleX(), bundle));
    }
}
