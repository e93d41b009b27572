package org.fovea.dicom.net;

/** The network settings file cannot be read or written; the message names the file and the reason. */
public final class NetworkSettingsException extends RuntimeException {
    public NetworkSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
