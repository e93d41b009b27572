package org.fovea.dicom;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.PaletteLut;
import org.fovea.testsupport.Pnm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stored values and colours of the pixel layouts the corpus lacks, checked by value and against DCMTK. */
class PixelDecodingTest {
    @TempDir
    Path tmp;

    @Test
    void unsignedBitsStoredMasksTheHighBits() throws Exception {
        short[] words = {(short) 0xF123, (short) 0x0FFF, (short) 0xA000, 0x0001};
        Path file = SyntheticDicom.gray(2, 2, 16, 12, false, "MONOCHROME2").words(words).write(tmp, "u12.dcm");
        Frame frame = DicomImage.read(file).frame(0);
        assertThat(StoredValues.of(frame)).containsExactly(0x123, 0xFFF, 0, 1);
        assertThat(frame.signed()).isFalse();
        assertThat(frame.bitsStored()).isEqualTo(12);
    }

    @Test
    void signedValuesAreSignExtendedFromBitsStored() throws Exception {
        short[] words = {(short) 0x0FFF, (short) 0x0800, (short) 0xF7FF, (short) 0x8005};
        Path file = SyntheticDicom.gray(2, 2, 16, 12, true, "MONOCHROME2").words(words).write(tmp, "s12.dcm");
        assertThat(StoredValues.of(DicomImage.read(file).frame(0))).containsExactly(-1, -2048, 2047, 5);
    }

    @Test
    void highBitBelowTheTopShiftsTheStoredBits() throws Exception {
        short[] words = {(short) 0x1FF8, (short) 0x0010, (short) 0xE007, 0};
        Path file = SyntheticDicom.gray(2, 2, 16, 10, false, "MONOCHROME2").set(TagFromName.HighBit, 12)
                .words(words).write(tmp, "hb.dcm");
        // bits 3..12 hold the value
        assertThat(StoredValues.of(DicomImage.read(file).frame(0))).containsExactly(0x3FF, 2, 0, 0);
    }

    @Test
    void signed16BitInEveryUncompressedSyntaxMatchesDcmtk() throws Exception {
        Random random = new Random(3);
        short[] words = new short[40 * 30];
        for (int i = 0; i < words.length; i++) words[i] = (short) random.nextInt();
        for (String ts : new String[]{SyntheticDicom.EXPLICIT_LE, SyntheticDicom.IMPLICIT_LE, SyntheticDicom.EXPLICIT_BE}) {
            Path file = SyntheticDicom.gray(40, 30, 16, 16, true, "MONOCHROME2").words(words).write(tmp, ts + ".dcm", ts);
            DicomImage image = DicomImage.read(file);
            assertThat(image.transferSyntaxUid()).isEqualTo(ts);
            int[] ours = StoredValues.of(image.frame(0));
            for (int i = 0; i < words.length; i++) assertThat(ours[i]).isEqualTo(words[i]);
            Dcmtk.Dump dcmtk = Dcmtk.dump(Dcmtk.uncompressed(file, ts, tmp), tmp);
            assertThat(ours).as(ts).containsExactly(StoredValues.of(dcmtk, 0));
        }
    }

