package org.fovea.center;

import java.time.Instant;

/**
 * A critical value an expert found on a request (D7), as the requesting hospital sees it: the
 * finding and its category (RED: acknowledge within 15 minutes; ORANGE: 60), the expert's note,
 * when it is due, and, once the hospital's doctor acknowledged it, who did, their read-back and when.
 */
public record RemoteCritical(long alertId, String finding, String category, String note, String sender,
                             Instant raisedAt, Instant dueAt, String acknowledgedBy, String readBack,
                             Instant acknowledgedAt) {

    public boolean open() {
        return acknowledgedAt == null;
    }
}
