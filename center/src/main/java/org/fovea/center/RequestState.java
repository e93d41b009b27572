package org.fovea.center;

/**
 * Where a remote diagnosis request is, as the requesting doctor sees it: announced with its
 * images still arriving, received complete (the center holds every announced image), assigned to
 * an expert, in review, reported (signed), returned with a reason, or cancelled.
 */
public enum RequestState {
    RECEIVING, RECEIVED, ASSIGNED, IN_REVIEW, REPORTED, RETURNED, CANCELLED
}
