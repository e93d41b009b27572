package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ByteFrameSource;
import com.pixelmed.dicom.CompressedFrameDecoder;
import com.pixelmed.dicom.TagFromName;
import org.fovea.render.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.color.ColorSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every file of the transfer-syntax corpus either decodes to the stored values DCMTK decodes,
 * or is refused with a message naming its transfer syntax.
 */
class TransferSyntaxDecodingTest {
    private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    /**
     * Largest difference allowed per colour channel for lossy JPEG: none. The JDK's ImageIO
     * reader and DCMTK's dcmdjpeg both embed IJG libjpeg 6b (islow IDCT, fancy upsampling, the
     * same YCbCr tables), and on the corpus file every sample agrees exactly; a different IDCT
     * would show up here first, and then the allowance belongs in this constant with its reason.
     */
    private static final int LOSSY_TOLERANCE = 0;

    @TempDir
    Path tmp;

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.dir("transfer-syntaxes"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(13);
            return list.stream();
        }
    }

    private static String uidOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".dcm".length());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void decodesLikeDcmtkOrRefusesNamingTheSyntax(Path file) throws Exception {
        String uid = uidOf(file);
        if (TransferSyntaxSupport.unsupportedReason(uid).isPresent()) {
            assertThatThrownBy(() -> DicomImage.read(file))
                    .isInstanceOf(DicomReadException.class)
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining(TransferSyntaxSupport.describe(uid));
            return;
        }
        DicomImage image = DicomImage.read(file);
        assertThat(image.transferSyntaxUid()).isEqualTo(uid);
        assertThat(image.header().transferSyntaxUid()).isEqualTo(uid);

        Dcmtk.Dump reference = Dcmtk.dump(Dcmtk.uncompressed(file, uid, tmp), tmp);
        int rows = reference.integer("0028,0010", 0);
        int columns = reference.integer("0028,0011", 0);
        int frames = reference.integer("0028,0008", 1);
        assertThat(image.rows()).isEqualTo(rows);
        assertThat(image.columns()).isEqualTo(columns);
        assertThat(image.frameCount()).isEqualTo(frames);
        int tolerance = uid.equals(JPEG_BASELINE) ? LOSSY_TOLERANCE : 0;
        for (int f = 0; f < frames; f++) {
            Frame frame = image.frame(f);
            int[] expected = StoredValues.of(reference, f);
            int[] actual = StoredValues.of(frame);
            assertThat(actual).hasSameSizeAs(expected);
            int worst = StoredValues.maxDifference(expected, actual, frame.kind() == Frame.Kind.RGB);
            assertThat(worst).as("largest difference from DCMTK in frame %d of %s", f, file.getFileName())
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    /** Decoding into a segment of a series' array gives the same stored values as {@link DicomImage#frame}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void frameIntoASegmentMatchesFrame(Path file) throws Exception {
        if (TransferSyntaxSupport.unsupportedReason(uidOf(file)).isPresent()) {
            return;
        }
        DicomImage kept = DicomImage.read(file);
        if (kept.colour()) {
            return;
        }
        DicomImage into = DicomImage.read(file);
        int n = into.columns() * into.rows();
        short[] shared = new short[into.frameCount() * n + 1];
        for (int f = into.frameCount() - 1; f >= 0; f--) {
            Frame view = into.frameInto(f, shared, 1 + f * n);
            // Arrays.mismatch: AssertJ's containsExactly is quadratic on a whole frame
            assertThat(java.util.Arrays.mismatch(StoredValues.of(view), StoredValues.of(kept.frame(f))))
                    .as("first pixel of frame %d of %s that differs", f, file.getFileName()).isEqualTo(-1);
        }
        assertThat(shared[0]).as("the value before the first segment").isZero();
    }

    /**
     * The refusals are real: PixelMed, with every ImageIO reader on our class path, cannot
     * decompress these files. If a codec is added, this fails and the capability list must grow.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedSyntaxesHaveNoDecoderInPixelMedOrImageIo(Path file) throws Exception {
        String uid = uidOf(file);
        if (TransferSyntaxSupport.unsupportedReason(uid).isEmpty()) {
            return;
        }
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        list.read(file.toFile());
        Attribute pixels = list.get(TagFromName.PixelData);
        assertThat(pixels).isInstanceOf(ByteFrameSource.class);
        Throwable failure = catchThrowable(() -> new CompressedFrameDecoder(uid, (ByteFrameSource) pixels,
                (Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 16) + 7) / 8,
                Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0),
                Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0),
                Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1),
                ColorSpace.getInstance(ColorSpace.CS_GRAY)).getDecompressedFrameAsBufferedImage(0));
        assertThat(failure).as("PixelMed decoded %s, which Fovea refuses", file.getFileName()).isNotNull();
    }

    @Test
    void capabilitiesAreExactlyTheSyntaxesProvenHere() {
        Set<String> decoded = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2",
                "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.50",
                "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70");
        Set<String> refused = Set.of("1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81",
                "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.100",
                "1.2.840.10008.1.2.4.102", "1.2.840.10008.1.2.4.201");
        decoded.forEach(uid -> assertThat(DecoderCapabilities.decodes(uid)).as(uid).isTrue());
        refused.forEach(uid -> assertThat(DecoderCapabilities.decodes(uid)).as(uid).isFalse());
    }
}
