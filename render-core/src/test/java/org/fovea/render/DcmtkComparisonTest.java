package org.fovea.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the same stored values with {@link FrameRenderer} and with DCMTK's {@code dcmj2pnm}
 * and requires identical 8-bit gray levels. The DICOM files are written by DCMTK's
 * {@code dump2dcm} from a text dump, so render-core needs no DICOM library.
 *
 * <p>The test image is a 64 x 64 CT-like ramp: every stored value from -1024 to 3071 once,
 * rescale intercept -1024, so every HU from -2048 to 2047 passes through each window.
 */
class DcmtkComparisonTest {

    private static final int SIZE = 64;
    private static final PixelInfo CT = new PixelInfo(false, new Rescale(1, -1024, "HU"), List.of());
    private static final PixelInfo CT_MONO1 = new PixelInfo(true, new Rescale(1, -1024, "HU"), List.of());

    @TempDir
    Path dir;

    private Frame ramp;

    @BeforeEach
    void writeRamp() throws IOException {
        Dcmtk.require("dcmj2pnm", "dump2dcm");
        short[] stored = new short[SIZE * SIZE];
        ByteBuffer raw = ByteBuffer.allocate(stored.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < stored.length; i++) {
            stored[i] = (short) (i - 1024);
            raw.putShort(stored[i]);
        }
        Files.write(dir.resolve("ramp.raw"), raw.array());
        ramp = Frame.grayscale(SIZE, SIZE, stored, true, 16);
    }

    @Test
    void linearWindowsMatchIncludingThePresetsAndFractionalValues() throws Exception {
        Path dcm = ctFile("ct", "MONOCHROME2", "");
        double[][] windows = {{40, 400}, {-600, 1500}, {500, 2000}, {40, 80}, {50, 400}, {37.3, 355.5}, {0.5, 2}};
        for (double[] cw : windows) {
            byte[] dcmtk = dcmj2pnm(dcm, "+Ww", fmt(cw[0]), fmt(cw[1]));
            assertThat(new FrameRenderer().grayLevels(ramp, CT, new WindowLevel(cw[1], cw[0]), false))
                    .as("window centre %s width %s", cw[0], cw[1]).containsExactly(dcmtk);
        }
    }

    @Test
    void sigmoidMatches() throws Exception {
        Path dcm = ctFile("ct", "MONOCHROME2", "");
        WindowLevel w = new WindowLevel(400, 40, VoiFunction.SIGMOID, "");
        assertThat(new FrameRenderer().grayLevels(ramp, CT, w, false))
                .containsExactly(dcmj2pnm(dcm, "+Ww", "40", "400", "+Wfs"));
    }

    @Test
    void monochrome1AndInvertMatchForLinearAndSigmoid() throws Exception {
        Path mono1 = ctFile("mono1", "MONOCHROME1", "");
        Path mono2 = ctFile("ct", "MONOCHROME2", "");
        WindowLevel linear = new WindowLevel(400, 40);
        WindowLevel sigmoid = new WindowLevel(400, 40, VoiFunction.SIGMOID, "");
        FrameRenderer r = new FrameRenderer();
        assertThat(r.grayLevels(ramp, CT_MONO1, linear, false)).containsExactly(dcmj2pnm(mono1, "+Ww", "40", "400"));
        assertThat(r.grayLevels(ramp, CT_MONO1, sigmoid, false))
                .containsExactly(dcmj2pnm(mono1, "+Ww", "40", "400", "+Wfs"));
        assertThat(r.grayLevels(ramp, CT, linear, true)).containsExactly(dcmj2pnm(mono2, "+P", "+Ww", "40", "400"));
        assertThat(r.grayLevels(ramp, CT_MONO1, linear, true))
                .containsExactly(dcmj2pnm(mono1, "+P", "+Ww", "40", "400"));
    }

