package org.fovea.app.cli;

/** A failure whose message is already the one sentence the user should read. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
