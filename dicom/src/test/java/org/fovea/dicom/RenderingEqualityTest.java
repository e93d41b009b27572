package org.fovea.dicom;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import org.fovea.render.Frame;
import org.fovea.render.FrameRenderer;
import org.fovea.render.ModalityLutTable;
import org.fovea.render.Voi;
import org.fovea.render.VoiFunction;
import org.fovea.render.VoiLutTable;
import org.fovea.render.WindowLevel;
import org.fovea.testsupport.Pnm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the radiologist sees: our decoded frame and header transformations, rendered by
 * render-core, give the same 8-bit gray levels as DCMTK's dcmj2pnm at the same VOI.
 */
class RenderingEqualityTest {
    private static final AttributeTag MODALITY_LUT_SEQUENCE = new AttributeTag(0x0028, 0x3000);

    @TempDir
    Path tmp;

    /** A 12-bit signed CT in 16-bit words, rubbish in the unused high bits, HU by rescale. */
    private Path ctLike(String name) {
        Random random = new Random(7);
        short[] words = new short[64 * 48];
        for (int i = 0; i < words.length; i++) {
            int stored = random.nextInt(4096) - 2048;
            words[i] = (short) ((stored & 0x0FFF) | (random.nextInt(16) << 12));
        }
        return SyntheticDicom.gray(64, 48, 16, 12, true, "MONOCHROME2").words(words)
                .set(TagFromName.RescaleIntercept, "-1024").set(TagFromName.RescaleSlope, "1")
                .set(TagFromName.RescaleType, "HU")
                .set(TagFromName.WindowCenter, "40", "-600").set(TagFromName.WindowWidth, "400", "1500")
                .set(TagFromName.WindowCenterWidthExplanation, "MEDIASTINUM", "LUNG")
                .write(tmp, name);
    }

