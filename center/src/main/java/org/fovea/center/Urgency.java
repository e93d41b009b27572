package org.fovea.center;

/** How soon a request must be read: urgent ones are assigned and listed first. */
public enum Urgency {
    ROUTINE, URGENT
}
