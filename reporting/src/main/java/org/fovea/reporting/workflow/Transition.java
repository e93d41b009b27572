package org.fovea.reporting.workflow;

import org.fovea.reporting.ReportStatus;

import java.time.Instant;

/** One sign-off step as recorded: on which version, what, from and to which status, by whom, where, when, why. */
public record Transition(long reportId, int version, SignOffAction action, ReportStatus from, ReportStatus to,
                         int level, int levels, String login, String name, String role, String workstation,
                         String reason, Instant at) {
}
