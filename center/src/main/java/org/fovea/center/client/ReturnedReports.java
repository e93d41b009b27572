package org.fovea.center.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.center.CenterJson;
import org.fovea.center.CenterRequest;
import org.fovea.center.RequestState;
import org.fovea.center.ReturnedReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reports the center returned for this hospital's requests (D5), in the outbox's database:
 * each fetched when the center says the request is reported (pushed, or found by a look at the
 * open requests), checked ({@link ReportCheck}) against the CA the hospital trusts, kept as
 * received with the verdict, and, when valid, filed into the local study. A report that does not
 * check is kept, not filed, and its problem is the request's problem.
 */
public final class ReturnedReports {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnedReports.class);

    /** A kept report as the doctor sees it. */
    public record Received(String clientRequestId, long reportId, int version, boolean verified, String problem,
                           String signedBy, Instant signedAt, Instant receivedAt, Instant filedAt) {
    }

    private final DataSource db;
    private final List<X509Certificate> trusted;
    private final ReportFiler filer;
    private final ObjectMapper json = CenterJson.mapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param trusted the center's CA for reports (empty: reports are kept, not verified, not filed)
     * @param filer   where a verified report goes; null keeps it here only
     */
    ReturnedReports(DataSource db, List<X509Certificate> trusted, ReportFiler filer) {
        this.db = db;
        this.trusted = List.copyOf(trusted);
        this.filer = filer;
    }

    /**
     * Fetches the request's latest report from the center, checks it, keeps it and files it; a
     * version already kept and filed is not fetched again.
     */
    public synchronized Received receive(CenterClient client, String clientRequestId, UUID centerId) throws CenterException {
        ReturnedReport returned = client.report(centerId);
        long reportId = returned.report().id();
        int version = returned.report().version();
        Optional<Received> known = find(clientRequestId, reportId, version);
        if (known.isPresent() && (known.get().filedAt() != null || !known.get().verified() && trusted.isEmpty())) {
            return known.get();
        }
        String studyUid = OutboxSql.string(db, "SELECT study_uid FROM outbox_requests WHERE client_request_id = ?",
                clientRequestId);
        ReportCheck.Verdict v = ReportCheck.check(returned, trusted, studyUid);
        Instant now = Instant.now();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (known.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_reports (client_request_id, "
                            + "report_id, version, payload, verified, problem, signed_by, signed_at, received_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        OutboxSql.bind(ps, clientRequestId, reportId, version, json.writeValueAsBytes(returned), v.valid(),
                                OutboxSql.clip(v.problem()), OutboxSql.clip(v.signedBy()),
                                v.signedAt() == null ? null : Timestamp.from(v.signedAt()), Timestamp.from(now));
                        ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_reports SET verified = ?, problem = ? "
                            + "WHERE client_request_id = ? AND report_id = ? AND version = ?")) {
                        OutboxSql.bind(ps, v.valid(), OutboxSql.clip(v.problem()), clientRequestId, reportId, version);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_requests SET center_state = ?, "
                        + "last_error = ?, updated_at = ? WHERE client_request_id = ?")) {
                    OutboxSql.bind(ps, RequestState.REPORTED.name(), v.valid() ? "" : OutboxSql.clip("the report returned "
                            + "does not check: " + v.problem()), Timestamp.from(now), clientRequestId);
                    ps.executeUpdate();
                }
                if (known.isEmpty()) {
                    OutboxSql.event(c, clientRequestId, "", v.valid() ? "REPORT_RECEIVED" : "REPORT_REFUSED",
                            OutboxSql.clip("report " + reportId + " version " + version + (v.valid()
                                    ? ", signatures valid, signed by " + v.signedBy() + (v.signedAt() == null ? ""
                                    : " at " + v.signedAt()) : ", not verified: " + v.problem())));
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw new IllegalStateException("the returned report cannot be kept: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox cannot be written: " + e.getMessage(), e);
        }
        if (v.valid() && filer != null) {
            file(clientRequestId, returned);
        }
        return find(clientRequestId, reportId, version).orElseThrow();
    }

    private void file(String clientRequestId, ReturnedReport returned) {
        try {
            filer.file(returned);
            OutboxSql.update(db, "UPDATE outbox_reports SET filed_at = ? WHERE client_request_id = ? AND report_id = ? "
                    + "AND version = ?", Timestamp.from(Instant.now()), clientRequestId, returned.report().id(),
                    returned.report().version());
            OutboxSql.event(db, clientRequestId, "REPORT_FILED", "SR and PDF of version " + returned.report().version()
                    + " filed into study " + returned.report().study().studyUid());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The report of {} cannot be filed into the local study: {}", clientRequestId, e.getMessage());
            OutboxSql.update(db, "UPDATE outbox_requests SET last_error = ? WHERE client_request_id = ?",
                    OutboxSql.clip("the report was received but cannot be filed into the local study: " + e.getMessage()),
                    clientRequestId);
        }
    }

    /**
     * Asks the center how each request still waiting for its report stands (what a missed push
     * hides), and receives the reports of those it reports.
     *
     * @return how many reports were received
     */
    public int refresh(CenterClient client) throws CenterException {
        int received = 0;
        for (String[] open : OutboxSql.rows(db, "SELECT r.client_request_id, r.center_request_id FROM outbox_requests r "
                + "WHERE r.center_request_id IS NOT NULL AND r.state = 'RECEIVED' AND r.center_state NOT IN "
                + "('CANCELLED', 'RETURNED') AND NOT EXISTS (SELECT 1 FROM outbox_reports x WHERE x.client_request_id "
                + "= r.client_request_id AND " + (filer == null ? "x.verified" : "x.filed_at IS NOT NULL")
                + ") ORDER BY r.created_at")) {
            try {
                CenterRequest r = client.request(UUID.fromString(open[1]));
                follow(open[0], r);
                if (r.state() == RequestState.REPORTED) {
                    received += receive(client, open[0], r.id()).verified() ? 1 : 0;
                }
            } catch (CenterException e) {
                if (e.status() == 0 || e.status() >= 500 || e.status() == 401) {
                    throw e;                    // the center is away: the next look resumes
                }
                // this request's trouble is its own: said, and the others are still looked at
                OutboxSql.update(db, "UPDATE outbox_requests SET last_error = ? WHERE client_request_id = ?",
                        OutboxSql.clip(e.getMessage()), open[0]);
            }
        }
        return received;
    }

    /** Said before what the center asks of the hospital, in the request's problem. */
    static final String RETURNED = "returned by the center: ";
    static final String ASKED = "the center asks for more images: ";

    /**
     * Records where the center says a request stands and what it asks of the hospital (the reason
     * it returned it, the images it asks for) as the request's problem, until it asks nothing.
     */
    public void follow(String clientRequestId, CenterRequest r) {
        centerState(clientRequestId, r.state());
        String asked = r.note().isEmpty() ? "" : (r.state() == RequestState.RETURNED ? RETURNED : ASKED) + r.note();
        OutboxSql.update(db, "UPDATE outbox_requests SET last_error = ? WHERE client_request_id = ? AND (last_error = '' "
                + "OR last_error LIKE ? OR last_error LIKE ?)", OutboxSql.clip(asked), clientRequestId, RETURNED + "%",
                ASKED + "%");
    }

    /** Records where the center says a request stands (from a pushed event or a look). */
    void centerState(String clientRequestId, RequestState state) {
        OutboxSql.update(db, "UPDATE outbox_requests SET center_state = ?, updated_at = ? WHERE client_request_id = ? "
                + "AND state = 'RECEIVED' AND center_state <> ?", state.name(), Timestamp.from(Instant.now()),
                clientRequestId, state.name());
    }

    /** Whether the request is in this outbox. */
    public boolean knows(String clientRequestId) {
        return OutboxSql.string(db, "SELECT client_request_id FROM outbox_requests WHERE client_request_id = ?",
                clientRequestId) != null;
    }

    /** The reports kept for a request, newest first. */
    public List<Received> of(String clientRequestId) {
        return query("WHERE client_request_id = ? ORDER BY received_at DESC, version DESC", clientRequestId);
    }

    /** The latest report kept for a request, as received. */
    public Optional<ReturnedReport> latest(String clientRequestId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT payload FROM "
                + "outbox_reports WHERE client_request_id = ? ORDER BY received_at DESC, version DESC")) {
            ps.setString(1, clientRequestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(json.readValue(rs.getBytes(1), ReturnedReport.class)) : Optional.empty();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the outbox cannot be read: " + e.getMessage(), e);
        }
    }

    private Optional<Received> find(String clientRequestId, long reportId, int version) {
        return query("WHERE client_request_id = ? AND report_id = ? AND version = ?", clientRequestId, reportId, version)
                .stream().findFirst();
    }

    private List<Received> query(String where, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT client_request_id, "
                + "report_id, version, verified, problem, signed_by, signed_at, received_at, filed_at FROM "
                + "outbox_reports " + where)) {
            OutboxSql.bind(ps, params);
            List<Received> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Received(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getBoolean(4),
                            rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox cannot be read: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
