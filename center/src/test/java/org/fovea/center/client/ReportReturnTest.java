package org.fovea.center.client;

import org.fovea.center.CenterFixture;
import org.fovea.center.FeedEvent;
import org.fovea.center.NewRequest;
import org.fovea.center.RequestState;
import org.fovea.center.ReturnedReport;
import org.fovea.center.Role;
import org.fovea.center.Urgency;
import org.fovea.center.server.Assignments;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.Algorithm;
import org.fovea.reporting.signature.Keys;
import org.fovea.reporting.signature.ReportSignatures;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcReports;
import org.fovea.reporting.store.JdbcSignOffs;
import org.fovea.reporting.workflow.SignOffAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The whole flow of a remote diagnosis (D5) against a real center (PostgreSQL, Orthanc on it,
 * HTTPS), the expert reporting in the center's reporting database with the reporting module's own
 * store and sign-off: the site submits the demo CT, the center assigns it, the expert's draft puts
 * it in review, the expert's signature makes it reported, and the site's watch, told by the
 * center's push (no look of its own in between), fetches the report, checks its signatures against
 * the center's CA and files SR + PDF into the local study. Another hospital hears nothing of it.
 * A report altered on its way, or signed under another CA, is kept and not filed. Before a
 * report, the center may ask for more images or return the request (D7).
 */
class ReportReturnTest {

