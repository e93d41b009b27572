package org.fovea.reporting.workflow;

/** A sign-off step refused, with the reason in the words the user reads. */
public final class SignOffRefused extends Exception {

    public SignOffRefused(String message) {
        super(message);
    }
}
