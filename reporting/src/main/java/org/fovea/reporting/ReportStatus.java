package org.fovea.reporting;

/**
 * Where a report stands. Sign-off (review, signature) adds its states in the workflow; this
 * issue's reports are written, saved and issued.
 */
public enum ReportStatus {
    /** Being written; only its author sees it as work in progress. */
    DRAFT,
    /** Issued before the final report (CT, night emergencies: P15); marked as preliminary wherever it shows. */
    PRELIMINARY,
    /** Finished by its author. */
    FINAL
}
