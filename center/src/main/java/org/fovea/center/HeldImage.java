package org.fovea.center;

import java.time.Instant;

/** An image of a request the center holds, verified: what a site's consistency check compares with. */
public record HeldImage(String sopInstanceUid, String sopClassUid, String sha256, long bytes, Instant receivedAt) {
}
