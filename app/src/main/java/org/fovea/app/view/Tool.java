package org.fovea.app.view;

/** What the left mouse button does in a viewport; right, middle and wheel are fixed (DESIGN.md). */
public enum Tool {
    SCROLL, WINDOW_LEVEL, ZOOM, PAN
}
