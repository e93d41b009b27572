package org.fovea.dicom.net;

/**
 * Progress of a retrieve or send, reported from the transferring thread (a UI must hand it
 * over to its own thread). {@code current} names the file or instance just handled.
 */
public interface TransferListener {
    void progress(int done, int total, String current);

    /** For callers that show no progress. */
    static TransferListener none() {
        return (done, total, current) -> { };
    }
}
