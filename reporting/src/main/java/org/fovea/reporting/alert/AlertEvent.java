package org.fovea.reporting.alert;

import java.time.Instant;

/** One step of an alert: raised, seen, escalated, acknowledged; by whom, how, when. */
public record AlertEvent(long alertId, Instant at, String actor, String event, String method, String detail) {
}
