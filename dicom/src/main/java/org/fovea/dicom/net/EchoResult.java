package org.fovea.dicom.net;

/**
 * The outcome of a C-ECHO.
 *
 * @param ok     the node answered the echo with success
 * @param millis how long it took, connection included
 * @param reason empty when ok; otherwise one sentence saying what failed
 */
public record EchoResult(boolean ok, long millis, String reason) {
}
