package org.fovea.reporting.workflow;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportConflictException;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportVersion;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.audit.AuditRecord;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.store.JdbcReports;
import org.fovea.reporting.store.JdbcSignOffs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sign-off in the department database, on each database: a junior's report through three levels
 * (a senior's edit kept as theirs), recalled with a searchable reason; a refused step leaves no
 * trace; and two reviewers approving at the same moment on two workstations: exactly one wins and
 * the other is told who did.
 */
abstract class SignOffsContract {

    abstract ReportingDatabase openDatabase();

    private final List<ReportingDatabase> opened = new ArrayList<>();

    private ReportingDatabase db() {
        ReportingDatabase d = openDatabase();
        opened.add(d);
        return d;
    }

    @AfterEach
    void close() {
        opened.forEach(ReportingDatabase::close);
    }

    private static final StudyRef CT = new StudyRef("1.2.840.9.1", "ACC9001", "P9001", "ZHAO^LEI=赵^磊", "M",
            LocalDate.of(1960, 1, 2), "066Y", LocalDate.of(2026, 12, 3), "CT", "CHEST", "CT胸部平扫", "刘主任", "胸痛");

    private User junior;
    private User senior;
    private User senior2;
    private User chief;

    private void users(ReportingDatabase d) {
        Users users = new Users(d);
        junior = users.create("li", "李明", Role.JUNIOR_RADIOLOGIST, "Li-2026-write".toCharArray());
        senior = users.create("zhang", "张伟", Role.SENIOR_RADIOLOGIST, "Zw-2026-read".toCharArray());
        senior2 = users.create("wang", "王芳", Role.SENIOR_RADIOLOGIST, "Wf-2026-read".toCharArray());
        chief = users.create("chen", "陈主任", Role.CHIEF, "Chen-2026-sign".toCharArray());
    }

    @Test
    void aJuniorsReportIsSignedAtThreeLevelsThenRecalledWithASearchableReason() throws Exception {
        ReportingDatabase d = db();
        users(d);
        JdbcReports reports = new JdbcReports(d);
        JdbcSignOffs signOffs = new JdbcSignOffs(d, null);
        signOffs.setPolicy(new SignOffPolicy(2, Map.of("CT", 3), Map.of()), new Actor("admin", "ADMIN-PC"));
        assertThat(signOffs.policy().levelsFor("CT", "CT胸部平扫")).isEqualTo(3);

        Report draft = reports.save(Report.draft(CT, "ct-chest-zh", "li").withText("右肺上叶见结节。", "考虑良性。"),
                "li", "CT-READ-1");
        Report submitted = signOffs.act(draft.id(), draft.version(), junior, SignOffAction.SUBMIT, null, "CT-READ-1");
        assertThat(submitted.status()).isEqualTo(ReportStatus.SUBMITTED);

        signOffs.checkEdit(draft.id(), senior);
        assertThatThrownBy(() -> signOffs.checkEdit(draft.id(), junior)).isInstanceOf(SignOffRefused.class);
        // the senior reviews on another workstation of the department (its own connection pool)
        ReportingDatabase other = db();
        Report edited = new JdbcReports(other).save(submitted.withText("右肺上叶见部分实性结节，边缘分叶。", "考虑肺癌可能。"),
                "zhang", "CT-READ-2");
        Report approved = new JdbcSignOffs(other, null).act(draft.id(), edited.version(), senior, SignOffAction.APPROVE,
                null, "CT-READ-2");
        assertThat(approved.status()).isEqualTo(ReportStatus.SUBMITTED);
        Report signed = signOffs.act(draft.id(), approved.version(), chief, SignOffAction.APPROVE, null, "CHIEF-PC");
        assertThat(signed.status()).isEqualTo(ReportStatus.FINAL);
        assertThat(signed.findings()).isEqualTo("右肺上叶见部分实性结节，边缘分叶。");

        assertThat(signOffs.transitions(draft.id())).extracting(t -> t.action() + " " + t.level() + "/" + t.levels() + " "
                + t.login() + " " + t.to()).containsExactly("SUBMIT 1/3 li SUBMITTED", "APPROVE 2/3 zhang SUBMITTED",
                "APPROVE 3/3 chen FINAL");
        assertThat(reports.versions(draft.id())).extracting(ReportVersion::savedBy)
                .containsExactly("li", "li", "zhang", "zhang", "chen");
        assertThatThrownBy(() -> reports.save(signed.withText("改", "改"), "chen", "CHIEF-PC"))
                .isInstanceOf(ReportConflictException.class).hasMessageContaining("final and signed");

        Report recalled = signOffs.act(draft.id(), signed.version(), chief, SignOffAction.RECALL, "漏诊左侧第 5 肋骨折",
                "CHIEF-PC");
        assertThat(recalled.status()).isEqualTo(ReportStatus.RECALLED);
        assertThat(signOffs.returnsAndRecalls("肋骨折")).singleElement()
                .satisfies(t -> assertThat(t.name()).isEqualTo("陈主任"));
        assertThat(signOffs.state(draft.id()).corrected()).isTrue();
        assertThat(new AuditLog(d).search(null, null, "", null, 100)).extracting(AuditRecord::action)
                .containsSubsequence("SETTINGS_CHANGED", "SUBMIT_REPORT", "APPROVE_REPORT", "SIGN_REPORT", "RECALL_REPORT");
        assertThat(new AuditLog(d).verify().intact()).isTrue();
    }

    @Test
    void aRequiredFieldLeftEmptyBlocksTheSignatureNamingTheField() throws Exception {
        ReportingDatabase d = db();
        users(d);
        java.nio.file.Path html = java.nio.file.Files.createTempFile("required", ".html");
        java.nio.file.Files.writeString(html, "<html><head><title>CT 颅脑急诊</title>"
                + "<meta name=\"dcterms.title\" content=\"CT 颅脑急诊\"><meta name=\"dcterms.identifier\" content=\"ct-head-er\">"
                + "</head><body><section data-section-name=\"检查所见\"><p><label for=\"bleed\">出血量</label>"
                + "<input type=\"number\" id=\"bleed\" required> ml</p><textarea>所见</textarea></section>"
                + "<section data-section-name=\"诊断意见\"><textarea>意见</textarea></section></body></html>");
        new org.fovea.reporting.template.TemplateLibrary(d.dataSource()).importFile(html);
        JdbcReports reports = new JdbcReports(d);
        JdbcSignOffs signOffs = new JdbcSignOffs(d, null);
        Report draft = reports.save(Report.draft(CT, "ct-head-er", "li").withText("左侧基底节区出血。", "脑出血。"), "li", "");
        assertThatThrownBy(() -> signOffs.check(draft.id(), junior, SignOffAction.SUBMIT, null))
                .isInstanceOf(SignOffRefused.class).hasMessageContaining("\"出血量\" is required");
        assertThatThrownBy(() -> signOffs.act(draft.id(), draft.version(), junior, SignOffAction.SUBMIT, null, ""))
                .isInstanceOf(SignOffRefused.class).hasMessageContaining("出血量");
        Report filled = reports.save(draft.withFields(Map.of("bleed", "12")), "li", "");
        assertThat(signOffs.act(draft.id(), filled.version(), junior, SignOffAction.SUBMIT, null, "").status())
                .isEqualTo(ReportStatus.SUBMITTED);
    }

    @Test
    void aRefusedStepLeavesNoTrace() throws Exception {
        ReportingDatabase d = db();
        users(d);
        JdbcReports reports = new JdbcReports(d);
        JdbcSignOffs signOffs = new JdbcSignOffs(d, null);
        Report draft = reports.save(Report.draft(CT, "", "li").withText("所见", "意见"), "li", "");
        assertThatThrownBy(() -> signOffs.act(draft.id(), draft.version(), junior, SignOffAction.APPROVE, null, ""))
                .isInstanceOf(SignOffRefused.class).hasMessageContaining("cannot be approved");
        assertThatThrownBy(() -> signOffs.act(draft.id(), draft.version(), senior, SignOffAction.SUBMIT, null, ""))
                .isInstanceOf(SignOffRefused.class).hasMessageContaining("Only the report's author (li)");
        assertThat(reports.find(draft.id()).orElseThrow().version()).isEqualTo(draft.version());
        assertThat(signOffs.transitions(draft.id())).isEmpty();
        assertThat(new AuditLog(d).search(null, null, "", null, 10)).isEmpty();
    }

    @Test
    void twoReviewersApprovingAtOnceOnTwoWorkstationsExactlyOneWins() throws Exception {
        ReportingDatabase first = db();
        users(first);
        ReportingDatabase second = db();
        JdbcReports reports = new JdbcReports(first);
        Report draft = reports.save(Report.draft(CT, "", "li").withText("所见", "意见"), "li", "");
        Report submitted = new JdbcSignOffs(first, null).act(draft.id(), draft.version(), junior, SignOffAction.SUBMIT,
                null, "");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Report>> results = new ArrayList<>();
            for (Object[] side : new Object[][] {{first, senior, "READ-1"}, {second, senior2, "READ-2"}}) {
                JdbcSignOffs s = new JdbcSignOffs((ReportingDatabase) side[0], null);
                Callable<Report> approve = () -> {
                    go.await();
                    return s.act(draft.id(), submitted.version(), (User) side[1], SignOffAction.APPROVE, null,
                            (String) side[2]);
                };
                results.add(pool.submit(approve));
            }
            go.countDown();
            int won = 0;
            List<String> told = new ArrayList<>();
            for (Future<Report> f : results) {
                try {
                    assertThat(f.get().status()).isEqualTo(ReportStatus.FINAL);
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ReportConflictException.class);
                    told.add(e.getCause().getMessage());
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(told).singleElement().asString().contains("changed since you opened it");
            assertThat(new JdbcSignOffs(first, null).transitions(draft.id())).hasSize(2);
        } finally {
            pool.shutdown();
        }
    }
}
