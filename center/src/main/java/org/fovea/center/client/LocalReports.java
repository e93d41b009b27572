package org.fovea.center.client;

import org.fovea.center.CenterJson;
import org.fovea.center.LocalReport;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.UUID;

import static org.fovea.center.client.OutboxSql.event;
import static org.fovea.center.client.OutboxSql.string;
import static org.fovea.center.client.OutboxSql.update;

/**
 * This hospital's own report of a request's study, sent for the center's expert to review (D1):
 * kept with the request in the outbox, and sent once the center has opened the request.
 */
final class LocalReports {

    private LocalReports() {
    }

    static void attach(DataSource db, String clientRequestId, LocalReport report) {
        try {
            update(db, "UPDATE outbox_requests SET local_report = ?, local_report_sent = FALSE WHERE client_request_id = ?",
                    CenterJson.mapper().writeValueAsString(report), clientRequestId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        event(db, clientRequestId, "LOCAL_REPORT", "our report by " + report.author() + ", to send for review");
    }

    /** Sends it when there is one the center does not have yet. */
    static void send(DataSource db, CenterClient client, String id, UUID centerId) throws CenterException {
        String json = string(db, "SELECT local_report FROM outbox_requests WHERE client_request_id = ? AND NOT "
                + "local_report_sent", id);
        if (json == null || json.isEmpty()) {
            return;
        }
        try {
            client.sendLocalReport(centerId, CenterJson.mapper().readValue(json, LocalReport.class));
        } catch (IOException e) {
            throw new IllegalStateException("the outbox's report of " + id + " cannot be read: " + e.getMessage(), e);
        }
        update(db, "UPDATE outbox_requests SET local_report_sent = TRUE WHERE client_request_id = ?", id);
        event(db, id, "LOCAL_REPORT_SENT", "our report is at the center, for review");
    }
}
