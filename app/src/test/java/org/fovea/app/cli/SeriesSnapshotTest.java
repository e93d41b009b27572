package org.fovea.app.cli;

import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.PixelInfo;
import org.fovea.render.WindowLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code snapshot --series UID --view ...} on the demo CT in a temporary FOVEA_HOME. */
class SeriesSnapshotTest {

    private static DemoArchive demo;
    private static String ct;
    private static String radiograph;

    @BeforeAll
    static void createDemo() throws Exception {
        demo = new DemoArchive();
        ct = demo.archive.series(demo.study(DemoStudy.CURRENT_CT).studyUid()).get(0).seriesUid();
        radiograph = demo.archive.series(demo.study(DemoStudy.CHEST_DR).studyUid()).get(0).seriesUid();
    }

    @AfterAll
    static void closeDemo() {
        demo.close();
    }

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = FoveaCommand.commandLine(demo.home);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void anAxialMipIsTheMaximumOfTheSourceSlicesItSpans() throws Exception {
        Path png = demo.home.resolve("mip.png");
        // through z = 0, a slice centre (slice 30 of 60 at 5 mm); 20 mm spans slices 28..32
        Run r = run("snapshot", "--series", ct, "--view", "mip:axial,20", "--at", "0,0,0", "--wl", "1000,300",
                "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();

        List<InstanceEntry> slices = demo.archive.instances(ct);
        Frame[] source = new Frame[5];
        PixelInfo info = null;
        for (int k = 28; k <= 32; k++) {
            DicomImage image = DicomImage.read(slices.get(k).file());
            source[k - 28] = image.frame(0);
            info = image.pixelInfo();
        }
        int w = source[0].columns(), h = source[0].rows();
        short[] max = new short[w * h];
        for (int p = 0; p < max.length; p++) {
            int m = Integer.MIN_VALUE;
            for (Frame f : source) {
                m = Math.max(m, f.storedValue(p % w, p / w));
            }
            max[p] = (short) m;
        }
        int[] expected = new int[w * h];
        new FrameRenderer().render(Frame.grayscale(w, h, max, source[0].signed(), 16), info,
                new WindowLevel(1000, 300), false, expected);

        BufferedImage ours = ImageIO.read(png.toFile());
        assertThat(ours.getWidth()).isEqualTo(w);
        assertThat(ours.getHeight()).isEqualTo(h);
        int differing = 0;
        for (int p = 0; p < expected.length; p++) {
            if ((ours.getRGB(p % w, p / w) & 0xFFFFFF) != (expected[p] & 0xFFFFFF)) {
                differing++;
            }
        }
        assertThat(differing).as("pixels differing from the independent maximum").isZero();
    }

    @Test
    void aVolumeRenderingIsWrittenAtItsSizeAndRemovingBoneAndTableHidesMostOfIt() throws Exception {
        Path png = demo.home.resolve("vr.png");
        Run r = run("snapshot", "--series", ct, "--view", "vr:ct-bone", "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage vr = ImageIO.read(png.toFile());
        assertThat(vr.getWidth()).isEqualTo(VolumeSnapshot.SIZE);
        int lit = lit(vr);
        assertThat(lit).as("sampled pixels showing bone").isGreaterThan(200);

        Path removed = demo.home.resolve("vr-removed.png");
        Run r2 = run("snapshot", "--series", ct, "--view", "vr:ct-bone", "--remove", "bone,table", "--out",
                removed.toString());
        assertThat(r2.code()).as(r2.err()).isZero();
        assertThat(lit(ImageIO.read(removed.toFile()))).isLessThan(lit / 2);
    }

    private static int lit(BufferedImage vr) {
        int lit = 0;
        for (int y = 0; y < vr.getHeight(); y += 4) {
            for (int x = 0; x < vr.getWidth(); x += 4) {
                int p = vr.getRGB(x, y);
                if (((p >> 16) & 0xFF) + ((p >> 8) & 0xFF) + (p & 0xFF) > 60) {
                    lit++;
                }
            }
        }
        return lit;
    }

    @Test
    void anObliqueWithOverlaysIsWritten() throws Exception {
        Path png = demo.home.resolve("oblique.png");
        Run r = run("snapshot", "--series", ct, "--view", "oblique:30,0", "--overlay", "--lang", "en",
                "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(100);
    }

    @Test
    void badViewsAndNonVolumesGetOneLineReasons() {
        Run bad = run("snapshot", "--series", ct, "--view", "mip:sideways,10", "--out", "x.png");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--view expects").contains("mip:sideways,10");

        Run dx = run("snapshot", "--series", radiograph, "--view", "coronal", "--out",
                demo.home.resolve("dx.png").toString());
        assertThat(dx.code()).isNotZero();
        assertThat(dx.err()).contains("cannot be shown in 3D").contains("3D needs at least 3 slices");

        Run missing = run("snapshot", "--series", "1.2.3.4", "--out", demo.home.resolve("m.png").toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("1.2.3.4").contains("not in the local archive");
    }
}
