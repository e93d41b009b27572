package org.fovea.reporting.identity;

/** What a role may do; each check in the workflow names one of these. */
public enum Permission {
    /** Open studies and their images. */
    READ_IMAGES,
    /** Read reports (a referring clinician reads final ones). */
    READ_REPORTS,
    /** Write and save a report, and submit it for review. */
    WRITE_REPORT,
    /** Review a submitted report: edit it (tracked), approve it to the next level, or return it. */
    REVIEW_REPORT,
    /** Sign a report final at the last level. */
    SIGN_FINAL,
    /** Recall a final report with a reason. */
    RECALL_REPORT,
    /** Flag a critical value in a report, which alerts the referring clinician. */
    RAISE_ALERT,
    /** Acknowledge a critical-value alert with a read-back note. */
    ACKNOWLEDGE_ALERT,
    /** Register patients and their exams. */
    REGISTER,
    /** Call patients from a device's queue, check requests, leave notes, upload images. */
    EXAMINE,
    /** Manage users and roles. */
    MANAGE_USERS,
    /** Change department settings (sign-off levels, deadlines, critical values, the CA). */
    MANAGE_SETTINGS,
    /** Search and export the audit log. */
    READ_AUDIT
}
