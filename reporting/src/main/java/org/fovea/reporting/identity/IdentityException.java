package org.fovea.reporting.identity;

/** A user change refused, with the reason in words a user or administrator understands. */
public final class IdentityException extends RuntimeException {

    public IdentityException(String message) {
        super(message);
    }
}
