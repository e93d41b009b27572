package org.fovea.dicom.net;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A socket the listener accepts: it runs a barrier before the A-RELEASE-RP leaves it, the
 * listener's way of finishing work before a sender learns that its association ended well (and it
 * acknowledges what the sender sends at once, {@link QuickAck}).
 *
 * <p>PixelMed answers a release request itself, inside its read loop, before the received-data
 * handler hears of it; what it writes to the socket is the only place to act first. It writes the
 * A-RELEASE-RP (PS3.8 9.3.7: PDU type 06H, 10 bytes) as one array, so that write is recognised
 * and held until the barrier returns. A barrier that fails closes the connection unanswered: the
 * sender sees its association end in error.
 */
final class ReleaseBarrierSocket extends Socket {

    private static final int A_RELEASE_RP = 0x06;
    private static final int A_RELEASE_RP_LENGTH = 10;

    /** Work to finish before the release is answered. */
    interface Barrier {
        void await() throws IOException;
    }

    private volatile Barrier barrier = () -> { };
    private InputStream in;
    private OutputStream out;

    void beforeReleaseResponse(Barrier b) {
        barrier = b;
    }

    /** What the peer sends, acknowledged at once ({@link QuickAck}). */
    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = QuickAck.reading(this, super.getInputStream());
        }
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new FilterOutputStream(super.getOutputStream()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len == A_RELEASE_RP_LENGTH && b[off] == A_RELEASE_RP) {
                        barrier.await();
                    }
                    out.write(b, off, len);
                }
            };
        }
        return out;
    }
}
