package org.fovea.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads uncompressed little-endian 16-bit Pixel Data straight into a frame's array, once
 * PixelMed has parsed the header up to the Pixel Data tag. PixelMed's own read of a 512x512
 * CT's pixel data goes through intermediate buffers that cost more than three times the file
 * read and leave garbage that slows a 300-slice stack further; this is one positioned channel
 * read per chunk into a reused buffer, then a bulk copy into the {@code short[]}, which may be
 * a segment of an array shared by a whole series. Only the plain case is taken (Implicit or
 * Explicit VR Little Endian, one 16-bit sample, a defined length that is exactly the image's
 * size and lies inside the file); everything else goes through PixelMed, and both paths are
 * checked value for value against DCMTK in the tests.
 *
 * <p>Where the words lie comes from the walk over the file's elements ({@link DataSetLayout}),
 * which has already refused a file whose Pixel Data does not fit in it; the words themselves are
 * read when a frame is asked for, into whichever array the caller wants them.
 */
final class NativePixelReader {

    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final int CHUNK = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN));

    private NativePixelReader() {
    }

    /** Where the plain pixel words of a file begin, and how many there are (all frames). */
    record Location(Path file, long start, long words) {
    }

    /** Where the words are, or null when this file is not the plain case. */
    static Location locate(Path file, DataSetLayout.PixelData pixels, String transferSyntax, PixelFormat format) {
        boolean plainSyntax = EXPLICIT_LE.equals(transferSyntax) || IMPLICIT_LE.equals(transferSyntax);
        if (!plainSyntax || pixels.encapsulated() || format.bitsAllocated() != 16 || format.samplesPerPixel() != 1) {
            return null;
        }
        long expectedBytes = 2L * format.pixelsPerFrame() * format.frames();
        // odd-sized or longer pixel data goes through PixelMed, which reads what is there
        if (pixels.length() != expectedBytes) {
            return null;
        }
        return new Location(file, pixels.valueOffset(), pixels.length() / 2);
    }

    /** Reads {@code count} words from word {@code fromWord} of the pixel data into {@code dst} at {@code offset}. */
    static void read(Location location, long fromWord, short[] dst, int offset, int count) throws IOException {
        if (fromWord < 0 || fromWord + count > location.words()) {
            throw new IndexOutOfBoundsException("words " + fromWord + ".." + (fromWord + count) + " of "
                    + location.words());
        }
        try (FileChannel ch = FileChannel.open(location.file(), StandardOpenOption.READ)) {
            ByteBuffer buf = BUFFERS.get();
            long at = location.start() + 2 * fromWord;
            int filled = 0;
            while (filled < count) {
                int n = (int) Math.min(CHUNK, 2L * (count - filled));
                buf.clear().limit(n);
                readFully(ch, buf, at);
                buf.flip();
                buf.asShortBuffer().get(dst, offset + filled, n / 2);
                filled += n / 2;
                at += n;
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, at);
            if (r < 0) {
                throw new EOFException("the file ends inside the pixel data");
            }
            at += r;
        }
    }
}
