package org.fovea.app.view;

import org.fovea.dicom.ImageHeader;
import org.fovea.render.Voi;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Slab;
import org.fovea.render.volume.SlabMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The four-corner text of a reformatted view (MPR, oblique, slab, CPR): who and which study as on
 * every image, then what this view is (its name and slab), where the 3D cursor is in patient mm,
 * and how it is displayed. Shared by the 3D page and the headless snapshot.
 */
public final class MprOverlay {

    private MprOverlay() {
    }

    /**
     * @param viewName the view's name in the user's language ("轴位", "Coronal", "CPR"...)
     * @param cursor   the 3D cursor, or null when the view has none to show
     */
    public static OverlayCorners of(ImageHeader h, String viewName, Slab slab, Vec3 cursor, Voi voi, double zoom,
                                    ResourceBundle b) {
        List<String> tl = new ArrayList<>();
        List<String> tr = new ArrayList<>();
        List<String> bl = new ArrayList<>();
        List<String> br = new ArrayList<>();
        if (h != null) {
            OverlayText.identity(h, b, tl, tr, bl);
        }
        tr.add(viewName);
        if (slab != null && slab.mode() != null && slab.thicknessMm() > 0) {
            tr.add(Messages.format(b, "mpr.slab." + slab.mode().name().toLowerCase(Locale.ROOT),
                    OverlayText.number(slab.thicknessMm())));
        }
        if (cursor != null) {
            bl.add(Messages.format(b, "mpr.cursor", mm(cursor.x()), mm(cursor.y()), mm(cursor.z())));
        }
        add(br, OverlayText.window(voi, b));
        br.add(Messages.format(b, "overlay.zoom", String.valueOf(Math.round(zoom * 100))));
        return new OverlayCorners(tl, tr, bl, br);
    }

    /** The slab's short name, e.g. "MIP 10 mm", for screenshot comments. */
    public static String slabText(Slab slab) {
        if (slab == null || slab.thicknessMm() <= 0) {
            return "";
        }
        String mode = slab.mode() == SlabMode.MINIP ? "MinIP" : slab.mode() == SlabMode.MIP ? "MIP" : "AVG";
        return mode + " " + OverlayText.number(slab.thicknessMm()) + " mm";
    }

    private static String mm(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void add(List<String> lines, String s) {
        if (s != null && !s.isBlank()) {
            lines.add(s);
        }
    }
}
