package org.fovea.app.ui.viewer;

import org.fovea.dicom.DicomImage;
import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.WindowLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The headless snapshot: the viewer's viewport node at native size, called from a plain thread. */
class ViewportSnapshotTest {

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
    void writesTheRenderedFrameAtNativeSizeWithOverlays() throws Exception {
        DicomImage image = DicomImage.read(demo.firstFile(DemoStudy.CURRENT_CT));
        WindowLevel mediastinum = new WindowLevel(350, 40);
        Path out = demo.home.resolve("snapshot.png");

        ViewportSnapshot.writePng(image, 0, mediastinum, Locale.SIMPLIFIED_CHINESE, out);

        BufferedImage png = ImageIO.read(out.toFile());
        Frame frame = image.frame(0);
        assertThat(png.getWidth()).isEqualTo(frame.columns());
        assertThat(png.getHeight()).isEqualTo(frame.rows());
        int[] expected = new int[frame.columns() * frame.rows()];
        new FrameRenderer().render(frame, image.pixelInfo(0), mediastinum, false, expected);
        int cx = frame.columns() / 2;
        int cy = frame.rows() / 2;
        // the image centre carries no overlay: one image pixel per PNG pixel, same gray as the viewer
        assertThat(png.getRGB(cx, cy)).isEqualTo(expected[cy * frame.columns() + cx]);
        // the top-left corner is air (black) under the patient's name: overlay text lit pixels there
        assertThat(brightPixels(png, 0, 0, frame.columns() / 2, 14)).isGreaterThan(20);
    }

    private static int brightPixels(BufferedImage png, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if ((png.getRGB(x, y) & 0xFF) > 150) {
                    n++;
                }
            }
        }
        return n;
    }
}
