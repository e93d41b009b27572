package org.fovea.dicom.net;

/**
 * A network operation failed. The message is one sentence a user can act on: which node, what
 * failed, and how far it got (e.g. "ORTHANC@127.0.0.1:4242 closed the association after 37 of
 * 300 images"). The cause, when there is one, goes to the log.
 */
public final class DicomNetworkFailure extends Exception {
    public DicomNetworkFailure(String message) {
        super(message);
    }

    public DicomNetworkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
