package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Peers that refuse, say nothing, or answer nonsense: a clear failure within the configured time. */
class TimeoutTest {

    /** Accepts connections and reads whatever comes, answering {@code reply} (or nothing) once. */
    static final class FakePeer implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        FakePeer(byte[] reply) throws IOException {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        accepted.add(s);
                        InputStream in = s.getInputStream();
                        in.read(new byte[4096]);
                        if (reply != null) {
                            OutputStream out = s.getOutputStream();
                            out.write(reply);
                            out.flush();
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fake-peer");
            t.setDaemon(true);
            t.start();
        }

        DicomNode node() {
            return DicomNode.parse("SILENT@127.0.0.1:" + server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private static final NetworkSettings TWO_SECONDS = NetworkSettings.defaults().withTimeouts(2, 2);

    @Test
    void echoToAClosedPortFailsAtOnceSayingNothingListens() throws Exception {
        int port = OrthancPeer.freePort();
        EchoResult r = new DicomClient(TWO_SECONDS).echo(DicomNode.parse("PACS@127.0.0.1:" + port));
        assertThat(r.ok()).isFalse();
        assertThat(r.millis()).isLessThan(2000);
        assertThat(r.reason()).isEqualTo("PACS@127.0.0.1:" + port + " refused the connection: nothing listens on port "
                + port + " of 127.0.0.1.");
    }

    @Test
    void aPeerThatAcceptsButNeverAnswersFailsWithinTheTimeout() throws Exception {
        try (FakePeer silent = new FakePeer(null)) {
            long start = System.nanoTime();
            EchoResult r = new DicomClient(TWO_SECONDS).echo(silent.node());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.ok()).isFalse();
            assertThat(millis).isBetween(1900L, 4000L);
            assertThat(r.reason()).isEqualTo(silent.node().address() + " did not accept an association within 2 s "
                    + "(the connect timeout); check the host, port and that the node is up.");

            start = System.nanoTime();
            assertThatThrownBy(() -> new DicomClient(TWO_SECONDS).find(silent.node(), QueryLevel.STUDY,
                    Map.of("PatientID", "X"), CancelToken.none()))
                    .isInstanceOf(DicomNetworkFailure.class)
                    .hasMessageContaining("did not accept an association within 2 s");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4000L);
        }
    }

    @Test
    void garbageInsteadOfAnAssociationAnswerIsAFailureNotACrash() throws Exception {
        byte[] garbage = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (FakePeer web = new FakePeer(garbage)) {
            EchoResult r = new DicomClient(TWO_SECONDS).echo(web.node());
            assertThat(r.ok()).isFalse();
            assertThat(r.reason()).startsWith(web.node().address() + " ");
            assertThatThrownBy(() -> new DicomClient(TWO_SECONDS).retrieve(web.node(), RetrieveRequest.study("1.2.3"),
                    null, TransferListener.none(), CancelToken.none()))
                    .isInstanceOf(DicomNetworkFailure.class)
                    .hasMessageStartingWith(web.node().address());
        }
    }
}
