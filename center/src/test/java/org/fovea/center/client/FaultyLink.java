package org.fovea.center.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A link between a site and the center that a test can break: every byte a site sends is relayed
 * to the center and back, until {@link #cutAfter} bytes have gone up (the link drops: every
 * connection closed, new ones refused until {@link #restore}), or with one byte flipped once
 * {@link #flipAt} bytes have gone up (what a faulty router does; TLS notices).
 */
final class FaultyLink implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong up = new AtomicLong();
    private volatile long cutAfter = Long.MAX_VALUE;
    private volatile long flipAt = Long.MAX_VALUE;
    private volatile boolean down;

    FaultyLink(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "faulty-link");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Drops the link once this many more bytes have gone up. */
    void cutAfter(long bytes) {
        cutAfter = up.get() + bytes;
    }

    /** Flips one bit of the byte that goes up after this many more. */
    void flipAt(long bytes) {
        flipAt = up.get() + bytes;
    }

    /** Whether the link has dropped. */
    boolean isDown() {
        return down;
    }

    /** The link is back. */
    void restore() {
        cutAfter = Long.MAX_VALUE;
        down = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket site = server.accept();
                if (down) {
                    site.close();
                    continue;
                }
                Socket center = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(site);
                open.add(center);
                pump(site, center, true);
                pump(center, site, false);
            } catch (IOException e) {
                // closed, or the center is not there: the site sees the connection fail
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upwards) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (upwards) {
                        long before = up.getAndAdd(n);
                        if (before + n > flipAt && before <= flipAt) {
                            buf[(int) (flipAt - before)] ^= 0x01;
                            flipAt = Long.MAX_VALUE;
                        }
                        if (before + n > cutAfter) {
                            down = true;
                            closeAll();
                            return;
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "faulty-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeAll();
    }
}
