package org.fovea.center.server;

/**
 * A request the center refuses, with the HTTP status and a reason a site's doctor or IT admin can
 * act on; answered as {@code {"error": reason}}.
 */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiException badRequest(String reason) {
        return new ApiException(400, reason);
    }

    static ApiException unauthorized(String reason) {
        return new ApiException(401, reason);
    }

    static ApiException forbidden(String reason) {
        return new ApiException(403, reason);
    }

    static ApiException notFound(String reason) {
        return new ApiException(404, reason);
    }
}
