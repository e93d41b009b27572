package org.fovea.app.view;

import org.fovea.render.WindowLevel;

/**
 * Window/level by mouse drag, as in every PACS: horizontal motion changes the width (right =
 * wider, less contrast), vertical motion the centre (down = higher centre, darker image). One
 * screen pixel moves the window by 1/256 of the width the drag started with, so a narrow brain
 * window and a wide bone window both respond at a usable speed.
 */
public final class WindowLevelDrag {

    private final WindowLevel start;
    private final double step;

    public WindowLevelDrag(WindowLevel start) {
        this.start = start;
        this.step = Math.max(1.0, start.width() / 256.0);
    }

    /** The window after dragging dx, dy screen pixels from where the drag began. */
    public WindowLevel dragged(double dx, double dy) {
        double width = Math.max(1.0, Math.round(start.width() + dx * step));
        double center = Math.round(start.center() + dy * step);
        return new WindowLevel(width, center, start.function(), "");
    }
}
