package org.fovea.registration.worklist;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import org.fovea.registration.Registrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The department's DICOM Modality Worklist (issue 16, X1; {@code ./fovea worklist serve}): a
 * C-FIND SCP of Modality Worklist Information Model - FIND (1.2.840.10008.5.1.4.31) and a C-ECHO
 * SCP, serving the booked exams of the department database (H2 or PostgreSQL) to the modalities,
 * each asking as its Scheduled Station AE Title. No storage is accepted.
 *
 * <p>Each association is served on a socket this class accepts, by a {@link WorklistAssociation}
 * on a PixelMed association (why not PixelMed's SCP dispatcher: see there). {@link #close} stops
 * accepting and ends the associations by closing their sockets, never by interrupting a thread:
 * a thread interrupted while the embedded H2 reads its file closes that database for everyone
 * (H2's file channel is interruptible).
 */
public final class WorklistScp implements AutoCloseable {

    /** Modality Worklist Information Model - FIND. */
    public static final String MODALITY_WORKLIST_FIND = "1.2.840.10008.5.1.4.31";
    /** The largest PDU we accept; a worklist identifier is a few hundred bytes, a response as small. */
    private static final int MAX_PDU_RECEIVED = 64 * 1024;
    private static final int SOCKET_BUFFER = 64 * 1024;
    /** A modality that opens an association and then says nothing for this long is disconnected. */
    private static final int IDLE_SECONDS = 120;
    /**
     * How long {@link #close} lets running associations end by themselves: a query is answered in
     * milliseconds and a modality releases at once, while cutting one that is being released makes
     * PixelMed log an error for nothing.
     */
    private static final long GRACE_MS = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(WorklistScp.class);

    static {
        org.fovea.dicom.net.ReleaseWait.shorten();
    }

    private final DataSource db;
    private final String aeTitle;
    private final ServerSocket server;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private WorklistScp(DataSource db, String aeTitle, ServerSocket server) {
        this.db = db;
        this.aeTitle = aeTitle;
        this.server = server;
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "worklist-scp association");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts serving the worklist as {@code aeTitle} on {@code port} (all interfaces; 0 = a free
     * port, see {@link #port()}).
     *
     * @throws IllegalArgumentException when the AE title is not 1 to 16 characters without a backslash
     * @throws IOException              when the port cannot be opened, naming it
     */
    public static WorklistScp start(Registrations registrations, String aeTitle, int port) throws IOException {
        String ae = aeTitle == null ? "" : aeTitle.strip();
        if (ae.isEmpty() || ae.length() > 16 || ae.contains("\\") || !ae.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("The worklist's AE title must be 1 to 16 ASCII characters without a "
                    + "backslash, not \"" + aeTitle + "\"");
        }
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port), 50);
        } catch (IOException e) {
            server.close();
            throw new IOException("The worklist cannot open port " + port + " (" + e.getMessage()
                    + "); another program may be using it.", e);
        }
        WorklistScp scp = new WorklistScp(registrations.dataSource(), ae, server);
        Thread accept = new Thread(scp::acceptLoop, "worklist-scp " + scp.port());
        accept.setDaemon(true);
        accept.start();
        LOG.info("Modality worklist {} on port {}", ae, scp.port());
        return scp;
    }

    /** The port it listens on: the free one chosen when 0 was asked. */
    public int port() {
        return server.getLocalPort();
    }

    public String aeTitle() {
        return aeTitle;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("The worklist on port {} stopped accepting: {}", port(), e.getMessage());
                }
                return;
            }
            open.add(socket);
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                // closing: the association is not served
                closeQuietly(socket);
                open.remove(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout(IDLE_SECONDS * 1000);
            // small PDUs (two per match) must not wait for a modality's delayed ACK (up to ~40 ms on Linux);
            // the workstation's own client acknowledges at once, so the benchmark does not show it
            socket.setTcpNoDelay(true);
            Association association = AssociationFactory.createNewAssociation(socket, aeTitle, MAX_PDU_RECEIVED,
                    SOCKET_BUFFER, SOCKET_BUFFER, new WorklistPolicy());
            association.setReceivedDataHandler(new WorklistAssociation(db));
            // the handler answers each request itself and never reports done: this returns when the
            // modality releases (AReleaseException) or the association fails
            association.waitForPDataPDUsUntilHandlerReportsDone();
        } catch (AReleaseException e) {
            LOG.debug("{} released its worklist association", socket.getRemoteSocketAddress());
        } catch (IOException | DicomNetworkException | RuntimeException e) {
            if (!closed) {
                LOG.warn("A worklist association from {} failed: {}", socket.getRemoteSocketAddress(), e.getMessage());
            }
        } finally {
            closeQuietly(socket);
            open.remove(socket);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("Closing a worklist socket failed", e);
        }
    }

    /**
     * Stops accepting and ends the associations in progress: each gets {@link #GRACE_MS} to finish
     * what it is answering and be released by its modality, then its socket is closed (a query
     * being read from the database finishes its read first, then finds its socket closed).
     * Returns when their threads are done.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the worklist's server socket failed", e);
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(GRACE_MS, TimeUnit.MILLISECONDS)) {
                open.forEach(WorklistScp::closeQuietly);
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("A worklist association was still running 10 s after the worklist closed");
                }
            }
        } catch (InterruptedException e) {
            open.forEach(WorklistScp::closeQuietly);
            Thread.currentThread().interrupt();
        }
        LOG.info("Modality worklist {} on port {} stopped", aeTitle, port());
    }
}
