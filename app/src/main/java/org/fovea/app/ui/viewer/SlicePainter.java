package org.fovea.app.ui.viewer;

import org.fovea.app.view.OverlayInput;
import org.fovea.app.view.OverlayText;
import org.fovea.dicom.series.Slice;
import org.fovea.dicom.ImageHeader;
import org.fovea.render.DisplayFilter;
import org.fovea.render.Voi;
import org.fovea.render.geom.OrientationLabels;
import org.fovea.render.geom.ScaleBar;
import org.fovea.render.geom.ViewTransform;

import java.util.ResourceBundle;

/**
 * Fills a {@link ViewportPane} from a slice and a view: the one place that decides what a
 * viewport shows, used by the interactive viewer and the headless snapshot alike.
 */
final class SlicePainter {

    /** The longest scale bar, as a fraction of the viewport width, so it never reaches the corners. */
    private static final double SCALE_BAR_FRACTION = 0.25;
    private static final int SCALE_BAR_MAX_PIXELS = 200;

    private SlicePainter() {
    }

    /** Pixels and orientation labels of a decoded slice, unturned and unfiltered. */
    static void showSlice(ViewportPane pane, Slice slice, Voi voi, boolean invert) {
        showSlice(pane, slice, voi, invert, DisplayFilter.NONE, null);
    }

    /**
     * Pixels through a display filter, and the orientation labels of the picture as {@code view}
     * turns and flips it (null: as stored).
     */
    static void showSlice(ViewportPane pane, Slice slice, Voi voi, boolean invert, DisplayFilter filter,
                          ViewTransform view) {
        pane.showFrame(slice.frame(), slice.pixelInfo(), voi, invert, filter);
        pane.setMessage(null);
        if (slice.plane() != null) {
            OrientationLabels o = view == null ? OrientationLabels.of(slice.plane()) : OrientationLabels.of(slice.plane(), view);
            pane.setOrientation(o.left(), o.right(), o.top(), o.bottom());
        } else {
            pane.setOrientation(null, null, null, null);
        }
    }

    /**
     * Image placement, scale bar and four-corner text for the current view.
     *
     * @param slice  the shown slice, or null while it decodes
     * @param header the shown slice's header, or any of the series' while it decodes; may be null
     * @param view   the zoom and pan, or null before the first slice arrived
     */
    static void place(ViewportPane pane, ViewTransform view, Slice slice, ImageHeader header, int index, int count,
                      Voi effectiveVoi, ResourceBundle bundle) {
        if (view != null) {
            pane.setPlacement(view.imageToViewport());
        }
        if (view != null && slice != null && slice.spacing() != null) {
            int max = (int) Math.max(20, Math.min(SCALE_BAR_MAX_PIXELS, pane.getWidth() * SCALE_BAR_FRACTION));
            ScaleBar bar = ScaleBar.choose(view.mmPerViewportPixel(), max);
            pane.setScaleBar(OverlayText.scaleBarLabel(bar.millimetres(), slice.spacing().source(), bundle), bar.pixels());
        } else {
            pane.setScaleBar(null, 0);
        }
        double zoom = view == null ? 1 : view.scaleX();
        pane.setOverlay(OverlayText.of(new OverlayInput(header, slice != null, index, count,
                slice == null ? null : effectiveVoi, zoom, pane.anonymous()), bundle, pane.overlayLayouts()));
    }
}
