package org.fovea.reporting.workflow;

import org.fovea.reporting.ReportStatus;

import java.util.List;

/**
 * A report's place in its sign-off: status, how many levels its chain has (fixed when it is first
 * submitted, 0 before), who has signed in this round (the author first), and whether it was ever
 * recalled (signed again it is a correction).
 */
public record SignOffState(ReportStatus status, int levels, List<String> signers, String author, boolean corrected) {

    public SignOffState {
        signers = List.copyOf(signers);
    }

    public static SignOffState draft(String author) {
        return new SignOffState(ReportStatus.DRAFT, 0, List.of(), author, false);
    }

    /** The level that signs next (1 = the author's submission). */
    public int nextLevel() {
        return signers.size() + 1;
    }
}
