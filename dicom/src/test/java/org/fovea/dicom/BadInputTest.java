package org.fovea.dicom;

import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad files end in one DicomReadException that names the file and the reason, nothing else. */
class BadInputTest {
    @TempDir
    Path tmp;

    @Test
    void missingFile() {
        assertThatThrownBy(() -> DicomImage.read(tmp.resolve("gone.dcm")))
                .isInstanceOf(DicomReadException.class).hasMessage("gone.dcm: not a file");
    }

    @Test
    void notDicom() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "this is not an image, just some text\n".repeat(20));
        assertThatThrownBy(() -> DicomImage.read(file)).isInstanceOf(DicomReadException.class)
                .hasMessageStartingWith("notes.txt: ");
    }

    @Test
    void truncatedPixelData() {
        Path file = SyntheticDicom.gray(16, 16, 16, 12, false, "MONOCHROME2").words(new short[100]).write(tmp, "short.dcm");
        assertThatThrownBy(() -> DicomImage.read(file)).isInstanceOf(DicomReadException.class)
                .hasMessage("short.dcm: Pixel Data holds 200 bytes, but 16 x 16 pixels x 1 sample(s) x 16 bits x 1 frame(s)"
                        + " need 512");
    }

    @Test
    void truncatedFile() throws Exception {
        Path whole = SyntheticDicom.gray(64, 64, 16, 12, false, "MONOCHROME2").words(new short[4096]).write(tmp, "whole.dcm");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.dcm"), java.util.Arrays.copyOf(bytes, bytes.length - 3000));
        assertThatThrownBy(() -> DicomImage.read(cut)).isInstanceOf(DicomReadException.class)
                .hasMessageContaining("cut.dcm");
    }

    @Test
    void aFileCutAfterItsHeaderWasReadFailsOnItsFrameNamingIt() throws Exception {
        Path file = SyntheticDicom.gray(64, 64, 16, 12, false, "MONOCHROME2").words(new short[4096]).write(tmp, "later.dcm");
        DicomImage image = DicomImage.read(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3000));
        assertThatThrownBy(() -> image.frame(0)).isInstanceOf(DicomReadException.class)
                .hasMessageContaining("later.dcm").hasMessageContaining("pixel data");
    }

    @Test
    void noPixelData() {
        Path file = SyntheticDicom.gray(4, 4, 16, 12, false, "MONOCHROME2").write(tmp, "nopixels.dcm");
        assertThatThrownBy(() -> DicomImage.read(file)).isInstanceOf(DicomReadException.class)
                .hasMessage("nopixels.dcm: the file has no Pixel Data");
    }

    @Test
    void unsupportedBitsAllocated() {
        Path file = SyntheticDicom.gray(2, 2, 32, 32, false, "MONOCHROME2").words(new short[8]).write(tmp, "f32.dcm");
        assertThatThrownBy(() -> DicomImage.read(file)).isInstanceOf(DicomReadException.class)
                .hasMessageContaining("Bits Allocated 32");
    }

    @Test
    void zeroRescaleSlope() {
        Path file = SyntheticDicom.gray(2, 2, 16, 12, false, "MONOCHROME2").words(new short[4])
                .set(TagFromName.RescaleSlope, "0").write(tmp, "slope0.dcm");
        assertThatThrownBy(() -> DicomImage.read(file)).isInstanceOf(DicomReadException.class)
                .hasMessageContaining("Rescale Slope 0");
    }

    @Test
    void invalidWindowsAreLeftOutAndValidOnesKept() throws Exception {
        Path file = SyntheticDicom.gray(2, 2, 16, 12, false, "MONOCHROME2").words(new short[4])
                .set(TagFromName.WindowCenter, "40", "50").set(TagFromName.WindowWidth, "0", "350")
                .set(TagFromName.WindowCenterWidthExplanation, "BROKEN", "SOFT TISSUE").write(tmp, "win.dcm");
        assertThat(DicomImage.read(file).pixelInfo().headerVois()).containsExactly(
                new org.fovea.render.WindowLevel(350, 50, org.fovea.render.VoiFunction.LINEAR, "SOFT TISSUE"));
    }
}
