package org.fovea.dicom.net;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.ParsedInstance;
import org.fovea.dicom.archive.ReceiveFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The workstation's C-STORE listener: files whatever a modality, a PACS or a C-MOVE pushes into
 * the archive, and answers C-ECHO.
 *
 * <p>Each association is served by a {@link StoreHandler} on a PixelMed association over a socket
 * this class accepts (so the port is known even when 0 asked for a free one, and close() can end
 * running associations). A pushed object is written to the listener's {@link ReceiveFolder} and
 * acknowledged once complete there; {@link ListenerIngest} files the images into the archive in
 * batches. What the images are promised:
 * <ul>
 *   <li>Fovea stopping (a crash, a kill) loses none: the operating system holds the written
 *       files, and the recovery at the next start ({@link LocalArchive#recoverIncoming}) stores
 *       what the folder still has.</li>
 *   <li>The computer stopping (power, kernel) loses none from an association whose release was
 *       answered: every image of it is flushed to disk first ({@link ReleaseBarrierSocket}). Of an
 *       association still open it may lose the last images, whose flush had not come yet; the
 *       sender's association then fails, so it knows to send again, and the recovery sets such
 *       files aside by their checksum instead of storing damaged images.</li>
 * </ul>
 * A sender that aborts mid-object leaves nothing behind. Flushing each image before answering it
 * would make a sender that waits for each answer (most do) wait for 300 disk flushes one after
 * the other: about twice storescp's time for a CT on an ordinary disk.
 */
public final class StoreScp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreScp.class);

    /** Told about every object received; called on the listener's ingest or receiving threads. */
    public interface StoreListener {
        /** A new instance was stored in the archive: durable and indexed. */
        void stored(ImageHeader header);

        /** Something received could not be stored; one sentence. */
        void failed(String reason);

        static StoreListener none() {
            return new StoreListener() {
                @Override
                public void stored(ImageHeader header) {
                }

                @Override
                public void failed(String reason) {
                }
            };
        }
    }

    /** A C-MOVE in progress waiting for its objects. */
    interface Arrivals {
        /** Whether this retrieve expects the object {@code callingAeTitle} sends. */
        boolean expects(StoreRequest store, String callingAeTitle);

        /** The retrieve's receive folder, where its objects are written as they arrive. */
        Path folder();

        /**
         * Checks a complete expected instance in {@link #folder()} and stores it after this
         * returns, off the thread that answers the sender: the retrieve asked for it and the node
         * keeps its copy, so it may be acknowledged before it is indexed or durable; the
         * retrieve makes it durable before it ends (see {@link Ingest}) and tells
         * {@code listener} what became of it.
         *
         * @throws IOException when the retrieve has ended; the file is deleted
         * @throws DicomReadException when the object cannot be shown; the file is deleted and the
         *         retrieve and {@code listener} told
         */
        void accept(ReceivedFile received, StoreListener listener) throws IOException, DicomReadException;
    }

    private final NetworkSettings settings;
    private final StoreListener listener;
    private final ServerSocket server;
    private final ReceiveFolder folder;
    private final ListenerIngest ingest;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<Arrivals> arrivals = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private StoreScp(NetworkSettings settings, LocalArchive archive, StoreListener listener, ServerSocket server)
            throws IOException {
        this.settings = settings;
        this.listener = listener;
        this.server = server;
        this.folder = ReceiveFolder.create(archive, ReceiveFolder.PUSH);
        this.ingest = new ListenerIngest(archive, listener, settings.localAeTitle());
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dicom-store-scp association");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts listening on {@code settings.localPort()} (0 = a free port) as
     * {@code settings.localAeTitle()}.
     *
     * @throws IOException when the port cannot be opened, with a message naming it
     */
    public static StoreScp start(NetworkSettings settings, LocalArchive archive, StoreListener listener)
            throws IOException {
        ServerSocket server = new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                Socket s = new ReleaseBarrierSocket();
                implAccept(s);
                return s;
            }
        };
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(settings.localPort()), 50);
        } catch (IOException e) {
            server.close();
            throw new IOException("The DICOM listener cannot open port " + settings.localPort() + " ("
                    + e.getMessage() + "); another program may be using it.", e);
        }
        // images acknowledged by a listener that died are stored before new ones arrive
        archive.recoverIncoming();
        StoreScp scp;
        try {
            scp = new StoreScp(settings, archive, listener, server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("The DICOM listener cannot create its receive folder in "
                    + archive.incomingDirectory() + " (" + e.getMessage() + ").", e);
        }
        Thread accept = new Thread(scp::acceptLoop, "dicom-store-scp " + scp.port());
        accept.setDaemon(true);
        accept.start();
        LOG.info("DICOM listener {} on port {}", settings.localAeTitle(), scp.port());
        return scp;
    }

    public int port() {
        return server.getLocalPort();
    }

    public String aeTitle() {
        return settings.localAeTitle();
    }

    void register(Arrivals a) {
        arrivals.add(a);
    }

    void unregister(Arrivals a) {
        arrivals.remove(a);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("The DICOM listener on port {} stopped accepting: {}", port(), e.getMessage());
                }
                return;
            }
            open.add(socket);
            try {
                workers.execute(() -> serve(socket));
            } catch (RuntimeException e) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        StoreHandler handler = new StoreHandler(folder.path(), new StoreHandler.Destination() {
            @Override
            public Arrivals retrieveOf(StoreRequest store, String callingAeTitle) {
                return arrivals.stream().filter(a -> a.expects(store, callingAeTitle)).findFirst().orElse(null);
            }

            @Override
            public void pushed(Path file, ParsedInstance parsed) {
                ingest.submit(file, parsed);
            }

            @Override
            public void makeDurable(List<Path> pushed) throws IOException {
                ingest.commitSoon();
                folder.makeDurable(pushed);
            }
        }, listener);
        ((ReleaseBarrierSocket) socket).beforeReleaseResponse(handler::makeDurable);
        try {
            socket.setSoTimeout(settings.responseTimeoutSeconds() * 1000);
            Associations.noDelay(socket);
            Association association = AssociationFactory.createNewAssociation(socket, settings.localAeTitle(),
                    Associations.MAX_PDU_RECEIVED, Associations.SOCKET_BUFFER, Associations.SOCKET_BUFFER,
                    new DecodableStorePolicy());
            association.setReceivedDataHandler(handler);
            // the handler answers each request itself and never reports done: this returns when
            // the peer releases (AReleaseException) or the association fails
            association.waitForPDataPDUsUntilHandlerReportsDone();
        } catch (AReleaseException e) {
            LOG.debug("{} released the association", socket.getRemoteSocketAddress());
        } catch (IOException | DicomNetworkException | RuntimeException e) {
            if (!closed) {
                LOG.warn("An association from {} failed: {}", socket.getRemoteSocketAddress(), e.getMessage(), e);
            }
        } finally {
            handler.discardPartial();
            closeQuietly(socket);
            open.remove(socket);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("Closing a socket failed", e);
        }
    }

    /**
     * Stops listening, ends the associations in progress (their partial objects are discarded)
     * and returns once every acknowledged image is stored.
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
            LOG.debug("Closing the listener failed", e);
        }
        open.forEach(StoreScp::closeQuietly);
        workers.shutdown();
        try {
            workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ingest.close();
        folder.close();
    }
}
