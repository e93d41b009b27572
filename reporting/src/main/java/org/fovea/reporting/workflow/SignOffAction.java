package org.fovea.reporting.workflow;

/** What a user does to a report in its sign-off. */
public enum SignOffAction {
    /** Change the text (the author while it is theirs; the next reviewer while it waits for them). */
    EDIT,
    /** Issue the report as preliminary before the final one (P15). */
    ISSUE_PRELIMINARY,
    /** The author signs and submits (final at once when the chain has one level). */
    SUBMIT,
    /** The next level signs: approved on, or final at the last level. */
    APPROVE,
    /** The next level sends it back to its author with a reason (P7). */
    RETURN,
    /** An authorised user withdraws a final report with a reason (P7). */
    RECALL,
    /** A signed addendum to a final report. */
    ADDENDUM
}
