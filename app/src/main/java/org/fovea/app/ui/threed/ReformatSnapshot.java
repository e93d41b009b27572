package org.fovea.app.ui.threed;

import org.fovea.app.ui.common.FxRuntime;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.viewer.ViewportSnapshot;
import org.fovea.app.view.Messages;
import org.fovea.dicom.ImageHeader;
import org.fovea.render.Frame;
import org.fovea.render.PixelInfo;
import org.fovea.render.Voi;
import org.fovea.render.geom.PixelSpacing;
import org.fovea.render.geom.Vec3;
import org.fovea.render.geom.ViewTransform;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.SlicePlane;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A reformatted image (MPR, oblique, slab) with the 3D page's overlays, at one image pixel per
 * output pixel, for the command line's {@code snapshot --series ... --view ... --overlay}. Drawn by
 * the same {@link MprPainter} as the 3D page.
 */
public final class ReformatSnapshot {

    private ReformatSnapshot() {
    }

    /** Renders off screen (starting JavaFX when needed; a display must be available). */
    public static BufferedImage render(Frame frame, PixelInfo info, SlicePlane plane, ImageHeader header,
                                       String viewKey, Slab slab, Vec3 cursor, Voi voi, Locale locale)
            throws IOException {
        ResourceBundle bundle = Messages.bundle(I18n.supported(locale));
        FxRuntime.ensureStarted();
        try {
            return FxRuntime.call(() -> snapshot(frame, info, plane, header, bundle.getString(viewKey), slab, cursor,
                    voi, bundle));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the reformat snapshot failed", e);
        }
    }

    private static BufferedImage snapshot(Frame frame, PixelInfo info, SlicePlane plane, ImageHeader header,
                                          String viewName, Slab slab, Vec3 cursor, Voi voi, ResourceBundle bundle) {
        int w = frame.columns();
        int h = frame.rows();
        return ViewportSnapshot.offScreen(w, h, pane -> {
            ViewTransform view = new ViewTransform(w, h, new PixelSpacing(plane.pixelMm(), plane.pixelMm(), "MPR"), w, h);
            MprPainter.paint(pane, view, frame, info, plane, header, viewName, slab, cursor, voi, false, bundle);
        });
    }
}