    private static final String PASSWORD = "expert-pass-2026";
    private static CenterFixture fixture;
    private static LocalArchive archive;
    private static ReportingDatabase experts;
    private static ReportingDatabase site;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        fixture = CenterFixture.start(dir, true, 0, 0);
        fixture.accounts().addHospital("CENTER", "测试远程诊断中心", true);
        fixture.accounts().addHospital("TOWN-A", "青山镇卫生院", false);
        fixture.accounts().addHospital("TOWN-B", "白水县人民医院", false);
        fixture.accounts().addAccount("TOWN-A", "doctor.a", "李医生", Role.DOCTOR, "", "doctor-a-pass".toCharArray());
        fixture.accounts().addAccount("TOWN-B", "doctor.b", "王医生", Role.DOCTOR, "", "doctor-b-pass".toCharArray());
        fixture.accounts().addAccount("CENTER", "expert.chest", "陈专家", Role.EXPERT, "chest", PASSWORD.toCharArray());
        fixture.assignments().addRule(10, "", "", "chest", Assignments.Strategy.LEAST_LOADED, 1);
        experts = fixture.expertDepartment(Map.of("expert.chest", "陈专家"), PASSWORD);
        archive = LocalArchive.open(dir.resolve("site-archive"));
        DemoStudies.ensure(DemoSize.SMALL, archive, dir.resolve("work"), DemoListener.none(), CancelToken.none());
        site = ReportingDatabase.embedded(dir.resolve("site-home"));
    }

    @AfterAll
    static void stop() {
        site.close();
        experts.close();
        archive.close();
        fixture.close();
    }

    @Test
    void theExpertsSignedReportIsPushedVerifiedAndFiledAtTheSite() throws Exception {
        String studyUid = DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL);
        Outbox outbox = Outbox.open(site.dataSource()).receivingReports(List.of(fixture.reportCa()),
                ReportFiler.into(archive, dir.resolve("site-home")));
        outbox.submit(new NewRequest("A-REPORT-1", "FV0001", "王建国", "M", "19680512", studyUid, "", "CT", "CHEST",
                "胸部CT平扫", "咳嗽两周", "结节性质？", Urgency.ROUTINE, null), "doctor.a",
                archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL)).stream()
                        .map(e -> new Outbox.Item(e.sopInstanceUid(), e.file())).toList());
        List<String> said = new CopyOnWriteArrayList<>();
        List<FeedEvent> otherHospital = new CopyOnWriteArrayList<>();
        CenterClient doctorB = fixture.client(fixture.center(), "doctor.b", "doctor-b-pass");
        Thread b = new Thread(() -> {
            try {
                doctorB.listen(0, otherHospital::add);
            } catch (CenterException e) {
                otherHospital.add(null);
            }
        });
        b.setDaemon(true);
        b.start();
        try (RemoteWatch watch = new RemoteWatch(outbox, fixture.client(fixture.center(), "doctor.a", "doctor-a-pass"),
                said::add).start()) {
            await(() -> state(outbox) == RequestState.ASSIGNED, Duration.ofSeconds(60), said);
            Outbox.Status assigned = status(outbox);
            assertThat(assigned.sent()).isEqualTo(assigned.total()).isGreaterThan(0);
            UUID centerId = UUID.fromString(assigned.centerRequestId());

            // the expert writes: the draft alone puts the request in review, pushed to the site
            User expert = new Users(experts).find("expert.chest").orElseThrow();
            JdbcReports reports = new JdbcReports(experts);
            Report draft = reports.save(Report.draft(new StudyRef(studyUid, "", "FV0001", "WANG^JIANGUO=王建国", "M",
                            null, "", null, "CT", "CHEST", "胸部CT平扫", "", "咳嗽两周"), "", "expert.chest")
                    .withText("右肺上叶见实性结节，大小约 20 mm，边缘分叶，名为 \"O'Brien\"; DROP TABLE reports;",
                            "右肺上叶结节，考虑恶性可能，建议穿刺活检。"), "expert.chest", "EXPERT-WS");
            await(() -> state(outbox) == RequestState.IN_REVIEW, Duration.ofSeconds(10), said);

            JdbcSignOffs signOffs = new JdbcSignOffs(experts, ReportSignatures.signer(
                    new SigningKeys(experts).unlock("expert.chest", PASSWORD.toCharArray())));
            Report signed = signOffs.act(draft.id(), draft.version(), expert, SignOffAction.SUBMIT, null, "EXPERT-WS");
            Instant signedAt = Instant.now();
            await(() -> outbox.reports().of("A-REPORT-1").stream().anyMatch(r -> r.filedAt() != null),
                    Duration.ofSeconds(10), said);
            Duration took = Duration.between(signedAt, outbox.reports().of("A-REPORT-1").get(0).filedAt());

            ReturnedReports.Received received = outbox.reports().of("A-REPORT-1").get(0);
            assertThat(received.verified()).as("signatures checked against the center's CA").isTrue();
            assertThat(received.problem()).isEmpty();
            assertThat(received.reportId()).isEqualTo(signed.id());
            assertThat(received.version()).isEqualTo(signed.version());
            assertThat(received.signedBy()).contains("陈专家").contains("expert.chest");
            assertThat(status(outbox).state()).isEqualTo("REPORTED");
            assertThat(status(outbox).problem()).isEmpty();
            assertThat(took).as("signature to filed at the site").isLessThan(Duration.ofSeconds(5));
            // the text as typed, quotes and SQL words included
            ReturnedReport kept = outbox.reports().latest("A-REPORT-1").orElseThrow();
            assertThat(kept.report().findings()).isEqualTo(signed.findings());
            assertThat(kept.center()).isEqualTo("测试远程诊断中心");

            // filed into the local study: an SR and an Encapsulated PDF beside the images
            List<String> modalities = archive.series(studyUid).stream().map(SeriesSummary::modality).toList();
            assertThat(modalities).contains("SR", "DOC");
            assertThat(outbox.trace("A-REPORT-1")).extracting(Outbox.Event::what)
                    .contains("REPORT_RECEIVED", "REPORT_FILED");
            assertThat(said).anyMatch(s -> s.contains("signatures valid"));
            // the center's trace says who reported it
            assertThat(fixture.client(fixture.center(), "doctor.a", "doctor-a-pass").events(centerId))
                    .anySatisfy(e -> {
                        assertThat(e.what()).isEqualTo("REPORTED");
                        assertThat(e.who()).isEqualTo("expert.chest");
                    });

            // another hospital heard nothing of it, and may not fetch it
            assertThat(otherHospital).noneMatch(e -> e == null || "A-REPORT-1".equals(e.clientRequestId()));
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> doctorB.report(centerId),
                    CenterException.class).status()).isEqualTo(403);

            // what the site checks: an altered text, another study, another CA are each refused
            String study = kept.report().study().studyUid();
            ReturnedReport altered = new ReturnedReport(kept.requestId(), kept.clientRequestId(), kept.center(),
                    kept.report().withText(kept.report().findings(), "未见异常。"), kept.signatures(), kept.reportedAt());
            assertThat(ReportCheck.check(altered, List.of(fixture.reportCa()), study).problem())
                    .isEqualTo("the report's text is not the text that was signed");
            assertThat(ReportCheck.check(kept, List.of(fixture.reportCa()), "1.2.3").problem())
                    .contains("not of the request's study 1.2.3");
            java.security.cert.X509Certificate otherCa = Keys.selfSignedCa(Algorithm.RSA, "别的 CA").certificate();
            assertThat(ReportCheck.check(kept, List.of(otherCa), study).problem())
                    .contains("was not issued by the department's CA or a CA it trusts");
            assertThat(ReportCheck.check(kept, List.of(fixture.reportCa()), study).valid()).isTrue();
        } finally {
            doctorB.stopListening();
        }
    }

    /**
     * D7: the expert asks for more images (the site adds the rest of the study; the request goes
     * back to the same expert once they are held), then returns the request with a reason; the
     * site's doctor sees each as the request's problem. Who may ask what is checked.
     */
    @Test
    void theCenterAsksForMoreImagesThenReturnsTheRequestAndTheSiteFollows() throws Exception {
        String studyUid = DemoStudy.PRIOR_CT.studyUid(DemoSize.SMALL);
        List<Outbox.Item> all = archive.instances(DemoStudy.PRIOR_CT.seriesUid(DemoSize.SMALL)).stream()
                .map(e -> new Outbox.Item(e.sopInstanceUid(), e.file())).toList();
        Outbox outbox = Outbox.open(site.dataSource()).receivingReports(List.of(fixture.reportCa()), null);
        outbox.submit(new NewRequest("A-ASK-1", "FV0001", "王建国", "M", "19680512", studyUid, "", "CT", "CHEST",
                "胸部CT平扫", "", "复查", Urgency.ROUTINE, null), "doctor.a", all.subList(0, 20));
        List<String> said = new CopyOnWriteArrayList<>();
        CenterClient expert = fixture.client(fixture.center(), "expert.chest", PASSWORD);
        CenterClient doctor = fixture.client(fixture.center(), "doctor.a", "doctor-a-pass");
        try (RemoteWatch watch = new RemoteWatch(outbox, doctor, said::add).start()) {
            await(() -> "ASSIGNED".equals(status(outbox, "A-ASK-1").state()), Duration.ofSeconds(60), said);
            UUID id = UUID.fromString(status(outbox, "A-ASK-1").centerRequestId());
            // D6: the patient's data completed after submission, at the center and in the outbox
            var completed = outbox.completePatient(doctor, "A-ASK-1", new org.fovea.center.PatientUpdate(null, null,
                    "19680513", "补充：吸烟 30 年"));
            assertThat(completed.patientBirthDate()).isEqualTo("19680513");
            assertThat(completed.clinicalHistory()).isEqualTo("补充：吸烟 30 年");
            assertThat(completed.patientName()).isEqualTo("王建国");
            assertThat(expert.events(id)).anySatisfy(e -> assertThat(e.what() + " " + e.detail()).isEqualTo(
                    "PATIENT_COMPLETED birth date 19680512 → 19680513; clinical history 补充：吸烟 30 年"));
            assertThat(catchThrowableOfType(() -> doctor.completePatient(id, new org.fovea.center.PatientUpdate(
                    null, null, "1968-05-13", null)), CenterException.class).status()).isEqualTo(400);
            assertThat(catchThrowableOfType(() -> fixture.client(fixture.center(), "doctor.b", "doctor-b-pass")
                    .completePatient(id, new org.fovea.center.PatientUpdate("x", null, null, null)),
                    CenterException.class).status()).isEqualTo(403);
            assertThat(catchThrowableOfType(() -> doctor.askForImages(id, "?"), CenterException.class).status())
                    .isEqualTo(403);
            assertThat(expert.askForImages(id, "请补传其余层面").note()).isEqualTo("请补传其余层面");
            await(() -> status(outbox, "A-ASK-1").problem().equals("the center asks for more images: 请补传其余层面"),
                    Duration.ofSeconds(10), said);

            assertThat(outbox.addImages("A-ASK-1", all)).isEqualTo(all.size() - 20);
            assertThat(outbox.addImages("A-ASK-1", all)).as("added once").isZero();
            watch.nudge();
            await(() -> status(outbox, "A-ASK-1").state().equals("ASSIGNED")
                    && status(outbox, "A-ASK-1").sent() == all.size(), Duration.ofSeconds(30), said);
            var back = expert.request(id);
            assertThat(back.receivedImages()).isEqualTo(all.size());
            assertThat(back.announcedImages()).isEqualTo(all.size());
            assertThat(back.assignedTo()).as("back to the same expert").isEqualTo("expert.chest");
            assertThat(back.note()).isEmpty();
            assertThat(status(outbox, "A-ASK-1").problem()).isEmpty();
            assertThat(expert.events(id)).extracting(org.fovea.center.RequestEvent::what)
                    .containsSubsequence("IMAGES_ASKED", "MORE_IMAGES", "RECEIVED_COMPLETE", "BACK_TO_EXPERT");

            assertThat(catchThrowableOfType(() -> doctor.giveBack(id, "x"), CenterException.class).status())
                    .isEqualTo(403);
            assertThat(catchThrowableOfType(() -> expert.giveBack(id, " "), CenterException.class).status())
                    .isEqualTo(400);
            assertThat(expert.giveBack(id, "图像伪影严重，请重新扫描后再申请").state()).isEqualTo(RequestState.RETURNED);
            await(() -> status(outbox, "A-ASK-1").state().equals("RETURNED") && status(outbox, "A-ASK-1").problem()
                    .equals("returned by the center: 图像伪影严重，请重新扫描后再申请"), Duration.ofSeconds(10), said);
            assertThat(catchThrowableOfType(() -> expert.askForImages(id, "再补"), CenterException.class).status())
                    .isEqualTo(409);
            assertThat(catchThrowableOfType(() -> doctor.announce(id, 99), CenterException.class).status())
                    .isEqualTo(409);
        }
    }

    /**
     * D7: a critical value the expert raises to the requesting hospital (the reporting module's
     * alert, addressed to the hospital's stand-in) reaches the site's watch; the site's doctor
     * acknowledges with a read-back, which closes the alert at the center. Another hospital may not.
     */
    @Test
    void aCriticalValueReachesTheSiteAndItsAcknowledgementClosesTheAlertAtTheCenter() throws Exception {
        String studyUid = DemoStudy.CHEST_DR.studyUid(DemoSize.SMALL);
        Outbox outbox = Outbox.open(site.dataSource()).receivingReports(List.of(fixture.reportCa()), null);
        outbox.submit(new NewRequest("A-CRIT-1", "FV0001", "王建国", "M", "19680512", studyUid, "", "DX", "CHEST",
                "胸部正位", "胸痛", "气胸？", Urgency.URGENT, null), "doctor.a",
                archive.series(studyUid).stream().flatMap(s -> archive.instances(s.seriesUid()).stream())
                        .map(e -> new Outbox.Item(e.sopInstanceUid(), e.file())).toList());
        List<String> said = new CopyOnWriteArrayList<>();
        List<RemoteWatch.Critical> shown = new CopyOnWriteArrayList<>();
        CenterClient doctor = fixture.client(fixture.center(), "doctor.a", "doctor-a-pass");
        try (RemoteWatch watch = new RemoteWatch(outbox, doctor, said::add).onCritical(shown::add).start()) {
            await(() -> "ASSIGNED".equals(status(outbox, "A-CRIT-1").state()), Duration.ofSeconds(60), said);
            UUID id = UUID.fromString(status(outbox, "A-CRIT-1").centerRequestId());

            User expert = new Users(experts).find("expert.chest").orElseThrow();
            Report draft = new JdbcReports(experts).save(Report.draft(new StudyRef(studyUid, "", "FV0001",
                    "WANG^JIANGUO=王建国", "M", null, "", null, "DX", "CHEST", "胸部正位", "", ""), "", "expert.chest")
                    .withText("右侧胸腔见大量积气，纵隔左移。", "右侧张力性气胸。"), "expert.chest", "EXPERT-WS");
            org.fovea.reporting.alert.CriticalAlerts alerts = new org.fovea.reporting.alert.CriticalAlerts(experts);
            var raised = alerts.raise(draft, expert, "张力性气胸", org.fovea.center.demo.ExpertDepartment.siteLogin("TOWN-A"),
                    "expert.chest", "expert.chest", "请立即胸腔减压", "EXPERT-WS");
            await(() -> shown.size() == 1, Duration.ofSeconds(10), said);
            RemoteWatch.Critical c = shown.get(0);
            assertThat(c.clientRequestId()).isEqualTo("A-CRIT-1");
            assertThat(c.patientName()).isEqualTo("王建国");
            assertThat(c.value().finding()).isEqualTo("张力性气胸");
            assertThat(c.value().category()).isEqualTo("RED");
            assertThat(c.value().note()).isEqualTo("请立即胸腔减压");
            assertThat(c.value().sender()).isEqualTo("expert.chest");

            CenterClient doctorB = fixture.client(fixture.center(), "doctor.b", "doctor-b-pass");
            assertThat(catchThrowableOfType(() -> doctorB.acknowledgeCritical(id, raised.id(), "知道了"),
                    CenterException.class).status()).isEqualTo(403);
            assertThat(catchThrowableOfType(() -> doctor.acknowledgeCritical(id, raised.id(), " "),
                    CenterException.class).status()).isEqualTo(400);
            var acknowledged = doctor.acknowledgeCritical(id, raised.id(), "右侧张力性气胸，已通知急诊科减压");
            assertThat(acknowledged.open()).isFalse();
            assertThat(acknowledged.acknowledgedBy()).isEqualTo("李医生 (doctor.a, TOWN-A)");

            var atCenter = alerts.find(raised.id()).orElseThrow();
            assertThat(atCenter.status()).isEqualTo(org.fovea.reporting.alert.Alert.Status.ACKNOWLEDGED);
            assertThat(atCenter.acknowledgedBy()).isEqualTo("site.town-a");
            assertThat(atCenter.readBack()).isEqualTo("李医生 (doctor.a, TOWN-A): 右侧张力性气胸，已通知急诊科减压");
            assertThat(catchThrowableOfType(() -> doctor.acknowledgeCritical(id, raised.id(), "again"),
                    CenterException.class).status()).isEqualTo(409);
            assertThat(doctor.events(id)).extracting(org.fovea.center.RequestEvent::what)
                    .containsSubsequence("CRITICAL", "CRITICAL_ACKNOWLEDGED");
        }
    }

    /**
     * X3/Q4: a research account lists the reported studies and reads their images de-identified by
     * Orthanc, with keyed pseudonyms that stay the same across calls; the pixels are the image's
     * own; nothing else of the center is open to it, nor the research API to others.
     */
    @Test
    void theResearchApiServesReportedStudiesDeIdentified() throws Exception {
        fixture.accounts().addAccount("CENTER", "research.ai", "AI 平台", org.fovea.center.Role.RESEARCHER, "",
                "research-pass-1".toCharArray());
        String studyUid = DemoStudy.CHEST_DR.studyUid(DemoSize.SMALL);
        var dx = archive.series(studyUid).stream().flatMap(s -> archive.instances(s.seriesUid()).stream()).toList();
        Outbox outbox = Outbox.open(site.dataSource());
        outbox.submit(new NewRequest("A-RESEARCH-1", "FV0001", "王建国", "M", "19680512", studyUid, "ACC-77", "DX",
                "CHEST", "胸部正位", "胸痛", "？", Urgency.ROUTINE, null), "doctor.a",
                dx.stream().map(e -> new Outbox.Item(e.sopInstanceUid(), e.file())).toList());
        CenterClient doctor = fixture.client(fixture.center(), "doctor.a", "doctor-a-pass");
        assertThat(outbox.sync(doctor).stoppedBecause()).isEmpty();
        UUID id = UUID.fromString(status(outbox, "A-RESEARCH-1").centerRequestId());
        // reported (what the expert's signature does, as the first test shows)
        try (var c = fixture.dataSource().getConnection(); var ps = c.prepareStatement(
                "UPDATE requests SET state = 'REPORTED' WHERE id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
        CenterClient research = fixture.client(fixture.center(), "research.ai", "research-pass-1");
        var study = research.researchStudies().stream().filter(s -> s.modality().equals("DX")).findFirst().orElseThrow();
        assertThat(study.age()).isEqualTo(58);
        assertThat(study.sex()).isEqualTo("M");
        assertThat(study.images()).isEqualTo(dx.size());
        assertThat(study.patient()).startsWith("R-").doesNotContain("FV0001");
        assertThat(CenterJsonText.of(study)).doesNotContain("王建国").doesNotContain("FV0001").doesNotContain(studyUid)
                .doesNotContain("ACC-77").doesNotContain("TOWN-A");

        List<String> uids = research.researchInstances(study.id());
        assertThat(uids).hasSize(dx.size()).allMatch(u -> u.startsWith("2.25."));
        byte[] first = research.researchInstance(study.id(), uids.get(0));
        byte[] again = research.researchInstance(study.id(), uids.get(0));
        com.pixelmed.dicom.AttributeList a = read(first);
        com.pixelmed.dicom.AttributeList b = read(again);
        com.pixelmed.dicom.AttributeList original = new com.pixelmed.dicom.AttributeList();
        original.read(dx.get(0).file().toString());
        String name = com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(a,
                com.pixelmed.dicom.TagFromName.PatientName);
        assertThat(name).isEqualTo(study.patient());
        assertThat(com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(a,
                com.pixelmed.dicom.TagFromName.PatientID)).isEqualTo(study.patient());
        assertThat(com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(a,
                com.pixelmed.dicom.TagFromName.PatientBirthDate)).isEmpty();
        assertThat(com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(a,
                com.pixelmed.dicom.TagFromName.AccessionNumber)).isNotEqualTo("ACC-77");
        for (com.pixelmed.dicom.AttributeTag uid : List.of(com.pixelmed.dicom.TagFromName.StudyInstanceUID,
                com.pixelmed.dicom.TagFromName.SeriesInstanceUID, com.pixelmed.dicom.TagFromName.SOPInstanceUID)) {
            String value = com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(a, uid);
            assertThat(value).as("%s keyed, not the hospital's", uid).startsWith("2.25.")
                    .isNotEqualTo(com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(original, uid))
                    .isEqualTo(com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(b, uid));
        }
        assertThat(pixels(a)).as("the image's own pixels").isEqualTo(pixels(original));

        assertThat(research.requests()).isEmpty();
        assertThat(catchThrowableOfType(() -> research.request(id), CenterException.class).status()).isEqualTo(403);
        assertThat(catchThrowableOfType(doctor::researchStudies, CenterException.class).status()).isEqualTo(403);
    }

    /**
     * D1, review of the local report: the hospital's own report sent with the request becomes the
     * assigned expert's draft (once), which the expert corrects and signs; it comes back signed.
     */
    @Test
    void theHospitalsOwnReportBecomesTheExpertsDraftToReviewAndSign() throws Exception {
        String studyUid = "1.2.826.0.1.3680043.10.543.88";
        Outbox outbox = Outbox.open(site.dataSource()).receivingReports(List.of(fixture.reportCa()), null);
        outbox.submit(new NewRequest("A-REVIEW-1", "FV0009", "李四", "F", "19800101", studyUid, "", "CT", "HEAD",
                "头颅CT平扫", "头痛", "请审核", Urgency.ROUTINE, null), "doctor.a", List.of());
        outbox.attachLocalReport("A-REVIEW-1", new org.fovea.center.LocalReport("左侧基底节区见片状低密度影。",
                "左侧基底节区腔隙性脑梗死可能。", "李医生"));
        CenterClient doctor = fixture.client(fixture.center(), "doctor.a", "doctor-a-pass");
        assertThat(outbox.sync(doctor).stoppedBecause()).isEmpty();
        UUID id = UUID.fromString(status(outbox, "A-REVIEW-1").centerRequestId());
        JdbcReports reports = new JdbcReports(experts);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reports.ofStudy(studyUid).isEmpty() || doctor.request(id).state() != RequestState.IN_REVIEW) {
            assertThat(System.nanoTime()).as("the expert's draft and IN_REVIEW").isLessThan(end);
            Thread.sleep(50);
        }
        Thread.sleep(600);                      // more looks by the watcher: still one draft
        assertThat(reports.ofStudy(studyUid)).hasSize(1);
        Report draft = reports.ofStudy(studyUid).get(0);
        assertThat(draft.findings()).isEqualTo("左侧基底节区见片状低密度影。");
        assertThat(draft.author()).isEqualTo("expert.chest");
        assertThat(draft.study().requestInfo()).startsWith("基层医院初步报告（李医生），请审核。");
        assertThat(draft.study().patientName()).isEqualTo("李四");

        Report corrected = reports.save(draft.withText(draft.findings(), "左侧基底节区腔隙性脑梗死。"), "expert.chest",
                "EXPERT-WS");
        new JdbcSignOffs(experts, ReportSignatures.signer(new SigningKeys(experts).unlock("expert.chest",
                PASSWORD.toCharArray()))).act(corrected.id(), corrected.version(),
                new Users(experts).find("expert.chest").orElseThrow(), SignOffAction.SUBMIT, null, "EXPERT-WS");
        end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (doctor.request(id).state() != RequestState.REPORTED) {
            assertThat(System.nanoTime()).as("reported").isLessThan(end);
            Thread.sleep(50);
        }
        assertThat(doctor.report(id).report().impression()).isEqualTo("左侧基底节区腔隙性脑梗死。");
        assertThat(doctor.events(id)).extracting(org.fovea.center.RequestEvent::what)
                .containsSubsequence("LOCAL_REPORT", "LOCAL_REPORT_DRAFTED", "IN_REVIEW", "REPORTED");
        assertThat(outbox.trace("A-REVIEW-1")).extracting(Outbox.Event::what).contains("LOCAL_REPORT_SENT");
    }

    /** Pixel Data as 16-bit words (OW) or bytes (OB), whichever it is. */
    private static Object pixels(com.pixelmed.dicom.AttributeList list) throws Exception {
        com.pixelmed.dicom.Attribute p = list.get(com.pixelmed.dicom.TagFromName.PixelData);
        return p instanceof com.pixelmed.dicom.OtherWordAttribute ? p.getShortValues() : p.getByteValues();
    }

    private static com.pixelmed.dicom.AttributeList read(byte[] dicom) throws Exception {
        com.pixelmed.dicom.AttributeList list = new com.pixelmed.dicom.AttributeList();
        list.read(new com.pixelmed.dicom.DicomInputStream(new java.io.ByteArrayInputStream(dicom)));
        return list;
    }

    /** A value as its JSON, to look for what must not be in it. */
    private static final class CenterJsonText {
        static String of(Object value) throws Exception {
            return org.fovea.center.CenterJson.mapper().writeValueAsString(value);
        }
    }

    private static Outbox.Status status(Outbox outbox, String id) {
        return outbox.status().stream().filter(s -> s.clientRequestId().equals(id)).findFirst().orElseThrow();
    }

    private static RequestState state(Outbox outbox) {
        String s = status(outbox).state();
        try {
            return RequestState.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Outbox.Status status(Outbox outbox) {
        return outbox.status().stream().filter(s -> s.clientRequestId().equals("A-REPORT-1")).findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier done, Duration within, List<String> said) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + within + "; the watch said: " + said);
            }
            Thread.sleep(50);
        }
    }
}
