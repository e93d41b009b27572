package org.fovea.dicom.net;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The workstation's own DICOM identity and the nodes it knows.
 *
 * @param localAeTitle           this workstation's AE title (calling AE, C-MOVE destination, listener)
 * @param localPort              the port the listener accepts associations on (0 = any free port)
 * @param listen                 whether the listener runs
 * @param connectTimeoutSeconds  how long to wait for a node to accept a connection and an association
 * @param responseTimeoutSeconds how long to wait for any answer from a node once associated
 */
public record NetworkSettings(String localAeTitle, int localPort, boolean listen, int connectTimeoutSeconds,
                              int responseTimeoutSeconds, List<DicomNode> nodes) {

    public static final String DEFAULT_AE_TITLE = "FOVEA";
    public static final int DEFAULT_PORT = 11112;

    public NetworkSettings {
        Objects.requireNonNull(localAeTitle, "localAeTitle");
        DicomNode.requireAeTitle(localAeTitle, "this workstation");
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("The listening port must be between 1 and 65535 (or 0 for any), not "
                    + localPort + ".");
        }
        if (connectTimeoutSeconds < 1 || responseTimeoutSeconds < 1) {
            throw new IllegalArgumentException("Network timeouts must be at least 1 second.");
        }
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** FOVEA on port 11112, listening, 10 s to connect, 60 s for answers, no nodes. */
    public static NetworkSettings defaults() {
        return new NetworkSettings(DEFAULT_AE_TITLE, DEFAULT_PORT, true, 10, 60, List.of());
    }

    /** The node with this name (or AE title), if configured. */
    public Optional<DicomNode> node(String nameOrAeTitle) {
        return nodes.stream().filter(n -> n.name().equals(nameOrAeTitle)).findFirst()
                .or(() -> nodes.stream().filter(n -> n.aeTitle().equals(nameOrAeTitle)).findFirst());
    }

    public NetworkSettings withNodes(List<DicomNode> newNodes) {
        return new NetworkSettings(localAeTitle, localPort, listen, connectTimeoutSeconds, responseTimeoutSeconds, newNodes);
    }

    public NetworkSettings withLocal(String aeTitle, int port, boolean listenOn) {
        return new NetworkSettings(aeTitle, port, listenOn, connectTimeoutSeconds, responseTimeoutSeconds, nodes);
    }

    public NetworkSettings withTimeouts(int connectSeconds, int responseSeconds) {
        return new NetworkSettings(localAeTitle, localPort, listen, connectSeconds, responseSeconds, nodes);
    }
}
