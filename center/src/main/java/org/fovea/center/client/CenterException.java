package org.fovea.center.client;

/** The center refused a call (its status and reason), or could not be reached (status 0). */
public final class CenterException extends Exception {

    private final int status;

    public CenterException(int status, String reason, Throwable cause) {
        super(reason, cause);
        this.status = status;
    }

    /** The HTTP status the center answered, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
