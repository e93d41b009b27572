package org.fovea.reporting.workflow;

import org.fovea.reporting.Priority;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportSummary;

import java.time.Duration;
import java.time.Instant;

/**
 * The department's turnaround deadlines by priority (P12), from when a report was started to its
 * final signature: by default emergency 30 minutes, inpatient 24 hours, outpatient 48 hours.
 */
public record Turnaround(int emergencyMinutes, int inpatientMinutes, int outpatientMinutes) {

    public static final Turnaround DEFAULT = new Turnaround(30, 24 * 60, 48 * 60);

    public Turnaround {
        if (emergencyMinutes <= 0 || inpatientMinutes <= 0 || outpatientMinutes <= 0) {
            throw new IllegalArgumentException("Turnaround deadlines are positive numbers of minutes");
        }
    }

    public Duration allowed(Priority p) {
        return Duration.ofMinutes(switch (p) {
            case EMERGENCY -> emergencyMinutes;
            case INPATIENT -> inpatientMinutes;
            case OUTPATIENT -> outpatientMinutes;
        });
    }

    public Instant due(ReportSummary r) {
        return r.created().plus(allowed(r.priority()));
    }

    /** Whether the report is still not final past its deadline. */
    public boolean overdue(ReportSummary r, Instant now) {
        return r.status() != ReportStatus.FINAL && now.isAfter(due(r));
    }
}
