package org.fovea.app.ui.viewer;

import org.fovea.dicom.series.SeriesStack;

import java.util.List;

/** Viewports that read one series together. */
final class ViewportPairs {

    private ViewportPairs() {
    }

    /**
     * Lung and mediastinum side by side (V28): the active series in two viewports, the lung
     * window on the left and the mediastinal window on the right, scrolling together (one series: linked by
     * position), so one slice is read in both windows at once.
     */
    static void lungMediastinum(ViewerView viewer) {
        Viewport active = viewer.activeViewport();
        if (active == null || active.stack() == null) {
            return;
        }
        SeriesStack stack = active.stack();
        int index = active.index();
        viewer.setLayout(ViewportGrid.Layout.ONE_BY_TWO);
        Viewport lung = viewer.visibleViewports().get(0);
        Viewport mediastinum = viewer.visibleViewports().get(1);
        for (Viewport v : List.of(lung, mediastinum)) {
            if (v.stack() != stack) {
                v.show(stack);
            }
            v.moveTo(index);
        }
        lung.preset(1);
        mediastinum.preset(2);
        viewer.activate(lung);
    }
}
