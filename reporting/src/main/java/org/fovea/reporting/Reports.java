package org.fovea.reporting;

import java.util.List;
import java.util.Optional;

/**
 * The department's reports, in whichever database the workstation is configured with (embedded
 * H2 alone, PostgreSQL shared). Every method may block on the database: never call it on the UI
 * thread.
 */
public interface Reports {

    /** Saves a new report (id 0) or a newer version of one; returns it as stored (id, version, times). */
    default Report save(Report report) throws ReportConflictException {
        return save(report, report.author(), "");
    }

    /**
     * Saves, recording who saved this version and from which workstation (a reviewer's edits are
     * theirs in the history, not the author's).
     */
    Report save(Report report, String savedBy, String workstation) throws ReportConflictException;

    /** Every saved version of a report, oldest first. */
    List<ReportVersion> versions(long id);

    Optional<Report> find(long id);

    /** The reports of a study, newest first. */
    List<Report> ofStudy(String studyUid);

    /** The patient's other reports (priors), newest exam first. */
    List<ReportSummary> priors(String patientId, String excludingStudyUid);

    /** One page of the reports matching every given criterion, newest exam first, and the total. */
    ReportPage search(ReportQuery query);

    /**
     * Keeps the editor's current text of a report every few seconds, apart from its saved versions,
     * so a crash loses at most those seconds. A later {@link #save} clears it.
     */
    void autosave(Report editing);

    /** The autosaved text of a report newer than its last save, if a crash left one. */
    Optional<Report> autosaved(long id);

    void discardAutosave(long id);

    /** Sets how urgent a report is (its turnaround deadline follows). */
    void setPriority(long id, Priority priority);

    Priority priority(long id);

    /** Reports not yet final whose priority is emergency, oldest first: they head the worklist (P6). */
    List<ReportSummary> openEmergencies();

    /** Reports not yet final past their turnaround deadline at {@code now}, oldest first (P12). */
    List<ReportSummary> overdue(org.fovea.reporting.workflow.Turnaround turnaround, java.time.Instant now);

    record ReportPage(List<ReportSummary> rows, long total) {
    }
}
