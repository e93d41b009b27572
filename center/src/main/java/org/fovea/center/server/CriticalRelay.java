package org.fovea.center.server;

import org.fovea.center.RemoteCritical;
import org.fovea.center.Role;
import org.fovea.center.demo.ExpertDepartment;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.alert.AlertRefused;
import org.fovea.reporting.alert.CriticalAlerts;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Critical values across hospitals (D7), on the critical-value loop the reporting module already
 * has: an expert raises an alert from the report editor to the requesting hospital (its stand-in
 * user, {@link ExpertDepartment#siteLogin}); the center relays it to that hospital with the
 * request (a CRITICAL trace line, pushed); the hospital's doctor acknowledges with a read-back,
 * which the center records on the alert in the reporting database, so the expert's workstation is
 * told as for any acknowledgement, and the trace says CRITICAL_ACKNOWLEDGED. An alert not
 * acknowledged in time escalates at the center as any other (the alert service).
 */
final class CriticalRelay {

    private static final long SITES_EVERY_MS = 60_000;

    private final DataSource center;
    private final ReportingDatabase reporting;
    private final Requests requests;
    /** Alerts already relayed (memory spares only work: the table's key keeps each once). */
    private final Set<Long> relayed = new HashSet<>();
    private long sitesChecked;

    CriticalRelay(DataSource center, ReportingDatabase reporting) {
        this.center = center;
        this.reporting = reporting;
        this.requests = new Requests(center);
    }

    /** An open request as the relay needs it: its study and hospital. */
    record Open(UUID id, String studyUid, String hospital) {
    }

    /** One look at the alerts raised to hospitals on the open requests' studies; relays the new ones. */
    void poll(List<Open> open) {
        if (System.currentTimeMillis() - sitesChecked > SITES_EVERY_MS) {
            Map<String, String> hospitals = new LinkedHashMap<>();
            Jdbc.query(center, "SELECT code, name FROM hospitals WHERE NOT is_center",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}).forEach(h -> hospitals.put(h[0], h[1]));
            ExpertDepartment.sites(reporting, hospitals);
            sitesChecked = System.currentTimeMillis();
        }
        Map<String, List<Open>> byStudy = new HashMap<>();
        open.forEach(o -> byStudy.computeIfAbsent(o.studyUid(), k -> new ArrayList<>()).add(o));
        if (byStudy.isEmpty()) {
            return;
        }
        List<String> studies = new ArrayList<>(byStudy.keySet());
        try (Connection c = reporting.dataSource().getConnection()) {
            for (int from = 0; from < studies.size(); from += 500) {
                List<String> chunk = studies.subList(from, Math.min(studies.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT id, study_uid, finding, category, note, sender, "
                        + "recipient, raised_ms, due_ms FROM critical_alerts WHERE recipient LIKE 'site.%' AND study_uid "
                        + "IN (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                    Jdbc.bind(ps, chunk.toArray());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (relayed.contains(rs.getLong(1))) {
                                continue;
                            }
                            String hospital = ExpertDepartment.hospitalOf(rs.getString(7));
                            for (Open o : byStudy.get(rs.getString(2))) {
                                if (o.hospital().equals(hospital)) {
                                    relay(o.id(), new RemoteCritical(rs.getLong(1), rs.getString(3), rs.getString(4),
                                            rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(8)),
                                            Instant.ofEpochMilli(rs.getLong(9)), "", "", null));
                                }
                            }
                            relayed.add(rs.getLong(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the reporting database's alerts cannot be read: " + e.getMessage(), e);
        }
    }

    private void relay(UUID request, RemoteCritical a) {
        try (Connection c = center.getConnection()) {
            c.setAutoCommit(false);
            try {
                int inserted = Jdbc.execute(c, "INSERT INTO request_criticals (request_id, alert_id, finding, category, "
                        + "note, sender, raised_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        request, a.alertId(), a.finding(), a.category(), a.note(), a.sender(),
                        Timestamp.from(a.raisedAt()), Timestamp.from(a.dueAt()));
                if (inserted == 1) {
                    Requests.event(c, request, null, "", "CRITICAL", a.finding() + " (" + a.category() + ")"
                            + (a.note().isEmpty() ? "" : ": " + a.note()) + "; acknowledge by " + a.dueAt());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the critical value cannot be relayed: " + e.getMessage(), e);
        }
    }

    /** The critical values of a request the account may see, oldest first. */
    List<RemoteCritical> list(Account who, UUID id) {
        requests.get(who, id);
        return Jdbc.query(center, "SELECT alert_id, finding, category, note, sender, raised_at, due_at, acknowledged_by, "
                + "read_back, acknowledged_at FROM request_criticals WHERE request_id = ? ORDER BY raised_at",
                rs -> new RemoteCritical(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                        rs.getString(8), rs.getString(9), rs.getTimestamp(10) == null ? null
                        : rs.getTimestamp(10).toInstant()), id);
    }

    /**
     * The requesting hospital's doctor acknowledges a critical value with the read-back (what they
     * understood): recorded on the alert at the center, where its sender is told.
     */
    RemoteCritical acknowledge(Account who, String workstation, UUID id, long alertId, String readBack) {
        if (who.role() != Role.DOCTOR) {
            throw ApiException.forbidden("the requesting hospital's doctors acknowledge its critical values");
        }
        if (readBack == null || readBack.isBlank()) {
            throw ApiException.badRequest("\"readBack\" is missing: read the finding back in your own words");
        }
        RemoteCritical a = list(who, id).stream().filter(x -> x.alertId() == alertId).findFirst()
                .orElseThrow(() -> ApiException.notFound("request " + id + " has no critical value " + alertId));
        if (!a.open()) {
            throw new ApiException(409, "critical value " + alertId + " was acknowledged by " + a.acknowledgedBy()
                    + " at " + a.acknowledgedAt());
        }
        String by = who.name() + " (" + who.login() + ", " + who.hospitalCode() + ")";
        User site = new Users(reporting).find(ExpertDepartment.siteLogin(who.hospitalCode())).orElseThrow(
                () -> new ApiException(409, "the center has no stand-in for " + who.hospitalCode() + " yet"));
        try {
            new CriticalAlerts(reporting).acknowledge(alertId, site, by + ": " + readBack.strip(), workstation);
        } catch (AlertRefused e) {
            throw new ApiException(409, e.getMessage());
        }
        try (Connection c = center.getConnection()) {
            c.setAutoCommit(false);
            try {
                Jdbc.execute(c, "UPDATE request_criticals SET acknowledged_by = ?, read_back = ?, acknowledged_at = ? "
                        + "WHERE request_id = ? AND alert_id = ?", by, readBack.strip(), Timestamp.from(Instant.now()),
                        id, alertId);
                Requests.event(c, id, who, workstation, "CRITICAL_ACKNOWLEDGED", a.finding() + ": " + readBack.strip());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the acknowledgement cannot be recorded: " + e.getMessage(), e);
        }
        return list(who, id).stream().filter(x -> x.alertId() == alertId).findFirst().orElseThrow();
    }
}
