package org.fovea.dicom.net;

import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.SCUSCPRoleSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens and closes associations through PixelMed, adding what PixelMed lacks: a time limit.
 *
 * <p>PixelMed's association initiator opens its socket with {@code new Socket(host, port)} and
 * then blocks reading the A-ASSOCIATE-AC, with no connect or read timeout (it only sets
 * SO_TIMEOUT for the release). So the association is negotiated on a helper thread and given up
 * after the connect timeout; should PixelMed's thread get an association after all, it is
 * aborted at once. Once open, {@link #closeTransport} ends it from another thread.
 */
final class Associations {

    private static final Logger LOG = LoggerFactory.getLogger(Associations.class);
    /** Every PixelMed field reached by reflection, by name: null where this PixelMed version lacks it. */
    private static final Map<String, Field> PIXELMED_FIELDS = new LinkedHashMap<>();
    private static final Field SOCKET = field("socket", Socket.class, "cancel and timeouts fall back to A-ABORT");
    private static final Field INPUT = field("in", InputStream.class, "ACKs to peers stay delayed");
    /** PixelMed's wait between answering a release and closing (5 s), shortened at class initialisation. */
    static final Field RELEASE_WAIT = field("associationReleaseToTransportConnectionCloseTimeoutInMilliseconds",
            int.class, "listener threads linger 5 s per association");

    /**
     * The largest P-DATA PDU we accept, proposed to every peer. PixelMed's default is 16 KB,
     * which splits a 512x512 CT image into 32 PDUs, each a header parse and a read call on both
     * sides; 128 KB makes it 4. Peers still send at most what they are configured to.
     */
    static final int MAX_PDU_RECEIVED = 128 * 1024;
    /** Socket buffers large enough to hold a whole PDU in flight without stalling the sender. */
    static final int SOCKET_BUFFER = 512 * 1024;

    static {
        shortenReleaseWait();
    }

    private Associations() {
    }

    static Association open(DicomNode node, String callingAeTitle, LinkedList<PresentationContext> contexts,
                            LinkedList<SCUSCPRoleSelection> roles, int connectTimeoutSeconds) throws DicomNetworkFailure {
        AtomicBoolean abandoned = new AtomicBoolean();
        FutureTask<Association> task = new FutureTask<>(() -> {
            Association a = AssociationFactory.createNewAssociation(node.host(), node.port(), node.aeTitle(),
                    callingAeTitle, MAX_PDU_RECEIVED, SOCKET_BUFFER, SOCKET_BUFFER, contexts, roles, false, null, null);
            if (abandoned.get()) {
                closeTransport(a);
            }
            noDelay(a);
            quickAck(a);
            return a;
        });
        Thread t = new Thread(task, "dicom-associate " + node.address());
        t.setDaemon(true);
        t.start();
        try {
            return task.get(connectTimeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            task.cancel(true);
            throw new DicomNetworkFailure(node.address() + " did not accept an association within "
                    + connectTimeoutSeconds + " s (the connect timeout); check the host, port and that the node is up.");
        } catch (InterruptedException e) {
            abandoned.set(true);
            Thread.currentThread().interrupt();
            throw new DicomNetworkFailure("Connecting to " + node.address() + " was interrupted.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.info("Association with {} failed", node.address(), cause);
            throw new DicomNetworkFailure(describeOpenFailure(node, callingAeTitle, cause), cause);
        }
    }

    /** One sentence for a failed association request, from PixelMed's exception text. */
    static String describeOpenFailure(DicomNode node, String callingAeTitle, Throwable cause) {
        String m = String.valueOf(cause.getMessage());
        if (m.contains("ConnectException") || m.contains("Connection refused")) {
            return node.address() + " refused the connection: nothing listens on port " + node.port() + " of "
                    + node.host() + ".";
        }
        if (m.contains("UnknownHostException")) {
            return node.address() + " cannot be reached: the host name " + node.host() + " is unknown.";
        }
        if (m.contains("NoRouteToHost") || m.contains("unreachable")) {
            return node.address() + " cannot be reached: no network route to " + node.host() + ".";
        }
        if (m.contains("A-ASSOCIATE-RJ")) {
            return node.address() + " rejected the association from " + callingAeTitle + " ("
                    + m.substring(m.indexOf("A-ASSOCIATE-RJ")).replace("A-ASSOCIATE-RJ indication - ", "").trim()
                    + "); check that the node knows this workstation's AE title.";
        }
        if (m.contains("A-ABORT")) {
            return node.address() + " aborted the association request; check that the node knows AE title "
                    + callingAeTitle + ".";
        }
        if (cause instanceof DicomNetworkException || cause instanceof IOException) {
            return node.address() + " closed the connection while the association was negotiated (" + m + ").";
        }
        return node.address() + " could not be associated with (" + cause + ").";
    }

    /** Releases politely; a node that does not answer the release is simply disconnected. */
    static void release(Association a) {
        try {
            a.release();
        } catch (DicomNetworkException | RuntimeException e) {
            LOG.debug("Release of {} failed; closing", a.getCalledAETitle(), e);
            closeTransport(a);
        }
    }

    /**
     * Ends an association at once from any thread, so that a thread blocked reading or writing it
     * wakes with an exception. PixelMed's own {@code abort()} first writes an A-ABORT, which blocks
     * when the peer has stopped reading; closing the socket cannot block. The socket is a
     * protected field of PixelMed's Association with no accessor, hence the reflection; if a
     * PixelMed version moves it, abort() is the fallback.
     */
    static void closeTransport(Association a) {
        if (SOCKET != null) {
            try {
                Socket s = (Socket) SOCKET.get(a);
                if (s != null) {
                    s.close();
                    return;
                }
            } catch (IllegalAccessException | IOException | RuntimeException e) {
                LOG.debug("Closing the socket of an association failed", e);
            }
        }
        try {
            a.abort();
        } catch (DicomNetworkException | RuntimeException e) {
            LOG.debug("Abort failed", e);
        }
    }

    /** Sets how long a blocked read on the association waits before failing. */
    static void setReadTimeout(Association a, int seconds) {
        if (SOCKET == null) {
            return;
        }
        try {
            Socket s = (Socket) SOCKET.get(a);
            if (s != null) {
                s.setSoTimeout(seconds * 1000);
            }
        } catch (IllegalAccessException | IOException | RuntimeException e) {
            LOG.debug("Could not set the read timeout of an association", e);
        }
    }

    /**
     * Turns Nagle's algorithm off, as DCMTK and Orthanc do: PixelMed never does, and then a small
     * PDU (a C-STORE response, a C-FIND or C-MOVE response, the last bit of a data set) waits for
     * the peer's delayed ACK, about 40 ms on Linux, whenever a previous segment is unacknowledged.
     */
    static void noDelay(Socket s) {
        try {
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            LOG.debug("Could not set TCP_NODELAY", e);
        }
    }

    private static void noDelay(Association a) {
        if (SOCKET == null) {
            return;
        }
        try {
            Socket s = (Socket) SOCKET.get(a);
            if (s != null) {
                noDelay(s);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.debug("Could not reach the socket of an association", e);
        }
    }

    /**
     * Has the association acknowledge what the peer sends at once ({@link QuickAck}): a C-GET's
     * objects and C-FIND's answers from a peer that leaves Nagle's algorithm on would otherwise
     * wait for delayed ACKs. PixelMed reads from a protected stream field it set from the socket
     * it opened, hence the reflection; if a PixelMed version moves it, ACKs stay delayed.
     */
    private static void quickAck(Association a) {
        if (SOCKET == null || INPUT == null) {
            return;
        }
        try {
            Socket s = (Socket) SOCKET.get(a);
            InputStream in = (InputStream) INPUT.get(a);
            if (s != null && in != null) {
                INPUT.set(a, QuickAck.reading(s, in));
            }
        } catch (IllegalAccessException | IOException | RuntimeException e) {
            LOG.debug("Could not reach the input stream of an association", e);
        }
    }

    /**
     * After answering a peer's A-RELEASE-RQ, PixelMed sleeps its full ARTIM time (5 s) before
     * closing, instead of waiting for the peer to close: a listener thread is held 5 s after
     * every association, and a C-MOVE's temporary listener cannot be closed for 5 s after the
     * last image. The release response is already sent by then, so closing at once is what
     * DCMTK's storescp does too. The time is a private static of PixelMed's Association without a
     * setter; if a PixelMed version renames it, the 5 s wait simply stays.
     */
    static void shortenReleaseWait() {
        if (RELEASE_WAIT == null) {
            return;
        }
        try {
            // 0 would mean "wait forever" to Object.wait
            RELEASE_WAIT.setInt(null, 1);
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.warn("PixelMed's release wait could not be shortened; listener threads linger 5 s per association", e);
        }
    }

    /**
     * The PixelMed fields this class reaches by reflection, each null where this PixelMed version
     * lacks it or gave it another type. A missing one is only logged at run time, so a test checks
     * this map: a PixelMed upgrade that renames or retypes one fails the build instead of quietly
     * losing cancel, read timeouts, quick ACKs or the short release wait.
     */
    static Map<String, Field> pixelMedFields() {
        return Collections.unmodifiableMap(PIXELMED_FIELDS);
    }

    /** PixelMed's Association field {@code name}, made accessible, if it is there with exactly {@code type}. */
    private static Field field(String name, Class<?> type, String otherwise) {
        Field found = null;
        try {
            Field f = Association.class.getDeclaredField(name);
            if (f.getType() == type) {
                f.setAccessible(true);
                found = f;
            } else {
                LOG.warn("PixelMed's Association.{} is a {}, not a {}; {}", name, f.getType().getName(), type.getName(),
                        otherwise);
            }
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.warn("PixelMed's Association has no accessible {} field; {}", name, otherwise, e);
        }
        PIXELMED_FIELDS.put(name, found);
        return found;
    }
}
