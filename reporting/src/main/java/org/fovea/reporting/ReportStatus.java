package org.fovea.reporting;

/**
 * Where a report stands in its sign-off (P2, P7, P15). The workflow ({@code workflow.SignOff})
 * decides who moves it where; each status maps to HL7 v2 OBR-25 and FHIR DiagnosticReport.status
 * for the interfaces.
 */
public enum ReportStatus {
    /** Being written; only its author sees it as work in progress. */
    DRAFT("I", "registered"),
    /** Issued before the final report (CT, night emergencies: P15); marked as preliminary wherever it shows. */
    PRELIMINARY("P", "preliminary"),
    /** Submitted by its author, waiting for the next level's review. */
    SUBMITTED("I", "partial"),
    /** Returned to its author by a reviewer, with the reason (P7). */
    RETURNED("I", "registered"),
    /** Signed at the last level: the report. Its signed versions never change. */
    FINAL("F", "final"),
    /** A final report recalled with a reason, being corrected; signed again it is final, "corrected". */
    RECALLED("I", "partial");

    private final String obr25;
    private final String fhir;

    ReportStatus(String obr25, String fhir) {
        this.obr25 = obr25;
        this.fhir = fhir;
    }

    /**
     * HL7 v2 OBR-25 (table 0123): I in process, P preliminary, F final; a final report signed
     * again after a recall is C (correction) — see {@link #obr25(boolean)}.
     */
    public String obr25() {
        return obr25;
    }

    /** OBR-25 of a final report that was recalled and signed again: C. */
    public String obr25(boolean corrected) {
        return this == FINAL && corrected ? "C" : obr25;
    }

    /** FHIR R4 DiagnosticReport.status; a corrected final is "corrected", one with an addendum "appended". */
    public String fhir(boolean corrected, boolean appended) {
        if (this == FINAL && corrected) {
            return "corrected";
        }
        if (this == FINAL && appended) {
            return "appended";
        }
        return fhir;
    }

    /** Whether its author may still change the text (a reviewer may while it is submitted). */
    public boolean editable() {
        return this != FINAL;
    }
}
