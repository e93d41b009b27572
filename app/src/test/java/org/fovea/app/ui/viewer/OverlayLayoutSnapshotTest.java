package org.fovea.app.ui.viewer;

import org.fovea.app.view.DemoArchive;
import org.fovea.app.view.OverlayField;
import org.fovea.app.view.OverlayLayout;
import org.fovea.app.view.OverlayLayouts;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The headless snapshot draws the four corners as the configured layout says, as the viewer does (V26). */
class OverlayLayoutSnapshotTest {

    /** Overlay text is 13 px; its lines are about 17 px apart below a 6 px margin. */
    private static final int LINE = 17;
    private static final int MARGIN = 6;

    private static DemoArchive demo;

    @BeforeAll
    static void createDemo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void closeDemo() {
        demo.close();
    }

    @Test
    void theStudyLinesMovedToTheBottomRightForCtAreDrawnThere() throws Exception {
        DicomImage image = DicomImage.read(demo.firstFile(DemoStudy.CURRENT_CT));
        OverlayLayouts moved = OverlayLayouts.BUILT_IN.with("CT", OverlayLayout.BUILT_IN
                .with(OverlayLayout.Corner.TOP_RIGHT, List.of(OverlayField.STUDY_DATE_TIME))
                .with(OverlayLayout.Corner.BOTTOM_RIGHT, List.of(OverlayField.STUDY_DESCRIPTION,
                        OverlayField.ACCESSION, OverlayField.WINDOW, OverlayField.ZOOM)));
        Path asBuilt = demo.home.resolve("built-in.png");
        Path asMoved = demo.home.resolve("moved.png");

        ViewportSnapshot.writePng(image, 0, 0, 1, null, Locale.ENGLISH, OverlayLayouts.BUILT_IN, asBuilt);
        ViewportSnapshot.writePng(image, 0, 0, 1, null, Locale.ENGLISH, moved, asMoved);

        BufferedImage built = ImageIO.read(asBuilt.toFile());
        BufferedImage shown = ImageIO.read(asMoved.toFile());
        int w = built.getWidth();
        int h = built.getHeight();
        // top right, second and third lines: description and accession there only in the built-in layout
        int topBuilt = textPixels(built, w / 2, MARGIN + LINE, w / 2, 2 * LINE);
        int topMoved = textPixels(shown, w / 2, MARGIN + LINE, w / 2, 2 * LINE);
        assertThat(topMoved).isLessThan(topBuilt - 20);
        // bottom right, above the window and zoom lines: the two moved lines
        int bottomBuilt = textPixels(built, w / 2, h - MARGIN - 4 * LINE + 4, w / 2, 2 * LINE - 6);
        int bottomMoved = textPixels(shown, w / 2, h - MARGIN - 4 * LINE + 4, w / 2, 2 * LINE - 6);
        assertThat(bottomMoved).isGreaterThan(bottomBuilt + 20);
    }

    /**
     * Pixels of overlay text (#e6e2c8, warmer than any grey of the image) in a region: the image
     * itself is grey, red equal to blue.
     */
    private static int textPixels(BufferedImage png, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = png.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) - (rgb & 0xFF) >= 15) {
                    n++;
                }
            }
        }
        return n;
    }
}
