package org.fovea.reporting.workflow;

import java.time.Instant;

/** A signed addendum to a final report: its number, the final version it follows, its text, its author. */
public record Addendum(long reportId, int seq, int version, String text, String login, String name, Instant at) {
}
