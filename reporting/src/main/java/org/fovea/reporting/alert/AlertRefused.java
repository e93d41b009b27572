package org.fovea.reporting.alert;

/** An alert step refused, with the reason in the words the user reads. */
public final class AlertRefused extends Exception {

    public AlertRefused(String message) {
        super(message);
    }
}