    private static short[] ramp(int n, int lo, int hi) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) s[i] = (short) (lo + (long) (hi - lo) * i / (n - 1));
        return s;
    }

    private void assertSameAsDcmtk(Path file, Voi voi, String... dcmj2pnmOptions) throws Exception {
        DicomImage image = DicomImage.read(file);
        Frame frame = image.frame(0);
        byte[] ours = new FrameRenderer().grayLevels(frame, image.pixelInfo(), voi, false);
        Pnm theirs = Dcmtk.render(file, tmp, dcmj2pnmOptions);
        assertThat(theirs.channels()).isEqualTo(1);
        assertThat(theirs.width() * theirs.height()).isEqualTo(ours.length);
        int differing = 0, first = -1;
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != theirs.samples()[i]) {
                differing++;
                if (first < 0) first = i;
            }
        }
        assertThat(differing).as("pixels differing from dcmj2pnm %s (first at %d: stored %d, ours %d, DCMTK %d)",
                String.join(" ", dcmj2pnmOptions), first, first < 0 ? 0 : frame.storedValue(first % frame.columns(), first / frame.columns()),
                first < 0 ? 0 : ours[first] & 0xFF, first < 0 ? 0 : theirs.samples()[first] & 0xFF).isZero();
    }

    @Test
    void ctWithRescaleAndMaskedHighBitsInEachHeaderWindow() throws Exception {
        Path file = ctLike("ct.dcm");
        DicomImage image = DicomImage.read(file);
        assertThat(image.pixelInfo().headerVois()).hasSize(2);
        assertSameAsDcmtk(file, image.pixelInfo().headerVois().get(0), "+Wi", "1");
        assertSameAsDcmtk(file, image.pixelInfo().headerVois().get(1), "+Wi", "2");
        assertSameAsDcmtk(file, new WindowLevel(2000, 500), "+Ww", "500", "2000");
    }

    @Test
    void corpusCtSigned16Bit() throws Exception {
        Path file = Corpus.file("transfer-syntaxes", "1.2.840.10008.1.2.4.70.dcm");
        assertSameAsDcmtk(file, null, "+Wi", "1");
    }

    @Test
    void corpusCt12BitWithIntercept() throws Exception {
        Path file = Corpus.file("transfer-syntaxes", "1.2.840.10008.1.2.1.99.dcm");
        assertSameAsDcmtk(file, null, "+Wi", "1");
    }

    @Test
    void monochrome1ShowsTheMinimumWhite() throws Exception {
        Path file = SyntheticDicom.gray(32, 32, 16, 10, false, "MONOCHROME1").words(ramp(1024, 0, 1023))
                .set(TagFromName.WindowCenter, "512").set(TagFromName.WindowWidth, "1024").write(tmp, "mono1.dcm");
        DicomImage image = DicomImage.read(file);
        assertThat(image.pixelInfo().monochrome1()).isTrue();
        byte[] gray = new FrameRenderer().grayLevels(image.frame(0), image.pixelInfo(), null, false);
        assertThat(gray[0] & 0xFF).isEqualTo(255);
        assertSameAsDcmtk(file, null, "+Wi", "1");
    }

    @Test
    void sigmoidWindowFromTheHeader() throws Exception {
        Path file = SyntheticDicom.gray(32, 32, 16, 12, false, "MONOCHROME2").words(ramp(1024, 0, 4095))
                .set(TagFromName.WindowCenter, "2000").set(TagFromName.WindowWidth, "1200")
                .set(TagFromName.VOILUTFunction, "SIGMOID").write(tmp, "sigmoid.dcm");
        DicomImage image = DicomImage.read(file);
        assertThat(image.pixelInfo().headerVois()).singleElement()
                .isEqualTo(new WindowLevel(1200, 2000, VoiFunction.SIGMOID, ""));
        assertSameAsDcmtk(file, null, "+Wi", "1");
    }

    @Test
    void voiLutSequence() throws Exception {
        int[] table = new int[256];
        for (int i = 0; i < table.length; i++) table[i] = (int) Math.round(4095 * Math.sqrt(i / 255.0));
        Path file = SyntheticDicom.gray(32, 32, 16, 12, true, "MONOCHROME2").words(ramp(1024, -200, 400))
                .sequence(TagFromName.VOILUTSequence, SyntheticDicom.item(
                        TagFromName.LUTDescriptor, SyntheticDicom.descriptor(TagFromName.LUTDescriptor, 256, -50, 12, true),
                        TagFromName.LUTExplanation, "SQRT",
                        TagFromName.LUTData, SyntheticDicom.lutData(TagFromName.LUTData, table)))
                .write(tmp, "voilut.dcm");
        DicomImage image = DicomImage.read(file);
        assertThat(image.pixelInfo().headerVois()).singleElement().isInstanceOfSatisfying(VoiLutTable.class, t -> {
            assertThat(t.firstMapped()).isEqualTo(-50);
            assertThat(t.bitsPerEntry()).isEqualTo(12);
            assertThat(t.explanation()).isEqualTo("SQRT");
            assertThat(t.data()).containsExactly(table);
        });
        assertSameAsDcmtk(file, null, "+Wl", "1");
    }

    @Test
    void modalityLutSequence() throws Exception {
        int[] table = new int[1024];
        for (int i = 0; i < table.length; i++) table[i] = (i * i) >> 8;
        Path file = SyntheticDicom.gray(32, 32, 16, 10, false, "MONOCHROME2").words(ramp(1024, 0, 1023))
                .sequence(MODALITY_LUT_SEQUENCE, SyntheticDicom.item(
                        TagFromName.LUTDescriptor, SyntheticDicom.descriptor(TagFromName.LUTDescriptor, 1024, 0, 12, false),
                        new AttributeTag(0x0028, 0x3004), "OD",
                        TagFromName.LUTData, SyntheticDicom.lutData(TagFromName.LUTData, table)))
                .set(TagFromName.WindowCenter, "2048").set(TagFromName.WindowWidth, "4096")
                .write(tmp, "modlut.dcm");
        DicomImage image = DicomImage.read(file);
        assertThat(image.pixelInfo().modalityLut()).isInstanceOfSatisfying(ModalityLutTable.class, t -> {
            assertThat(t.type()).isEqualTo("OD");
            assertThat(t.data()).containsExactly(table);
        });
        assertSameAsDcmtk(file, null, "+Wi", "1");
    }
}
