package org.fovea.dicom.net;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StoredFilePathStrategy;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.ReceivedObjectHandler;
import com.pixelmed.network.StorageSOPClassSCP;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.ArchiveException;
import org.fovea.dicom.archive.LocalArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The workstation's C-STORE listener: files whatever a modality, a PACS or a C-MOVE pushes into
 * the archive, and answers C-ECHO.
 *
 * <p>Each association is served by PixelMed's {@link StorageSOPClassSCP} on a socket this class
 * accepts (so the port is known even when 0 asked for a free one, and close() can end running
 * associations). PixelMed writes each object to a temporary file and renames it when complete;
 * only then is it moved into the archive, before the C-STORE response is sent, so a success
 * the sender sees means the file is on disk and indexed. Every association has its own receive
 * folder, deleted when it ends: a sender that aborts mid-object leaves nothing behind.
 */
public final class StoreScp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreScp.class);

    /** Told about every object received; called on the receiving thread. */
    public interface StoreListener {
        /** A new instance was stored in the archive. */
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
        /** Whether this retrieve expects the instance. */
        boolean expects(String sopInstanceUid);

        /**
         * Takes over a complete expected instance, moving it out of the association's receive
         * folder, and stores it after this returns, off the thread that answers the sender: the
         * retrieve asked for it and the node keeps its copy, so it may be acknowledged before it
         * is parsed, indexed or durable; the retrieve makes it durable before it ends (see
         * {@link Ingest}) and tells {@code listener} what became of it.
         */
        void accept(Path file, String sopInstanceUid, StoreListener listener) throws IOException;
    }

    private final NetworkSettings settings;
    private final LocalArchive archive;
    private final StoreListener listener;
    private final ServerSocket server;
    private final Path incoming;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<Arrivals> arrivals = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private StoreScp(NetworkSettings settings, LocalArchive archive, StoreListener listener, ServerSocket server)
            throws IOException {
        this.settings = settings;
        this.archive = archive;
        this.listener = listener;
        this.server = server;
        this.incoming = archive.incomingDirectory();
        Files.createDirectories(incoming);
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dicom-store-scp association");
            t.setDaemon(true);
            return t;
        });
        removeLeftovers();
    }

    /**
     * Starts listening on {@code settings.localPort()} (0 = a free port) as
     * {@code settings.localAeTitle()}.
     *
     * @throws IOException when the port cannot be opened, with a message naming it
     */
    public static StoreScp start(NetworkSettings settings, LocalArchive archive, StoreListener listener)
            throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(settings.localPort()), 50);
        } catch (IOException e) {
            server.close();
            throw new IOException("The DICOM listener cannot open port " + settings.localPort() + " ("
                    + e.getMessage() + "); another program may be using it.", e);
        }
        StoreScp scp = new StoreScp(settings, archive, listener, server);
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
        Path folder = incoming.resolve("scp-" + UUID.randomUUID());
        try {
            socket.setSoTimeout(settings.responseTimeoutSeconds() * 1000);
            Associations.noDelay(socket);
            Files.createDirectories(folder);
            new StorageSOPClassSCP(socket, settings.localAeTitle(), Associations.MAX_PDU_RECEIVED,
                    Associations.SOCKET_BUFFER, Associations.SOCKET_BUFFER,
                    folder.toFile(), StoredFilePathStrategy.BYSOPINSTANCEUIDINSINGLEFOLDER, new Handler(), null, null,
                    null, null, new DecodableStorePolicy()).run();
        } catch (IOException | DicomException | DicomNetworkException | RuntimeException e) {
            LOG.warn("An association from {} failed: {}", socket.getRemoteSocketAddress(), e.getMessage(), e);
        } finally {
            closeQuietly(socket);
            open.remove(socket);
            deleteTree(folder);
        }
    }

    /**
     * Moves each complete object into the archive before PixelMed answers the sender: durably
     * for a push, whose sender may delete its copy once answered. An object a C-MOVE of ours
     * asked for is only handed to the retrieve, which parses and indexes it after the answer.
     */
    private final class Handler extends ReceivedObjectHandler {
        @Override
        public void sendReceivedObjectIndication(String fileName, String transferSyntax, String callingAeTitle)
                throws IOException {
            Path file = Path.of(fileName);
            String sop = file.getFileName().toString();
            try {
                Arrivals retrieve = arrivals.stream().filter(a -> a.expects(sop)).findFirst().orElse(null);
                if (retrieve != null) {
                    retrieve.accept(file, sop, listener);
                    return;
                }
                LocalArchive.Imported imported = archive.importReceived(file);
                if (imported.outcome() == LocalArchive.Outcome.IMPORTED) {
                    listener.stored(imported.header());
                }
            } catch (DicomReadException | ArchiveException e) {
                String reason = "An image from " + callingAeTitle + " could not be stored: " + e.getMessage();
                listener.failed(reason);
                // PixelMed always answers C-STORE with Success once this returns; failing here
                // ends the association instead, so the sender does not believe it was stored.
                throw new IOException(reason, e);
            }
        }
    }

    /** Receive folders of associations cut off by a crash: their files were never acknowledged. */
    private void removeLeftovers() {
        try (Stream<Path> s = Files.list(incoming)) {
            s.filter(p -> p.getFileName().toString().startsWith("scp-")).forEach(StoreScp::deleteTree);
        } catch (IOException e) {
            LOG.warn("Could not clean the receive folder {}: {}", incoming, e.getMessage());
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}", p, e);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Could not delete the receive folder {}: {}", dir, e.getMessage());
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("Closing a socket failed", e);
        }
    }

    /** Stops listening and ends the associations in progress (their partial objects are discarded). */
    @Override
    public void close() {
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
    }
}
