package org.fovea.reporting;

/** How urgent a report is (P6): its turnaround deadline follows from it (see {@code workflow.Turnaround}). */
public enum Priority {
    EMERGENCY("急诊"),
    INPATIENT("住院"),
    OUTPATIENT("门诊");

    private final String chinese;

    Priority(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
