package org.fovea.reporting;

/** A save based on an older version of a report than the stored one: someone else saved in between. */
public class ReportConflictException extends Exception {

    public ReportConflictException(String message) {
        super(message);
    }
}
