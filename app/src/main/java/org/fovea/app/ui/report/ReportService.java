package org.fovea.app.ui.report;

import org.fovea.app.ui.common.FxFutures;
import org.fovea.app.ui.common.Threads;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportQuery;
import org.fovea.reporting.ReportSummary;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.Reports;
import org.fovea.reporting.alert.Alert;
import org.fovea.reporting.alert.AlertRefused;
import org.fovea.reporting.alert.AlertWatch;
import org.fovea.reporting.alert.CriticalAlerts;
import org.fovea.reporting.alert.CriticalValue;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.ReportSignatures;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcReports;
import org.fovea.reporting.store.JdbcSignOffs;
import org.fovea.reporting.workflow.SignOffAction;
import org.fovea.reporting.workflow.SignOffState;
import org.fovea.reporting.template.ReportTemplate;
import org.fovea.reporting.template.TemplateLibrary;
import org.fovea.reporting.template.Templates;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The department's reports and templates as the UI sees them: every call runs on one background
 * thread (the department database may be another machine's PostgreSQL) and completes on the FX
 * thread, so the editor never waits for the network.
 */
public final class ReportService implements AutoCloseable {

    private final ExecutorService worker = Threads.pool("fovea-reports", 1);
    // written once by the worker's first task, read only by its later ones
    private Reports reports;
    private Templates templates;
    private ReportingDatabase database;
    private RuntimeException openError;

    private ReportService() {
    }

    /**
     * The reports of a workstation's home: its department database ({@code department.json}, or
     * the embedded H2), opened on the report thread so the window does not wait for it.
     */
    public static ReportService open(Path home) {
        ReportService s = new ReportService();
        s.worker.execute(() -> {
            try {
                ReportingDatabase db = ReportingDatabase.forHome(home);
                s.database = db;
                s.reports = new JdbcReports(db);
                s.templates = new TemplateLibrary(db.dataSource());
            } catch (RuntimeException e) {
                s.openError = e;
            }
        });
        return s;
    }

    public CompletableFuture<Report> save(Report report) {
        return async(() -> {
            try {
                return reports.save(report);
            } catch (org.fovea.reporting.ReportConflictException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** Saves, recording who saved this version and from which workstation (a reviewer's edits are theirs). */
    public CompletableFuture<Report> save(Report report, String savedBy) {
        return async(() -> {
            try {
                return reports.save(report, savedBy, Actor.thisWorkstation());
            } catch (org.fovea.reporting.ReportConflictException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** Where the report stands in its sign-off. */
    public CompletableFuture<SignOffState> signOffState(long id) {
        return async(() -> new JdbcSignOffs(database, null).state(id));
    }

    /** How many levels the department asks for a report of this exam. */
    public CompletableFuture<Integer> levelsFor(Report r) {
        return async(() -> new JdbcSignOffs(database, null).policy().levelsFor(r.study().modality(), r.study().examItem()));
    }

    /**
     * Takes a sign-off step on the report as the user saw it; a signed step (submit, approve)
     * unlocks the user's signing key with {@code password}, which is cleared afterwards.
     */
    public CompletableFuture<Report> step(Report seen, User user, SignOffAction action, String reason, char[] password) {
        return async(() -> {
            try {
                new JdbcSignOffs(database, null).check(seen.id(), user, action, reason);
                if (action == SignOffAction.ADDENDUM) {
                    // the "reason" of an addendum is its text
                    new JdbcSignOffs(database, null).addendum(seen.id(), user, reason, Actor.thisWorkstation(),
                            ReportSignatures.addendumSigner(new SigningKeys(database).unlock(user.login(), password)));
                    return reports.find(seen.id()).orElseThrow();
                }
                boolean signs = action == SignOffAction.SUBMIT || action == SignOffAction.APPROVE;
                JdbcSignOffs.Signer signer = signs
                        ? ReportSignatures.signer(new SigningKeys(database).unlock(user.login(), password)) : null;
                return new JdbcSignOffs(database, signer).act(seen.id(), seen.version(), user, action, reason,
                        Actor.thisWorkstation());
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            } finally {
                if (password != null) {
                    java.util.Arrays.fill(password, '\0');
                }
            }
        });
    }

    /** Every saved version of a report, oldest first. */
    public CompletableFuture<List<org.fovea.reporting.ReportVersion>> versions(long id) {
        return async(() -> reports.versions(id));
    }

    /** Every signature of the report checked. */
    public CompletableFuture<ReportSignatures.Verification> verify(long id) {
        return async(() -> new ReportSignatures(database).verify(id));
    }

    /** What heads the worklist and what is late: open emergencies, overdue reports, the deadlines. */
    public record Worklist(List<ReportSummary> emergencies, List<ReportSummary> overdue,
                           org.fovea.reporting.workflow.Turnaround turnaround) {
    }

    public CompletableFuture<Worklist> worklist() {
        return async(() -> {
            org.fovea.reporting.workflow.Turnaround t = new JdbcSignOffs(database, null).turnaround();
            return new Worklist(reports.openEmergencies(), reports.overdue(t, java.time.Instant.now()), t);
        });
    }

    public CompletableFuture<Void> setPriority(long id, org.fovea.reporting.Priority p) {
        return async(() -> {
            reports.setPriority(id, p);
            return null;
        });
    }

    public CompletableFuture<org.fovea.reporting.Priority> priority(long id) {
        return async(() -> reports.priority(id));
    }

    // ---- administration (an administrator's, each change audited) ----

    /** Every user, active or not. */
    public CompletableFuture<List<User>> allUsers() {
        return async(() -> new Users(database).list());
    }

    /** A change to the users by an administrator, with its audit record. */
    public CompletableFuture<Void> changeUsers(User admin, AuditAction action, String target, String detail,
                                               java.util.function.Consumer<Users> change) {
        return async(() -> {
            change.accept(new Users(database));
            new AuditLog(database).append(Actor.here(admin.login()), action, "user", Users.normalise(target), detail);
            return null;
        });
    }

    public CompletableFuture<Optional<java.security.cert.X509Certificate>> caCertificate() {
        return async(() -> new SigningKeys(database).caCertificate());
    }

    public CompletableFuture<java.security.cert.X509Certificate> createCa(User admin, org.fovea.reporting.signature.Algorithm a,
                                                                         String name, char[] password) {
        return async(() -> {
            try {
                return new SigningKeys(database).createCa(a, name, password, Actor.here(admin.login()));
            } catch (java.security.GeneralSecurityException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    public CompletableFuture<java.security.cert.X509Certificate> issueKey(User admin, String login,
                                                                         org.fovea.reporting.signature.Algorithm a,
                                                                         char[] caPassword, char[] userPassword) {
        return async(() -> {
            try {
                User u = new Users(database).find(login).orElseThrow();
                return new SigningKeys(database).issue(u, a, caPassword, userPassword, Actor.here(admin.login()));
            } catch (java.security.GeneralSecurityException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    public record DepartmentRules(org.fovea.reporting.workflow.SignOffPolicy signOff,
                                  org.fovea.reporting.workflow.Turnaround turnaround) {
    }

    public CompletableFuture<DepartmentRules> departmentRules() {
        return async(() -> {
            JdbcSignOffs s = new JdbcSignOffs(database, null);
            return new DepartmentRules(s.policy(), s.turnaround());
        });
    }

    public CompletableFuture<Void> setDepartmentRules(User admin, DepartmentRules rules) {
        return async(() -> {
            JdbcSignOffs s = new JdbcSignOffs(database, null);
            s.setPolicy(rules.signOff(), Actor.here(admin.login()));
            s.setTurnaround(rules.turnaround(), Actor.here(admin.login()));
            return null;
        });
    }

    /** The audit log searched (an administrator's), and the chain checked. */
    public CompletableFuture<List<org.fovea.reporting.audit.AuditRecord>> auditSearch(java.time.Instant from,
                                                                                      java.time.Instant to, String user) {
        return async(() -> new AuditLog(database).search(from, to, user, null, 5000));
    }

    public CompletableFuture<org.fovea.reporting.audit.AuditCheck> auditVerify() {
        return async(() -> new AuditLog(database).verify());
    }

    // ---- teaching cases (P8) ----

    public CompletableFuture<org.fovea.reporting.teaching.TeachingCase> markTeaching(org.fovea.reporting.StudyRef s,
                                                                                      String category, String note,
                                                                                      String by) {
        return async(() -> new org.fovea.reporting.teaching.TeachingCases(database).mark(s, category, note, by));
    }

    public CompletableFuture<List<org.fovea.reporting.teaching.TeachingCase>> teachingCases(String category) {
        return async(() -> new org.fovea.reporting.teaching.TeachingCases(database).list(category));
    }

    public CompletableFuture<List<String>> teachingCategories() {
        return async(() -> new org.fovea.reporting.teaching.TeachingCases(database).categories());
    }

    /** The department's critical values. */
    public CompletableFuture<List<CriticalValue>> criticalValues() {
        return async(() -> new CriticalAlerts(database).catalogue());
    }

    /** The department's active users (recipients of alerts are chosen among them). */
    public CompletableFuture<List<User>> users() {
        return async(() -> new Users(database).list().stream().filter(User::active).toList());
    }

    public CompletableFuture<Alert> raise(Report r, User sender, String finding, String recipient, String backup,
                                         String head, String note) {
        return async(() -> {
            try {
                return new CriticalAlerts(database).raise(r, sender, finding, recipient, backup, head, note,
                        Actor.thisWorkstation());
            } catch (AlertRefused e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    public CompletableFuture<Alert> acknowledge(long id, User user, String readBack) {
        return async(() -> {
            try {
                return new CriticalAlerts(database).acknowledge(id, user, readBack, Actor.thisWorkstation());
            } catch (AlertRefused e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    public CompletableFuture<Void> alertSeen(long id, String login) {
        return async(() -> {
            new CriticalAlerts(database).seen(id, login, Actor.thisWorkstation());
            return null;
        });
    }

    /** The alerts a user must act on, those they raised, and every alert (open ones first asked). */
    public CompletableFuture<AlertLists> alerts(String login) {
        return async(() -> {
            CriticalAlerts a = new CriticalAlerts(database);
            return new AlertLists(a.openFor(login), a.raisedBy(login), a.list(false));
        });
    }

    public record AlertLists(List<Alert> forMe, List<Alert> raisedByMe, List<Alert> all) {
    }

    /** Escalates the alerts past their deadline (every workstation asks; each alert escalates once). */
    public CompletableFuture<List<Alert>> escalateDue() {
        return async(() -> new CriticalAlerts(database).escalateDue());
    }

    /** Calls {@code changed} (on the watch's thread) whenever an alert changes on any workstation. */
    public CompletableFuture<AutoCloseable> watchAlerts(java.util.function.LongConsumer changed) {
        return async(() -> AlertWatch.start(database, changed));
    }

    /** An entry in the audit log (opening a report or a study, an export). */
    public CompletableFuture<Void> audit(String login, AuditAction action, String objectType, String objectId, String detail) {
        return async(() -> {
            new AuditLog(database).append(Actor.here(login), action, objectType, objectId, detail);
            return null;
        });
    }

    public CompletableFuture<List<Report>> ofStudy(String studyUid) {
        return async(() -> reports.ofStudy(studyUid));
    }

    public CompletableFuture<Optional<Report>> find(long id) {
        return async(() -> reports.find(id));
    }

    public CompletableFuture<List<ReportSummary>> priors(String patientId, String studyUid) {
        return async(() -> reports.priors(patientId, studyUid));
    }

    public CompletableFuture<Reports.ReportPage> search(ReportQuery query) {
        return async(() -> reports.search(query));
    }

    public CompletableFuture<Optional<Report>> autosaved(long id) {
        return async(() -> reports.autosaved(id));
    }

    /** Queued behind any save already asked for, so an autosave never lands after the save it precedes. */
    public CompletableFuture<Void> autosave(Report editing) {
        return async(() -> {
            reports.autosave(editing);
            return null;
        });
    }

    public CompletableFuture<List<ReportTemplate>> templates(String bodyPart, String examItem, String search) {
        return async(() -> templates.list(bodyPart, examItem, search));
    }

    public CompletableFuture<Optional<ReportTemplate>> template(String id) {
        return async(() -> templates.find(id));
    }

    /** Runs other report work (export, import of a template) on the same thread, with the store and the library. */
    public <T> CompletableFuture<T> call(java.util.function.BiFunction<Reports, Templates, T> work) {
        return async(() -> work.apply(reports, templates));
    }

    private <T> CompletableFuture<T> async(Supplier<T> work) {
        return FxFutures.onFx(() -> {
            if (openError != null) {
                throw openError;
            }
            return work.get();
        }, worker);
    }

    /** Waits up to 10 s for a queued save or autosave, then closes the database. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            if (database != null) {
                database.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(ReportService.class).warn("Closing the department database: {}", e.toString());
        }
    }
}
