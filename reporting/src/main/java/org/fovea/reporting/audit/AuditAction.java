package org.fovea.reporting.audit;

/**
 * What is audited (Q2): access, sign-off, exports, logins, alert steps, administration, and changes
 * to an exam's electronic request (ORDER_CHANGED: field, old and new value, reason).
 */
public enum AuditAction {
    LOGIN, LOGIN_REFUSED, LOGOUT, SESSION_LOCKED, SESSION_UNLOCKED,
    OPEN_STUDY, OPEN_REPORT,
    SAVE_REPORT, PRELIMINARY_REPORT, SUBMIT_REPORT, APPROVE_REPORT, SIGN_REPORT, RETURN_REPORT, RECALL_REPORT, ADDENDUM,
    EXPORT_REPORT,
    ALERT_RAISED, ALERT_ACKNOWLEDGED, ALERT_ESCALATED,
    USER_ADDED, USER_CHANGED, SETTINGS_CHANGED, AUDIT_EXPORTED, TEACHING_CASE,
    ORDER_CHANGED
}
