package org.fovea.reporting;

import java.time.Instant;

/** A row of the report list: enough to show and open a report without loading its images. */
public record ReportSummary(long id, StudyRef study, ReportStatus status, String author, String impressionStart,
                            Instant updated) {
}
