package org.fovea.reporting.alert;

import java.time.Instant;

/** A critical-value alert as it stands: what, about whom, from whom to whom, when due, and its end. */
public record Alert(long id, long reportId, String studyUid, String accession, String patientId, String patientName,
                    String finding, CriticalValue.Category category, String note, String sender, String recipient,
                    String backup, String head, Status status, Instant raised, Instant due, Instant escalated,
                    String acknowledgedBy, Instant acknowledged, String readBack) {

    public enum Status { OPEN, ESCALATED, ACKNOWLEDGED }

    public boolean closed() {
        return status == Status.ACKNOWLEDGED;
    }

    /** Whether {@code login} is one of those who must see and may acknowledge it now. */
    public boolean addressedTo(String login) {
        return recipient.equals(login)
                || (status == Status.ESCALATED && (backup.equals(login) || head.equals(login)));
    }
}
