package org.fovea.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Checks that a compressed image's first frame can be the size its header says, before anything
 * is decoded: a JPEG frame by its stream's start-of-frame marker, an RLE frame by what its bytes
 * can unfold to at most. A file whose Rows or Columns were changed would otherwise be stored and
 * fail only when opened ("decompressed to 512x512, the header says 65535x512"), or make the
 * decoder allocate a frame its data cannot fill.
 *
 * <p>Only the markers are walked, up to the first start of frame; decoding stays with the ImageIO
 * readers PixelMed picks. Those readers cannot answer this cheaply: pixelmed-imageio's JPEG
 * Lossless reader decodes the whole frame to answer {@code getWidth} (257 ms for the corpus's
 * 1024 x 1024 .57 file) and fails on anything less than the whole stream; the JDK's reader
 * refuses lossless streams ("Unsupported JPEG process: SOF type 0xc3") before giving a size.
 */
final class CompressedFrameHeader {

    /** Enough for the markers before a start of frame, tables and an ICC profile included. */
    private static final int HEAD = 256 * 1024;
    private static final String RLE = "1.2.840.10008.1.2.5";
    private static final Set<String> JPEG = Set.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51",
            "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70");

    private CompressedFrameHeader() {
    }

    static void check(Path file, String transferSyntax, PixelFormat format, DataSetLayout.PixelData pixels)
            throws DicomReadException {
        if (pixels.firstFragmentLength() <= 0) {
            return;
        }
        if (RLE.equals(transferSyntax)) {
            // an RLE frame is one fragment (PS3.5 A.4.2), and a two-byte packet repeats a byte at
            // most 128 times: a fragment cannot unfold to more than 64 times its size
            long most = 64 * pixels.firstFragmentLength();
            if (format.bytesPerFrame() > most) {
                throw new DicomReadException(file, "frame 1 holds " + DataSetLayout.grouped(pixels.firstFragmentLength())
                        + " bytes of RLE data, which cannot make the " + DataSetLayout.grouped(format.bytesPerFrame())
                        + " bytes of a " + format.columns() + " x " + format.rows() + " frame");
            }
            return;
        }
        if (!JPEG.contains(transferSyntax)) {
            return;
        }
        ByteBuffer head = read(file, pixels.firstFragmentOffset(), (int) Math.min(HEAD, pixels.firstFragmentLength()));
        int[] size = startOfFrame(head);
        if (size == null) {
            throw new DicomReadException(file, "frame 1 is not a JPEG stream with a start of frame");
        }
        if (size[0] != format.columns() || size[1] != format.rows()) {
            throw new DicomReadException(file, "frame 1 is " + size[0] + " x " + size[1] + " pixels, the header says "
                    + format.columns() + " x " + format.rows());
        }
        if (size[2] != format.samplesPerPixel()) {
            throw new DicomReadException(file, "frame 1 has " + size[2] + " colour components, the header says "
                    + format.samplesPerPixel() + " samples per pixel");
        }
    }

    /** Width, height and component count from the first SOFn marker (ITU T.81 B.2.2), or null. */
    private static int[] startOfFrame(ByteBuffer b) {
        if (b.remaining() < 2 || (b.get() & 0xFF) != 0xFF || (b.get() & 0xFF) != 0xD8) {
            return null;
        }
        while (b.remaining() >= 2) {
            if ((b.get() & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b.get() & 0xFF;
            while (marker == 0xFF && b.hasRemaining()) {
                marker = b.get() & 0xFF;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (b.remaining() < 2) {
                return null;
            }
            int length = b.getShort() & 0xFFFF;
            if (isStartOfFrame(marker)) {
                if (length < 8 || b.remaining() < 6) {
                    return null;
                }
                b.get();
                int height = b.getShort() & 0xFFFF;
                int width = b.getShort() & 0xFFFF;
                int components = b.get() & 0xFF;
                return new int[] {width, height, components};
            }
            if (marker == 0xDA || length < 2 || b.remaining() < length - 2) {
                return null;
            }
            b.position(b.position() + length - 2);
        }
        return null;
    }

    /** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static ByteBuffer read(Path file, long offset, int length) throws DicomReadException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                // positioned reads until the buffer is full or the file ends
            }
        } catch (IOException e) {
            throw new DicomReadException(file, "the compressed Pixel Data cannot be read (" + e.getMessage() + ")", e);
        }
        return buffer.flip();
    }
}
