package org.fovea.reporting;

import java.time.Instant;

/**
 * A row of the report list: enough to show and open a report without loading its images, and to
 * tell whether it is past its turnaround deadline (its priority and when it was started).
 */
public record ReportSummary(long id, StudyRef study, ReportStatus status, String author, String impressionStart,
                            Instant updated, Priority priority, Instant created) {
}
