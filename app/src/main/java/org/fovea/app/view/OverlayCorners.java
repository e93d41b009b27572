package org.fovea.app.view;

import java.util.List;

/** The text lines of the four image corners, top line first in each corner. */
public record OverlayCorners(List<String> topLeft, List<String> topRight,
                             List<String> bottomLeft, List<String> bottomRight) {
    public OverlayCorners {
        topLeft = List.copyOf(topLeft);
        topRight = List.copyOf(topRight);
        bottomLeft = List.copyOf(bottomLeft);
        bottomRight = List.copyOf(bottomRight);
    }

    /** All lines, corner by corner; for searching the overlay in tests and logs. */
    public String joined() {
        return String.join("\n", topLeft) + "\n" + String.join("\n", topRight) + "\n"
                + String.join("\n", bottomLeft) + "\n" + String.join("\n", bottomRight);
    }
}
