package org.fovea.app.view;

import org.fovea.render.WindowLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WindowLevelDragTest {

    @Test
    void horizontalWidensAndVerticalRaisesTheCentre() {
        WindowLevelDrag drag = new WindowLevelDrag(new WindowLevel(80, 40));

        WindowLevel w = drag.dragged(20, -10);

        assertThat(w.width()).isEqualTo(100);
        assertThat(w.center()).isEqualTo(30);
    }

    @Test
    void wideWindowsMoveFasterPerPixel() {
        WindowLevelDrag drag = new WindowLevelDrag(new WindowLevel(2560, 500));

        assertThat(drag.dragged(10, 10)).isEqualTo(new WindowLevel(2660, 600, org.fovea.render.VoiFunction.LINEAR, ""));
    }

    @Test
    void widthNeverDropsBelowOne() {
        WindowLevel w = new WindowLevelDrag(new WindowLevel(80, 40)).dragged(-500, 0);

        assertThat(w.width()).isEqualTo(1);
    }
}