    @Test
    void headerWindowsAreUsedInOrder() throws Exception {
        Path dcm = ctFile("hdr", "MONOCHROME2", "(0028,1050) DS [40\\-600]\n(0028,1051) DS [400\\1500]\n");
        PixelInfo info = new PixelInfo(false, new Rescale(1, -1024, "HU"),
                List.of(new WindowLevel(400, 40), new WindowLevel(1500, -600)));
        assertThat(new FrameRenderer().grayLevels(ramp, info, null, false)).containsExactly(dcmj2pnm(dcm, "+Wi", "1"));
        assertThat(new FrameRenderer().grayLevels(ramp, info, info.headerVois().get(1), false))
                .containsExactly(dcmj2pnm(dcm, "+Wi", "2"));
    }

    @Test
    void withoutAnyWindowTheMinMaxWindowMatchesDcmj2pnmWm() throws Exception {
        Path dcm = ctFile("ct", "MONOCHROME2", "");
        assertThat(new FrameRenderer().grayLevels(ramp, CT, null, false)).containsExactly(dcmj2pnm(dcm, "+Wm"));
    }

    @Test
    void voiLutTableMatches() throws Exception {
        int[] data = voiLutData();
        Path dcm = ctFile("voilut", "MONOCHROME2", voiLutSequence(data));
        VoiLutTable lut = new VoiLutTable(-1200, data, 12, "");
        assertThat(new FrameRenderer().grayLevels(ramp, CT, lut, false)).containsExactly(dcmj2pnm(dcm, "+Wl", "1"));
    }

    @Test
    void invertedVoiLutTableIsWithinOneGrayLevelOfDcmtk() throws Exception {
        // DCMTK scales an inverted VOI LUT over 255..1 (output range high - low + 1 = -254), so its
        // darkest level is 1; Fovea mirrors the upright image exactly and reaches 0
        int[] data = voiLutData();
        Path dcm = ctFile("voilut1", "MONOCHROME1", voiLutSequence(data));
        byte[] dcmtk = dcmj2pnm(dcm, "+Wl", "1");
        byte[] fovea = new FrameRenderer().grayLevels(ramp, CT_MONO1, new VoiLutTable(-1200, data, 12, ""), false);
        int worst = 0;
        for (int i = 0; i < fovea.length; i++) {
            worst = Math.max(worst, Math.abs((fovea[i] & 0xFF) - (dcmtk[i] & 0xFF)));
        }
        assertThat(worst).isEqualTo(1);
        assertThat(fovea[fovea.length - 1] & 0xFF).isZero();
        assertThat(dcmtk[dcmtk.length - 1] & 0xFF).isEqualTo(1);
    }

    @Test
    void paletteColourMatches() throws Exception {
        int entries = 200;
        int[][] channels = new int[3][entries];
        for (int i = 0; i < entries; i++) {
            channels[0][i] = (i * 327 + 200) & 0xFFFF;
            channels[1][i] = 65535 - i * 300;
            channels[2][i] = i * 256 + 255;
        }
        byte[] indices = new byte[256];
        short[] values = new short[256];
        for (int i = 0; i < 256; i++) { indices[i] = (byte) i; values[i] = (short) i; }
        Files.write(dir.resolve("idx.raw"), indices);
        StringBuilder dump = new StringBuilder(header(16, 16, "PALETTE COLOR", 8, false));
        String[] names = {"r", "g", "b"};
        for (int c = 0; c < 3; c++) {
            writeWords(dir.resolve(names[c] + ".raw"), channels[c]);
            dump.append(String.format("(0028,110%d) US %d\\10\\16%n", c + 1, entries));
            dump.append(String.format("(0028,120%d) OW =%s.raw%n", c + 1, names[c]));
        }
        dump.append("(7fe0,0010) OB =idx.raw\n");
        Path dcm = dump2dcm("pal", dump.toString());
        Path ppm = dir.resolve("pal.ppm");
        Dcmtk.run(dir, "dcmj2pnm", dcm.toString(), ppm.toString());
        byte[] rgbs = Dcmtk.readPnm(ppm, 16, 16, 3);
        int[] argb = new int[256];
        Frame f = Frame.palette(16, 16, values, false, 8, new PaletteLut(10, 16, channels[0], channels[1], channels[2]));
        new FrameRenderer().render(f, new PixelInfo(false, null, null), null, false, argb);
        for (int i = 0; i < 256; i++) {
            int rgb = (rgbs[3 * i] & 0xFF) << 16 | (rgbs[3 * i + 1] & 0xFF) << 8 | (rgbs[3 * i + 2] & 0xFF);
            assertThat(argb[i]).as("index %d", i).isEqualTo(0xFF000000 | rgb);
        }
    }

