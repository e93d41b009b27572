package org.fovea.dicom.net;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a sender sees of the listener's release barrier, byte by byte on a real socket. */
class ReleaseBarrierSocketTest {

    /** PS3.8 9.3.7: A-RELEASE-RP, type 06H, length 4. */
    private static final byte[] RELEASE_RP = {0x06, 0, 0, 0, 0, 4, 0, 0, 0, 0};
    /** A P-DATA-TF of the same length (an answer), which must pass at once. */
    private static final byte[] P_DATA = {0x04, 0, 0, 0, 0, 4, 0, 0, 0, 0};

    private static ServerSocket server() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress()) {
            @Override
            public Socket accept() throws IOException {
                Socket s = new ReleaseBarrierSocket();
                implAccept(s);
                return s;
            }
        };
    }

    @Test
    void theReleaseAnswerLeavesOnlyOnceTheBarrierReturnsAndOtherPdusPassAtOnce() throws Exception {
        CountDownLatch durable = new CountDownLatch(1);
        try (ServerSocket server = server();
             Socket sender = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             ReleaseBarrierSocket listener = (ReleaseBarrierSocket) server.accept()) {
            listener.beforeReleaseResponse(() -> {
                try {
                    durable.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            });
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> {
                try {
                    listener.getOutputStream().write(P_DATA);
                    listener.getOutputStream().write(RELEASE_RP);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            sender.setSoTimeout(300);
            InputStream in = sender.getInputStream();
            assertThat(in.readNBytes(P_DATA.length)).isEqualTo(P_DATA);
            assertThatThrownBy(in::read).as("no release answer before the images are durable")
                    .isInstanceOf(SocketTimeoutException.class);
            durable.countDown();
            answering.get(5, TimeUnit.SECONDS);
            sender.setSoTimeout(5000);
            assertThat(in.readNBytes(RELEASE_RP.length)).isEqualTo(RELEASE_RP);
        }
    }

    @Test
    void aFailingBarrierSendsNoReleaseAnswer() throws Exception {
        try (ServerSocket server = server();
             Socket sender = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             ReleaseBarrierSocket listener = (ReleaseBarrierSocket) server.accept()) {
            listener.beforeReleaseResponse(() -> {
                throw new IOException("disk failed");
            });
            assertThatThrownBy(() -> listener.getOutputStream().write(RELEASE_RP)).hasMessage("disk failed");
            listener.close();
            sender.setSoTimeout(5000);
            assertThat(sender.getInputStream().read()).as("connection closed, nothing sent").isEqualTo(-1);
        }
    }
}
