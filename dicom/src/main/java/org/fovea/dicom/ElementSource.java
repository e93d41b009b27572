package org.fovea.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes {@link DataSetLayout} walks: a file read through a window at explicit positions, so
 * that values are skipped by arithmetic, or an inflating stream for Deflated data sets, counted
 * up to a limit.
 */
abstract class ElementSource {

    abstract long position();

    /** How many bytes may still follow: exact for a file, the inflation limit for a stream. */
    abstract long remaining();

    abstract boolean atEnd() throws IOException;

    abstract int read1() throws IOException;

    final void readFully(byte[] b) throws IOException {
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) read1();
        }
    }

    abstract void skipFully(long n) throws IOException;

    final int u16le() throws IOException {
        int a = read1();
        return a | read1() << 8;
    }

    final int u16be() throws IOException {
        int a = read1();
        return a << 8 | read1();
    }

    final long u32le() throws IOException {
        return (u16le() | (long) u16le() << 16) & 0xFFFFFFFFL;
    }

    final long u32be() throws IOException {
        return ((long) u16be() << 16 | u16be()) & 0xFFFFFFFFL;
    }

    /**
     * Each thread's window, reused: a new 64 KB buffer per file (allocated and zeroed) was the
     * walk's main cost when importing small files. 8 KB holds nearly any header in one read.
     */
    private static final ThreadLocal<ByteBuffer> WINDOWS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(1 << 13));

    /** A file channel read through a window: a header is one read, and values are skipped by arithmetic. */
    static final class FileSource extends ElementSource {
        private final FileChannel channel;
        private final long size;
        private final ByteBuffer window = WINDOWS.get();
        private long windowStart;
        private long position;

        FileSource(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
            window.limit(0);
        }

        void seek(long to) {
            position = to;
        }

        int peekGroup() throws IOException {
            long at = position;
            int group = u16le();
            position = at;
            return group;
        }

        @Override
        long position() {
            return position;
        }

        @Override
        long remaining() {
            return size - position;
        }

        @Override
        boolean atEnd() {
            return position >= size;
        }

        @Override
        int read1() throws IOException {
            if (position < windowStart || position >= windowStart + window.limit()) {
                fill();
            }
            return window.get((int) (position++ - windowStart)) & 0xFF;
        }

        @Override
        void skipFully(long n) throws EOFException {
            if (n > size - position) {
                position = size;
                throw new EOFException();
            }
            position += n;
        }

        private void fill() throws IOException {
            if (position >= size) {
                throw new EOFException();
            }
            window.clear();
            windowStart = position;
            while (window.hasRemaining()) {
                if (channel.read(window, windowStart + window.position()) < 0) {
                    break;
                }
            }
            window.flip();
        }
    }

    /** An inflated data set, counted up to a limit ({@link DataSetLayout#DEFLATED_LIMIT}). */
    static final class StreamSource extends ElementSource {
        private final InputStream in;
        private final long limit;
        private final byte[] skipBuffer = new byte[1 << 14];
        private long position;
        private int peeked = -1;

        StreamSource(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        long position() {
            return position;
        }

        @Override
        long remaining() {
            return limit - position;
        }

        @Override
        boolean atEnd() throws IOException {
            if (peeked < 0) {
                peeked = in.read();
            }
            return peeked < 0;
        }

        @Override
        int read1() throws IOException {
            int b;
            if (peeked >= 0) {
                b = peeked;
                peeked = -1;
            } else {
                b = in.read();
            }
            if (b < 0 || position >= limit) {
                throw new EOFException();
            }
            position++;
            return b;
        }

        @Override
        void skipFully(long n) throws IOException {
            long left = n;
            if (left > 0 && peeked >= 0) {
                read1();
                left--;
            }
            while (left > 0) {
                int r = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
                if (r < 0) {
                    throw new EOFException();
                }
                left -= r;
                position += r;
            }
            if (position > limit) {
                throw new EOFException();
            }
        }
    }
}
