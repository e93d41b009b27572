package org.fovea.center.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.center.CenterJson;
import org.fovea.center.RequestState;
import org.fovea.center.ReturnedReport;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.signature.ReportSignatures;
import org.fovea.reporting.store.JdbcReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the center's reporting database (the experts' department database) for the reports of
 * open requests' studies, every {@link #PERIOD_MS} ms: a report started on an assigned request puts
 * it IN_REVIEW; a report signed final, its signatures checked, is kept in {@code request_reports}
 * as the hospital will receive it and the request becomes REPORTED (the trace line, announced at
 * commit, reaches the hospital's workstations through {@link EventFeed}). A final report recalled
 * and signed again goes back as its new version; critical values raised to the requesting
 * hospital are relayed ({@link CriticalRelay}). Several instances may watch at once: the table's
 * key lets one of them record each version. What it remembers in memory only spares it work.
 */
final class ReportWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportWatcher.class);
    static final long PERIOD_MS = 250;
    /** A reported request is still watched this long, for a report recalled and signed again. */
    private static final String CORRECTIONS = "7 days";

    private final DataSource center;
    private final ReportingDatabase reporting;
    private final CriticalRelay criticals;
    private final ObjectMapper json = CenterJson.mapper();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "center-report-watcher");
        t.setDaemon(true);
        return t;
    });
    /** Each report's last version and status handled, so an unchanged report costs nothing. */
    private final Map<Long, String> seen = new HashMap<>();

    ReportWatcher(DataSource center, ReportingDatabase reporting, CriticalRelay criticals) {
        this.center = center;
        this.reporting = reporting;
        this.criticals = criticals;
    }

    void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                LOG.warn("Watching the reports failed; trying again: {}", e.getMessage());
            }
        }, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private record Open(UUID id, String studyUid, RequestState state, long createdMs, String hospital) {
    }

    private record Row(long id, String studyUid, int version, ReportStatus status, String author, long updatedMs) {
    }

    /** One look: the open requests' studies, their reports, and what changed since the last look. */
    void poll() {
        List<Open> open = Jdbc.query(center, "SELECT r.id, r.study_uid, r.state, r.created_at, h.code FROM requests r "
                + "JOIN hospitals h ON h.id = r.hospital_id WHERE r.state IN ('RECEIVED', 'ASSIGNED', 'IN_REVIEW') OR "
                + "(r.state = 'REPORTED' AND r.updated_at > now() - interval '" + CORRECTIONS + "')", rs -> new Open(
                rs.getObject(1, UUID.class), rs.getString(2), RequestState.valueOf(rs.getString(3)),
                rs.getTimestamp(4).getTime(), rs.getString(5)));
        if (open.isEmpty()) {
            return;
        }
        criticals.poll(open.stream().map(o -> new CriticalRelay.Open(o.id(), o.studyUid(), o.hospital())).toList());
        draftLocalReports();
        Map<String, List<Open>> byStudy = new HashMap<>();
        open.forEach(o -> byStudy.computeIfAbsent(o.studyUid(), k -> new ArrayList<>()).add(o));
        for (Row r : reports(new ArrayList<>(byStudy.keySet()))) {
            String now = r.version() + "|" + r.status();
            if (now.equals(seen.get(r.id()))) {
                continue;
            }
            boolean done = true;
            for (Open o : byStudy.get(r.studyUid())) {
                done &= handle(o, r);
            }
            if (done) {
                seen.put(r.id(), now);
            }
        }
    }

    /**
     * D1: the hospital's own report of an assigned request becomes its expert's draft (once, with
     * the request's row locked, however many instances look), for the expert to review and sign.
     */
    private void draftLocalReports() {
        List<UUID> waiting = Jdbc.query(center, "SELECT r.id FROM requests r WHERE r.state = 'ASSIGNED' AND "
                + "r.local_report <> '' AND NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND "
                + "e.what = 'LOCAL_REPORT_DRAFTED')", rs -> rs.getObject(1, UUID.class));
        for (UUID id : waiting) {
            try (Connection c = center.getConnection()) {
                c.setAutoCommit(false);
                try {
                    try (PreparedStatement lock = c.prepareStatement("SELECT id FROM requests WHERE id = ? FOR UPDATE")) {
                        lock.setObject(1, id);
                        lock.executeQuery().close();
                    }
                    boolean done;
                    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM request_events WHERE request_id = ? "
                            + "AND what = 'LOCAL_REPORT_DRAFTED'")) {
                        ps.setObject(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            done = rs.next();
                        }
                    }
                    org.fovea.center.CenterRequest r = Requests.find(c, id).orElseThrow();
                    if (!done && r.assignedTo() != null) {
                        String json;
                        String hospital;
                        try (PreparedStatement ps = c.prepareStatement("SELECT r.local_report, h.name FROM requests r "
                                + "JOIN hospitals h ON h.id = r.hospital_id WHERE r.id = ?")) {
                            ps.setObject(1, id);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                json = rs.getString(1);
                                hospital = rs.getString(2);
                            }
                        }
                        org.fovea.center.LocalReport local = this.json.readValue(json, org.fovea.center.LocalReport.class);
                        Report saved = new JdbcReports(reporting.dataSource()).save(Report.draft(study(r, hospital,
                                        local), "", r.assignedTo()).withText(nonNull(local.findings()),
                                        nonNull(local.impression())), r.assignedTo(), "CENTER");
                        Requests.event(c, id, null, "", "LOCAL_REPORT_DRAFTED", "the hospital's report by "
                                + local.author() + " is report " + saved.id() + ", " + r.assignedTo() + "'s to review");
                    }
                    c.commit();
                } catch (SQLException | RuntimeException | java.io.IOException
                         | org.fovea.reporting.ReportConflictException e) {
                    c.rollback();
                    LOG.warn("The hospital's report of request {} cannot be made a draft: {}", id, e.getMessage());
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the center's database cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /** What a report knows of its study, from the request (the expert's report header). */
    private static org.fovea.reporting.StudyRef study(org.fovea.center.CenterRequest r, String hospital,
                                                     org.fovea.center.LocalReport local) {
        java.time.LocalDate born = r.patientBirthDate().matches("[0-9]{8}") ? java.time.LocalDate.parse(
                r.patientBirthDate(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE) : null;
        return new org.fovea.reporting.StudyRef(r.studyUid(), r.accessionNumber(), r.patientId(), r.patientName(),
                r.patientSex(), born, "", null, r.modality(), r.bodyPart(), r.examDescription(), hospital,
                "基层医院初步报告（" + nonNull(local.author()) + "），请审核。" + (r.question().isEmpty() ? ""
                        : "问题：" + r.question()));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private List<Row> reports(List<String> studies) {
        List<Row> out = new ArrayList<>();
        try (Connection c = reporting.dataSource().getConnection()) {
            for (int from = 0; from < studies.size(); from += 500) {
                List<String> chunk = studies.subList(from, Math.min(studies.size(), from + 500));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT id, study_uid, version, status, author, "
                        + "updated_ms FROM reports WHERE study_uid IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Row(rs.getLong(1), rs.getString(2), rs.getInt(3),
                                    ReportStatus.valueOf(rs.getString(4)), rs.getString(5), rs.getLong(6)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the reporting database cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** What one report means for one request; false when it should be looked at again. */
    private boolean handle(Open o, Row r) {
        if (r.updatedMs() < o.createdMs()) {
            return true;                        // a report of the study from before this request (an earlier reading)
        }
        if (r.status() == ReportStatus.FINAL) {
            return publish(o, r);
        }
        if (o.state() == RequestState.ASSIGNED) {
            transition(o.id(), RequestState.ASSIGNED, RequestState.IN_REVIEW, account(r.author()), "IN_REVIEW",
                    "report " + r.id() + " started by " + r.author());
        }
        return true;
    }

    private boolean publish(Open o, Row r) {
        if (Jdbc.queryLong(center, "SELECT 1 FROM request_reports WHERE request_id = ? AND report_id = ? AND version = ?",
                o.id(), r.id(), r.version()).isPresent()) {
            return true;
        }
        ReportSignatures signatures = new ReportSignatures(reporting);
        ReportSignatures.Verification v = signatures.verify(r.id());
        if (!v.valid()) {
            String problem = !v.problems().isEmpty() ? v.problems().get(0) : v.signatures().stream()
                    .filter(s -> !s.valid()).map(ReportSignatures.Checked::problem).findFirst().orElse("");
            LOG.warn("Report {} of request {} is final but its signatures do not check: {}", r.id(), o.id(), problem);
            traceOnce(o.id(), "REPORT_INVALID", "report " + r.id() + " version " + r.version()
                    + " is not returned: " + problem);
            return true;
        }
        Optional<Report> report = new JdbcReports(reporting.dataSource()).find(r.id());
        if (report.isEmpty() || report.get().version() != r.version()) {
            return false;
        }
        List<ReturnedReport.Signature> signed = signatures.signed(r.id()).stream()
                .map(s -> new ReturnedReport.Signature(s.version(), s.level(), s.action(), s.login(), s.content(), s.cms()))
                .toList();
        String signer = signed.get(signed.size() - 1).login();
        Instant now = Instant.now();
        try (Connection c = center.getConnection()) {
            c.setAutoCommit(false);
            try {
                String clientId;
                String centerName;
                try (PreparedStatement ps = c.prepareStatement("SELECT r.client_request_id, COALESCE((SELECT name FROM "
                        + "hospitals WHERE is_center ORDER BY id LIMIT 1), '') FROM requests r WHERE r.id = ?")) {
                    ps.setObject(1, o.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        clientId = rs.getString(1);
                        centerName = rs.getString(2);
                    }
                }
                String payload = json.writeValueAsString(new ReturnedReport(o.id(), clientId, centerName, report.get(),
                        signed, now));
                int inserted;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO request_reports (request_id, report_id, "
                        + "version, payload, reported_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    Jdbc.bind(ps, o.id(), r.id(), r.version(), payload, Timestamp.from(now));
                    inserted = ps.executeUpdate();
                }
                if (inserted == 1) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE requests SET state = 'REPORTED', updated_at = ? WHERE id = ?")) {
                        Jdbc.bind(ps, Timestamp.from(now), o.id());
                        ps.executeUpdate();
                    }
                    Requests.event(c, o.id(), account(signer).orElse(null), "", "REPORTED", "report " + r.id()
                            + " version " + r.version() + " signed by " + signer);
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw new IllegalStateException("report " + r.id() + " cannot be recorded: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database cannot be written: " + e.getMessage(), e);
        }
    }

    private void transition(UUID id, RequestState from, RequestState to, Optional<Account> who, String what,
                            String detail) {
        try (Connection c = center.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE requests SET state = ?, updated_at = ? WHERE id = ? AND state = ?")) {
                Jdbc.bind(ps, to.name(), Timestamp.from(Instant.now()), id, from.name());
                if (ps.executeUpdate() == 1) {
                    Requests.event(c, id, who.orElse(null), "", what, detail);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the center's database cannot be written: " + e.getMessage(), e);
        }
    }

    /** A trace line written once, however many instances and looks find the same thing. */
    private void traceOnce(UUID id, String what, String detail) {
        Jdbc.update(center, "INSERT INTO request_events (request_id, at, workstation, what, detail) SELECT ?, ?, '', ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM request_events WHERE request_id = ? AND what = ? AND detail = ?)",
                id, Timestamp.from(Instant.now()), what, detail, id, what, detail);
    }

    /** The center's account of a reporting user of the same login (experts have one of each). */
    private Optional<Account> account(String login) {
        return Jdbc.query(center, "SELECT a.id, a.hospital_id, h.code, a.login, a.display_name, a.role, a.expert_group "
                + "FROM accounts a JOIN hospitals h ON h.id = a.hospital_id WHERE a.login = ?", rs -> new Account(
                rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                org.fovea.center.Role.valueOf(rs.getString(6)), rs.getString(7)), login).stream().findFirst();
    }

    @Override
    public void close() {
        timer.shutdown();                   // not interrupting a look that may be writing (see RemoteWatch.close)
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
