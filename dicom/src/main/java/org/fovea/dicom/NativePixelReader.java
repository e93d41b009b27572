package org.fovea.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads uncompressed little-endian 16-bit Pixel Data straight into the frame's array, once
 * PixelMed has parsed the header up to the Pixel Data tag. PixelMed's own read of a 512x512
 * CT's pixel data goes through intermediate buffers that cost more than three times the file
 * read and leave garbage that slows a 300-slice stack further; this is one positioned channel
 * read per chunk into a reused buffer, then a bulk copy into the {@code short[]}. Only the
 * plain case is taken (Implicit or Explicit VR Little Endian, one 16-bit sample, a defined
 * length that is exactly the image's size); everything else returns null and goes through
 * PixelMed, and both paths are checked value for value against DCMTK in the tests.
 */
final class NativePixelReader {

    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final int CHUNK = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN));

    private NativePixelReader() {
    }

    /**
     * The pixel words of a file whose header PixelMed read up to {@code afterPixelDataTag} (the
     * offset just past the Pixel Data tag, as {@code AttributeList.read(stream, PixelData)}
     * returns it), or null when this file is not the plain case.
     */
    static short[] readWords(Path file, long afterPixelDataTag, String transferSyntax, PixelFormat format)
            throws IOException {
        boolean explicit = EXPLICIT_LE.equals(transferSyntax);
        if (!(explicit || IMPLICIT_LE.equals(transferSyntax)) || format.bitsAllocated() != 16
                || format.samplesPerPixel() != 1) {
            return null;
        }
        long expectedBytes = 2L * format.pixelsPerFrame() * format.frames();
        if (expectedBytes > Integer.MAX_VALUE) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = BUFFERS.get();
            long pos = afterPixelDataTag - 4;
            buf.clear().limit(explicit ? 12 : 8);
            if (!readFully(ch, buf, pos)) {
                return null;
            }
            buf.flip();
            if (buf.getShort(0) != (short) 0x7FE0 || buf.getShort(2) != (short) 0x0010) {
                return null;
            }
            long length;
            if (explicit) {
                if (buf.get(4) != 'O' || buf.get(5) != 'W') {
                    return null;
                }
                length = buf.getInt(8) & 0xFFFFFFFFL;
            } else {
                length = buf.getInt(4) & 0xFFFFFFFFL;
            }
            // an item's pixel data (an icon) or an encapsulated or odd-sized element is not ours
            if (length != expectedBytes) {
                return null;
            }
            short[] words = new short[(int) (expectedBytes / 2)];
            long at = pos + (explicit ? 12 : 8);
            int filled = 0;
            while (filled < words.length) {
                int n = (int) Math.min(CHUNK, 2L * (words.length - filled));
                buf.clear().limit(n);
                if (!readFully(ch, buf, at)) {
                    return null;
                }
                buf.flip();
                buf.asShortBuffer().get(words, filled, n / 2);
                filled += n / 2;
                at += n;
            }
            return words;
        }
    }

    private static boolean readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, at);
            if (r < 0) {
                return false;
            }
            at += r;
        }
        return true;
    }
}
