package org.fovea.center;

import java.time.Instant;

/** One line of a request's trace (D8): what happened, when, by whom, from which workstation. */
public record RequestEvent(Instant at, String who, String workstation, String what, String detail) {
}