    private static int[] voiLutData() {
        // a non-linear (square-root) curve over 1000 inputs starting at -1200 HU, 12-bit entries
        int[] data = new int[1000];
        for (int i = 0; i < data.length; i++) data[i] = (int) Math.round(Math.sqrt(i / 999.0) * 4095);
        return data;
    }

    private String voiLutSequence(int[] data) throws IOException {
        writeWords(dir.resolve("voi.raw"), data);
        // the first mapped value -1200 is written as its 16-bit two's complement in a US descriptor
        return "(0028,3010) SQ (Sequence with undefined length #=1)\n"
                + "  (fffe,e000) na (Item with undefined length #=2)\n"
                + "    (0028,3002) US " + data.length + "\\" + (-1200 & 0xFFFF) + "\\12\n"
                + "    (0028,3006) OW =voi.raw\n"
                + "  (fffe,e00d) na (ItemDelimitationItem)\n"
                + "(fffe,e0dd) na (SequenceDelimitationItem)\n";
    }

    private Path ctFile(String name, String photometric, String extra) throws Exception {
        String dump = header(SIZE, SIZE, photometric, 16, true)
                + "(0028,1052) DS [-1024]\n(0028,1053) DS [1]\n(0028,1054) LO [HU]\n"
                + extra + "(7fe0,0010) OW =ramp.raw\n";
        return dump2dcm(name, dump);
    }

    private static String header(int columns, int rows, String photometric, int bits, boolean signed) {
        return "(0008,0016) UI =SecondaryCaptureImageStorage\n"
                + "(0008,0018) UI [1.2.826.0.1.3680043.2.1125.99.1]\n"
                + "(0008,0060) CS [CT]\n"
                + "(0028,0002) US 1\n"
                + "(0028,0004) CS [" + photometric + "]\n"
                + "(0028,0010) US " + rows + "\n"
                + "(0028,0011) US " + columns + "\n"
                + "(0028,0100) US " + bits + "\n"
                + "(0028,0101) US " + bits + "\n"
                + "(0028,0102) US " + (bits - 1) + "\n"
                + "(0028,0103) US " + (signed ? 1 : 0) + "\n";
    }

    private Path dump2dcm(String name, String dump) throws Exception {
        Path txt = dir.resolve(name + ".txt");
        Path dcm = dir.resolve(name + ".dcm");
        Files.writeString(txt, dump);
        Dcmtk.run(dir, "dump2dcm", "-q", "+te", txt.toString(), dcm.toString());
        return dcm;
    }

    private byte[] dcmj2pnm(Path dcm, String... options) throws Exception {
        Path pgm = dir.resolve(dcm.getFileName() + "-" + String.join("_", options) + ".pgm");
        List<String> args = new ArrayList<>(List.of("+op"));
        args.addAll(List.of(options));
        args.add(dcm.toString());
        args.add(pgm.toString());
        Dcmtk.run(dir, "dcmj2pnm", args.toArray(String[]::new));
        return Dcmtk.readPnm(pgm, SIZE, SIZE, 1);
    }

    private static void writeWords(Path file, int[] words) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) b.putShort((short) w);
        Files.write(file, b.array());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