    @Test
    void eightBitGrayInImplicitVrIsReadFromItsWordEncoding() throws Exception {
        byte[] bytes = new byte[16];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 17);
        Path file = SyntheticDicom.gray(4, 4, 8, 8, false, "MONOCHROME2").bytes(bytes)
                .write(tmp, "gray8.dcm", SyntheticDicom.IMPLICIT_LE);
        int[] ours = StoredValues.of(DicomImage.read(file).frame(0));
        for (int i = 0; i < bytes.length; i++) assertThat(ours[i]).isEqualTo(i * 17);
        assertThat(ours).containsExactly(StoredValues.of(Dcmtk.dump(file, tmp), 0));
    }

    @Test
    void multiFrameKeepsEachFrameApart() throws Exception {
        short[] words = new short[3 * 8 * 8];
        for (int i = 0; i < words.length; i++) words[i] = (short) (i / 64 * 1000 + i % 64);
        Path file = SyntheticDicom.gray(8, 8, 16, 16, false, "MONOCHROME2").set(TagFromName.NumberOfFrames, "3")
                .words(words).write(tmp, "mf.dcm");
        DicomImage image = DicomImage.read(file);
        assertThat(image.frameCount()).isEqualTo(3);
        assertThat(image.header().numberOfFrames()).isEqualTo(3);
        for (int f = 0; f < 3; f++) {
            assertThat(image.frame(f).storedValue(5, 2)).isEqualTo(f * 1000 + 21);
        }
        assertThat(image.frame(2)).isSameAs(image.frame(2));
    }

    /**
     * Decodes frame {@code f} of a freshly read image into the middle of a larger array whose
     * other values are a sentinel, checks the sentinel survives on both sides, and returns the
     * segment's stored values.
     */
    private static int[] decodedIntoASegment(Path file, int f) throws Exception {
        DicomImage image = DicomImage.read(file);
        int n = image.columns() * image.rows();
        short[] shared = new short[n + 20];
        java.util.Arrays.fill(shared, (short) 0x5A5A);
        Frame view = image.frameInto(f, shared, 7);
        assertThat(view.values()).isSameAs(shared);
        assertThat(view.offset()).isEqualTo(7);
        for (int i = 0; i < 7; i++) assertThat(shared[i]).as("before the segment").isEqualTo((short) 0x5A5A);
        for (int i = 7 + n; i < shared.length; i++) assertThat(shared[i]).as("after the segment").isEqualTo((short) 0x5A5A);
        return StoredValues.of(view);
    }

    @Test
    void frameIntoASegmentGivesTheStoredValuesOfFrameInEveryLayout() throws Exception {
        Random random = new Random(5);
        short[] words = new short[3 * 24 * 16];
        for (int i = 0; i < words.length; i++) words[i] = (short) random.nextInt();
        byte[] bytes = randomBytes(24 * 16, 6);
        List<Path> files = new java.util.ArrayList<>();
        for (String ts : new String[]{SyntheticDicom.EXPLICIT_LE, SyntheticDicom.IMPLICIT_LE, SyntheticDicom.EXPLICIT_BE}) {
            files.add(SyntheticDicom.gray(24, 16, 16, 12, true, "MONOCHROME2").words(words)
                    .set(TagFromName.NumberOfFrames, "3").write(tmp, "s12-" + ts + ".dcm", ts));
            files.add(SyntheticDicom.gray(24, 16, 16, 10, false, "MONOCHROME2").set(TagFromName.HighBit, 12)
                    .words(java.util.Arrays.copyOf(words, 24 * 16)).write(tmp, "hb-" + ts + ".dcm", ts));
            files.add(SyntheticDicom.gray(24, 16, 16, 16, true, "MONOCHROME2")
                    .words(java.util.Arrays.copyOf(words, 24 * 16)).write(tmp, "s16-" + ts + ".dcm", ts));
            files.add(SyntheticDicom.gray(24, 16, 8, 7, false, "MONOCHROME1").bytes(bytes)
                    .write(tmp, "u7-" + ts + ".dcm", ts));
        }
        files.add(palette("pal-into.dcm", 16, 100, 200));
        for (Path file : files) {
            DicomImage image = DicomImage.read(file);
            for (int f = 0; f < image.frameCount(); f++) {
                int[] expected = StoredValues.of(image.frame(f));
                assertThat(decodedIntoASegment(file, f)).as("%s frame %d", file.getFileName(), f)
                        .containsExactly(expected);
                // a frame the image already keeps is copied into the segment
                short[] copy = new short[expected.length + 3];
                assertThat(StoredValues.of(image.frameInto(f, copy, 3))).as("%s frame %d copied", file.getFileName(), f)
                        .containsExactly(expected);
            }
        }
    }

    @Test
    void frameIntoKeepsNothingAndRefusesColourAndSegmentsThatDoNotFit() throws Exception {
        Path gray = SyntheticDicom.gray(4, 4, 16, 12, false, "MONOCHROME2").words(new short[16]).write(tmp, "g.dcm");
        DicomImage image = DicomImage.read(gray);
        short[] shared = new short[16];
        Frame view = image.frameInto(0, shared, 0);
        assertThat(image.frame(0)).isNotSameAs(view);
        assertThat(image.frame(0).values()).isNotSameAs(shared);
        assertThatThrownBy(() -> image.frameInto(0, new short[20], 5)).isInstanceOf(IndexOutOfBoundsException.class);

        Path rgb = SyntheticDicom.colour(4, 4, "RGB", 0).bytes(new byte[48]).write(tmp, "c.dcm");
        DicomImage colour = DicomImage.read(rgb);
        assertThat(colour.colour()).isTrue();
        assertThat(image.colour()).isFalse();
        assertThatThrownBy(() -> colour.frameInto(0, new short[16], 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private void assertSameColoursAsDcmtk(Path file) throws Exception {
        Frame frame = DicomImage.read(file).frame(0);
        assertThat(frame.kind()).isEqualTo(Frame.Kind.RGB);
        Pnm ppm = Dcmtk.render(file, tmp);
        assertThat(ppm.channels()).isEqualTo(3);
        int[] rgb = frame.rgbPixels();
        int differing = 0;
        for (int i = 0; i < frame.columns() * frame.rows(); i++) {
            int theirs = (ppm.samples()[3 * i] & 0xFF) << 16 | (ppm.samples()[3 * i + 1] & 0xFF) << 8 | ppm.samples()[3 * i + 2] & 0xFF;
            if (theirs != rgb[i]) differing++;
        }
        assertThat(differing).as("pixels whose colour differs from dcmj2pnm for %s", file.getFileName()).isZero();
    }

    @Test
    void rgbInBothPlanarConfigurations() throws Exception {
        byte[] interleaved = randomBytes(16 * 8 * 3, 1);
        byte[] planar = new byte[interleaved.length];
        int n = 16 * 8;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) planar[c * n + i] = interleaved[3 * i + c];
        }
        Path p0 = SyntheticDicom.colour(16, 8, "RGB", 0).bytes(interleaved).write(tmp, "rgb0.dcm");
        Path p1 = SyntheticDicom.colour(16, 8, "RGB", 1).bytes(planar).write(tmp, "rgb1.dcm");
        int[] a = DicomImage.read(p0).frame(0).rgbPixels();
        assertThat(DicomImage.read(p1).frame(0).rgbPixels()).containsExactly(a);
        assertThat(a[1]).isEqualTo((interleaved[3] & 0xFF) << 16 | (interleaved[4] & 0xFF) << 8 | interleaved[5] & 0xFF);
        assertSameColoursAsDcmtk(p0);
        assertSameColoursAsDcmtk(p1);
    }

    @Test
    void ybrFullConvertsLikeDcmtk() throws Exception {
        assertSameColoursAsDcmtk(SyntheticDicom.colour(64, 64, "YBR_FULL", 0).bytes(randomBytes(64 * 64 * 3, 2))
                .write(tmp, "ybr0.dcm"));
        assertSameColoursAsDcmtk(SyntheticDicom.colour(64, 64, "YBR_FULL", 1).bytes(randomBytes(64 * 64 * 3, 3))
                .write(tmp, "ybr1.dcm"));
    }

    @Test
    void ybrFull422ConvertsLikeDcmtk() throws Exception {
        assertSameColoursAsDcmtk(SyntheticDicom.colour(64, 64, "YBR_FULL_422", 0).bytes(randomBytes(64 * 64 * 2, 4))
                .write(tmp, "ybr422.dcm"));
    }

    private Path palette(String name, int bits, int first, int entries) {
        int[] r = new int[entries], g = new int[entries], b = new int[entries];
        int max = (1 << bits) - 1;
        for (int i = 0; i < entries; i++) {
            r[i] = max * i / (entries - 1);
            g[i] = max - r[i];
            b[i] = (max * ((i * 7) % entries)) / (entries - 1);
        }
        short[] indices = new short[32 * 32];
        for (int i = 0; i < indices.length; i++) indices[i] = (short) (first - 5 + i % (entries + 10));
        return SyntheticDicom.gray(32, 32, 16, 16, false, "PALETTE COLOR").words(indices)
                .set(TagFromName.RedPaletteColorLookupTableDescriptor, entries, first, bits)
                .set(TagFromName.GreenPaletteColorLookupTableDescriptor, entries, first, bits)
                .set(TagFromName.BluePaletteColorLookupTableDescriptor, entries, first, bits)
                .put(SyntheticDicom.lutData(TagFromName.RedPaletteColorLookupTableData, r))
                .put(SyntheticDicom.lutData(TagFromName.GreenPaletteColorLookupTableData, g))
                .put(SyntheticDicom.lutData(TagFromName.BluePaletteColorLookupTableData, b))
                .write(tmp, name);
    }

    @Test
    void paletteColourWith16BitEntriesRendersLikeDcmtk() throws Exception {
        assertPaletteLikeDcmtk(palette("pal16.dcm", 16, 100, 200), 16, 100, 200);
    }

    @Test
    void paletteColourWith8BitEntriesRendersLikeDcmtk() throws Exception {
        assertPaletteLikeDcmtk(palette("pal8.dcm", 8, 0, 256), 8, 0, 256);
    }

    private void assertPaletteLikeDcmtk(Path file, int bits, int first, int entries) throws Exception {
        Frame frame = DicomImage.read(file).frame(0);
        assertThat(frame.kind()).isEqualTo(Frame.Kind.PALETTE);
        PaletteLut lut = frame.palette();
        assertThat(lut.bitsPerEntry()).isEqualTo(bits);
        assertThat(lut.firstMapped()).isEqualTo(first);
        assertThat(lut.red()).hasSize(entries);
        int[] argb = new int[32 * 32];
        new FrameRenderer().render(frame, DicomImage.read(file).pixelInfo(), null, false, argb);
        Pnm ppm = Dcmtk.render(file, tmp);
        int differing = 0;
        for (int i = 0; i < argb.length; i++) {
            int theirs = (ppm.samples()[3 * i] & 0xFF) << 16 | (ppm.samples()[3 * i + 1] & 0xFF) << 8 | ppm.samples()[3 * i + 2] & 0xFF;
            if (theirs != (argb[i] & 0xFFFFFF)) differing++;
        }
        assertThat(differing).as("palette pixels differing from dcmj2pnm").isZero();
    }

    @Test
    void segmentedPaletteIsRefusedWithTheReason() {
        Path file = SyntheticDicom.gray(4, 4, 8, 8, false, "PALETTE COLOR").bytes(new byte[16])
                .set(TagFromName.RedPaletteColorLookupTableDescriptor, 256, 0, 8)
                .put(SyntheticDicom.lutData(new AttributeTag(0x0028, 0x1221), new int[]{0, 2, 255}))
                .write(tmp, "segmented.dcm");
        assertThatThrownBy(() -> DicomImage.read(file)).isInstanceOf(DicomReadException.class)
                .hasMessageContaining("segmented.dcm").hasMessageContaining("segmented palette");
    }
}
