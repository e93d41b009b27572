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
 * <p>Locating the words happens while the header is read, on the channel PixelMed reads from,
 * so that a truncated or unusual file is refused or handed to PixelMed at once; the words
 * themselves are read when a frame is asked for, into whichever array the caller wants them.
 */
final class NativePixelReader {

    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final int CHUNK = 1 << 20;
    /** Tag, VR, two reserved bytes and a 32-bit length: the longest element header of the plain case. */
    private static final int ELEMENT_HEADER = 12;
    private static final ThreadLocal<ByteBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN));

    private NativePixelReader() {
    }

    /** The bytes where PixelMed stopped (the Pixel Data element's header) and the file's size. */
    record Peek(long afterPixelDataTag, byte[] elementHeader, long fileSize) {
    }

    /** Where the plain pixel words of a file begin, and how many there are (all frames). */
    record Location(Path file, long start, long words) {
    }

    /**
     * Reads the element header that follows {@code afterPixelDataTag} (the offset just past the
     * Pixel Data tag, as {@code AttributeList.read(stream, PixelData)} returns it) on the
     * channel the header was parsed from; positioned reads leave PixelMed's stream untouched.
     */
    static Peek peek(FileChannel channel, long afterPixelDataTag) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(ELEMENT_HEADER);
        long at = afterPixelDataTag - 4;
        while (at >= 0 && buf.hasRemaining()) {
            int r = channel.read(buf, at);
            if (r < 0) {
                break;
            }
            at += r;
        }
        byte[] header = new byte[buf.position()];
        buf.flip().get(header);
        return new Peek(afterPixelDataTag, header, channel.size());
    }

    /** Where the words are, or null when this file is not the plain case. */
    static Location locate(Path file, Peek peek, String transferSyntax, PixelFormat format) {
        boolean explicit = EXPLICIT_LE.equals(transferSyntax);
        if (!(explicit || IMPLICIT_LE.equals(transferSyntax)) || format.bitsAllocated() != 16
                || format.samplesPerPixel() != 1) {
            return null;
        }
        int headerLength = explicit ? 12 : 8;
        if (peek.elementHeader().length < headerLength) {
            return null;
        }
        ByteBuffer header = ByteBuffer.wrap(peek.elementHeader()).order(ByteOrder.LITTLE_ENDIAN);
        if (header.getShort(0) != (short) 0x7FE0 || header.getShort(2) != (short) 0x0010) {
            return null;
        }
        long length;
        if (explicit) {
            if (header.get(4) != 'O' || header.get(5) != 'W') {
                return null;
            }
            length = header.getInt(8) & 0xFFFFFFFFL;
        } else {
            length = header.getInt(4) & 0xFFFFFFFFL;
        }
        long start = peek.afterPixelDataTag() - 4 + headerLength;
        long expectedBytes = 2L * format.pixelsPerFrame() * format.frames();
        // an item's pixel data (an icon), an encapsulated, odd-sized or cut-off element is not ours
        if (length != expectedBytes || start + length > peek.fileSize()) {
            return null;
        }
        return new Location(file, start, length / 2);
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
