package org.fovea.reporting.store;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportConflictException;
import org.fovea.reporting.ReportImage;
import org.fovea.reporting.ReportMeasurement;
import org.fovea.reporting.ReportQuery;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportSummary;
import org.fovea.reporting.Reports;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the report store must do, on whichever database a subclass gives it: the same tests run on
 * the embedded H2 and on a real PostgreSQL 15. Expected values are the data the tests wrote in.
 */
abstract class ReportsContract {

    private final List<ReportingDatabase> opened = new ArrayList<>();

    /** Opens the test's database; a second call is a second workstation on the same database. */
    abstract ReportingDatabase openDatabase();

    Reports workstation() {
        ReportingDatabase db = openDatabase();
        opened.add(db);
        return new JdbcReports(db);
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(ReportingDatabase::close);
    }

    static StudyRef study(String uid, String patientId, String name, LocalDate date, String modality, String bodyPart) {
        return new StudyRef(uid, "ACC" + uid.hashCode(), patientId, name, "M", LocalDate.of(1970, 5, 6), "054Y", date,
                modality, bodyPart, "胸部CT平扫", "刘主任", "咳嗽两周，排除肺部占位");
    }

    static Report written(StudyRef s, String author, String findings, String impression, ReportStatus status) {
        return Report.draft(s, "chest-ct", author).withText(findings, impression).withStatus(status);
    }

    @Test
    void aFullReportComesBackAsWrittenOnAnotherWorkstation() throws Exception {
        byte[] png = new byte[70_000];
        new Random(7).nextBytes(png);
        Report draft = written(study("1.2.3.100", "P100", "ZHANG^WEI=张^伟", LocalDate.of(2024, 3, 1), "CT", "CHEST"),
                "李医生", "右肺上叶见一实性结节，大小约 8×6 mm，边缘毛糙。", "右肺上叶结节，考虑肺癌可能，建议增强CT。",
                ReportStatus.PRELIMINARY)
                .withFields(Map.of("nodule.size", "8", "nodule.lobe", "右肺上叶", "lymph", "无肿大"))
                .withMeasurements(List.of(
                        new ReportMeasurement("Length", 8.25, "mm", "结节 1 长径 8.3 mm", "1.2.3.100.1", "1.2.3.100.1.7", 0),
                        new ReportMeasurement("Mean", -612.5, "[hnsf'U]", "结节 1 平均 -612 HU", "1.2.3.100.1", "1.2.3.100.1.7", 2)))
                .withImages(List.of(new ReportImage("关键图像 1：右肺上叶结节", png, "1.2.3.100.1.7", 0),
                        new ReportImage("三维重建", new byte[]{(byte) 0x89, 'P', 'N', 'G'}, "", 0)));

        Report saved = workstation().save(draft);
        assertTrue(saved.id() > 0);
        assertEquals(1, saved.version());

        Report back = workstation().find(saved.id()).orElseThrow();
        assertEquals(draft.study(), back.study());
        assertEquals(draft.findings(), back.findings());
        assertEquals(draft.impression(), back.impression());
        assertEquals(draft.fields(), back.fields());
        assertEquals(draft.measurements(), back.measurements());
        assertEquals(ReportStatus.PRELIMINARY, back.status());
        assertEquals("李医生", back.author());
        assertEquals("chest-ct", back.templateId());
        assertEquals(2, back.images().size());
        assertEquals("关键图像 1：右肺上叶结节", back.images().get(0).caption());
        assertArrayEquals(png, back.images().get(0).png());
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, back.images().get(1).png());
        assertEquals("1.2.3.100.1.7", back.images().get(0).sopInstanceUid());
        assertEquals(saved.updated(), back.updated());
        assertEquals(List.of(saved.id()), workstation().ofStudy("1.2.3.100").stream().map(Report::id).toList());
    }

    @Test
    void aSaveOverSomeoneElsesNewerSaveIsRefusedNamingThem() throws Exception {
        Reports first = workstation();
        Reports second = workstation();
        Report v1 = first.save(written(study("1.2.3.200", "P200", "WANG^JIANGUO=王^建国", LocalDate.of(2024, 3, 5),
                "MR", "HEAD"), "陈医生", "初稿", "", ReportStatus.DRAFT));

        Report openedBySecond = second.find(v1.id()).orElseThrow();
        Report v2 = first.save(v1.withText("陈医生的修改", "未见急性梗死"));
        assertEquals(2, v2.version());

        Report rival = new Report(openedBySecond.id(), openedBySecond.version(), openedBySecond.study(), "",
                "王医生的修改", "", Map.of(), List.of(), List.of(), ReportStatus.DRAFT, "王医生",
                openedBySecond.created(), openedBySecond.updated());
        ReportConflictException e = assertThrows(ReportConflictException.class, () -> second.save(rival));
        assertTrue(e.getMessage().contains("陈医生") && e.getMessage().contains("version 2"), e.getMessage());
        assertEquals("陈医生的修改", second.find(v1.id()).orElseThrow().findings(), "the first save is kept whole");

        Report reopened = second.find(v1.id()).orElseThrow();
        assertEquals(3, second.save(reopened.withText("王医生的修改", "未见急性梗死")).version());
    }

    @Test
    void everySaveIsAVersionWithWhoSavedItFromWhereAndTheImagesHashes() throws Exception {
        Reports ws = workstation();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        Report v1 = ws.save(written(study("1.2.3.300", "P300", "LI^MING=李^明", LocalDate.of(2024, 4, 1), "CT", "CHEST"),
                "li", "右肺上叶见结节。", "考虑良性。", ReportStatus.DRAFT), "li", "CT-READ-1");
        Report v2 = ws.save(v1.withText("右肺上叶见实性结节，边缘分叶。", "考虑良性。")
                .withImages(List.of(new ReportImage("key", png, "", 0)))
                .withMeasurements(List.of(new ReportMeasurement("Length", 8, "mm", "Length 8.0 mm", "", "", 0))),
                "zhangwei", "CT-READ-2");
        java.util.List<org.fovea.reporting.ReportVersion> versions = workstation().versions(v2.id());
        assertEquals(List.of(1, 2), versions.stream().map(org.fovea.reporting.ReportVersion::version).toList());
        assertEquals("li", versions.get(0).savedBy());
        assertEquals("CT-READ-1", versions.get(0).workstation());
        assertEquals("右肺上叶见结节。", versions.get(0).findings(), "the first version stays as it was");
        assertEquals("zhangwei", versions.get(1).savedBy());
        assertEquals("右肺上叶见实性结节，边缘分叶。", versions.get(1).findings());
        assertEquals("Length 8.0 mm", versions.get(1).measurements());
        // the SHA-256 of the PNG, as sha256sum would print it
        assertEquals(List.of(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(png))),
                versions.get(1).imageHashes());
        assertEquals(List.of(), versions.get(0).imageHashes());
        assertEquals(v2.updated(), versions.get(1).saved());
    }

    @Test
    void reportsPastTheirPriorityDeadlineAreOverdueUntilFinalAndOpenEmergenciesHeadTheList() throws Exception {
        Reports ws = workstation();
        StudyRef s = study("1.2.3.400", "P400", "QIAN^YU=钱^玉", LocalDate.of(2024, 5, 1), "CT", "HEAD");
        Report outpatient = ws.save(written(s, "li", "所见", "意见", ReportStatus.DRAFT));
        Report emergency = ws.save(written(s, "li", "所见", "意见", ReportStatus.DRAFT));
        Report inpatient = ws.save(written(s, "li", "所见", "意见", ReportStatus.SUBMITTED));
        ws.setPriority(emergency.id(), org.fovea.reporting.Priority.EMERGENCY);
        ws.setPriority(inpatient.id(), org.fovea.reporting.Priority.INPATIENT);
        org.fovea.reporting.workflow.Turnaround t = org.fovea.reporting.workflow.Turnaround.DEFAULT;
        java.time.Instant started = emergency.created();
        assertEquals(List.of(), ws.overdue(t, started.plusSeconds(29 * 60)).stream().map(ReportSummary::id).toList());
        assertEquals(List.of(emergency.id()), ws.overdue(t, started.plusSeconds(31 * 60)).stream().map(ReportSummary::id).toList());
        assertEquals(List.of(emergency.id(), inpatient.id()),
                ws.overdue(t, started.plusSeconds(25 * 3600)).stream().map(ReportSummary::id).toList());
        assertEquals(List.of(outpatient.id(), emergency.id(), inpatient.id()),
                ws.overdue(t, started.plusSeconds(49 * 3600)).stream().map(ReportSummary::id).toList());
        assertEquals(List.of(emergency.id()), ws.openEmergencies().stream().map(ReportSummary::id).toList());
        ReportSummary row = ws.search(new ReportQuery("", "P400", "", "", null, null, null, "", "", 0, 50)).rows().stream()
                .filter(r -> r.id() == emergency.id()).findFirst().orElseThrow();
        assertEquals(org.fovea.reporting.Priority.EMERGENCY, row.priority());
        assertTrue(t.overdue(row, started.plusSeconds(31 * 60)));

        ws.save(ws.find(emergency.id()).orElseThrow().withStatus(ReportStatus.FINAL));
        assertEquals(List.of(), ws.openEmergencies());
        assertEquals(List.of(outpatient.id(), inpatient.id()),
                ws.overdue(t, started.plusSeconds(49 * 3600)).stream().map(ReportSummary::id).toList());
    }

    @Test
    void priorsAreThePatientsOtherReportsNewestExamFirst() throws Exception {
        Reports store = workstation();
        store.save(written(study("9.1", "P1", "LI^NA=李^娜", LocalDate.of(2020, 1, 10), "CT", "CHEST"), "a", "f", "2020", ReportStatus.FINAL));
        store.save(written(study("9.2", "P1", "LI^NA=李^娜", LocalDate.of(2023, 6, 1), "CT", "CHEST"), "a", "f", "2023", ReportStatus.FINAL));
        store.save(written(study("9.3", "P1", "LI^NA=李^娜", LocalDate.of(2024, 2, 29), "CT", "CHEST"), "a", "f", "now", ReportStatus.DRAFT));
        store.save(written(study("9.4", "P2", "LI^NA=李^娜", LocalDate.of(2022, 1, 1), "CT", "CHEST"), "a", "f", "other", ReportStatus.FINAL));

        List<ReportSummary> priors = store.priors("P1", "9.3");
        assertEquals(List.of("9.2", "9.1"), priors.stream().map(s -> s.study().studyUid()).toList());
        assertEquals(List.of("2023", "2020"), priors.stream().map(ReportSummary::impressionStart).toList());
    }

    /** Three patients whose reports each criterion tells apart. */
    private Reports seeded() throws ReportConflictException {
        Reports store = workstation();
        store.save(written(study("5.1", "P501", "ZHANG^WEI=张^伟", LocalDate.of(2024, 3, 1), "CT", "CHEST"),
                "李医生", "右肺上叶结节 8 mm", "考虑肺癌可能", ReportStatus.PRELIMINARY));
        store.save(written(study("5.2", "P502", "WANG^JIANGUO=王^建国", LocalDate.of(2024, 3, 5), "MR", "HEAD"),
                "陈医生", "No acute infarct.", "Normal MRI of the brain.", ReportStatus.FINAL));
        store.save(written(study("5.3", "P503", "LI^NA=李^娜", LocalDate.of(2024, 2, 29), "CT", "ABDOMEN"),
                "李医生", "Simple Liver CYST, 12 mm.", "肝囊肿", ReportStatus.DRAFT));
        return store;
    }

    private static List<String> ids(Reports store, ReportQuery q) {
        return store.search(q).rows().stream().map(r -> r.study().patientId()).toList();
    }

    private static ReportQuery q(String name, String id, String modality, String bodyPart, LocalDate from,
                                 LocalDate to, ReportStatus status, String author, String text) {
        return new ReportQuery(name, id, modality, bodyPart, from, to, status, author, text, 0, 50);
    }

    @Test
    void eachCriterionAloneSelectsItsReports() throws Exception {
        Reports s = seeded();
        assertEquals(List.of("P502", "P501", "P503"), ids(s, ReportQuery.all()), "newest exam first");
        for (String typed : List.of("张伟", "zhangwei", "zhang wei", "zw", "ZW", "ZHANG^WEI")) {
            assertEquals(List.of("P501"), ids(s, q(typed, "", "", "", null, null, null, "", "")), typed);
        }
        assertEquals(List.of("P502"), ids(s, q("wjg", "", "", "", null, null, null, "", "")));
        assertEquals(List.of("P503"), ids(s, q("", "P503", "", "", null, null, null, "", "")));
        assertEquals(List.of(), ids(s, q("", "P50", "", "", null, null, null, "", "")), "the ID is exact");
        assertEquals(List.of("P501", "P503"), ids(s, q("", "", "ct", "", null, null, null, "", "")));
        assertEquals(List.of("P502"), ids(s, q("", "", "", "HEAD", null, null, null, "", "")));
        assertEquals(List.of("P502", "P501"),
                ids(s, q("", "", "", "", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 5), null, "", "")),
                "both ends of the range are inclusive");
        assertEquals(List.of("P501"),
                ids(s, q("", "", "", "", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 1), null, "", "")));
        assertEquals(List.of("P503"), ids(s, q("", "", "", "", null, LocalDate.of(2024, 2, 29), null, "", "")));
        assertEquals(List.of("P501"), ids(s, q("", "", "", "", null, null, ReportStatus.PRELIMINARY, "", "")));
        assertEquals(List.of("P501", "P503"), ids(s, q("", "", "", "", null, null, null, "李医生", "")));
        assertEquals(List.of("P503"), ids(s, q("", "", "", "", null, null, null, "", "cyst")), "case-insensitive");
        assertEquals(List.of("P501"), ids(s, q("", "", "", "", null, null, null, "", "肺癌")), "in the impression");
        assertEquals(List.of("P501"), ids(s, q("", "", "", "", null, null, null, "", "结节")), "in the findings");
        assertEquals(List.of("P501"), ids(s, q("", "", "", "", null, null, null, "", "结节 肺癌")),
                "one word in the findings, one in the impression");
        assertEquals(List.of(), ids(s, q("", "", "", "", null, null, null, "", "结节 infarct")), "every word");
        assertEquals(List.of(), ids(s, q("", "", "", "", null, null, null, "", "100%")), "% is a character");
    }

    @Test
    void criteriaCombineAndEveryOneMustHold() throws Exception {
        Reports s = seeded();
        LocalDate from = LocalDate.of(2024, 2, 29);
        LocalDate to = LocalDate.of(2024, 3, 5);
        assertEquals(List.of("P501"), ids(s, q("zw", "P501", "CT", "CHEST", from, to, ReportStatus.PRELIMINARY,
                "李医生", "肺癌")));
        assertEquals(List.of(), ids(s, q("zw", "P501", "CT", "CHEST", from, to, ReportStatus.FINAL, "李医生", "肺癌")));
        assertEquals(List.of(), ids(s, q("zw", "", "CT", "", LocalDate.of(2024, 3, 2), to, null, "", "")));
        assertEquals(List.of(), ids(s, q("zw", "", "", "", null, null, null, "陈医生", "")));
        assertEquals(List.of("P503"), ids(s, q("", "", "CT", "", null, null, null, "李医生", "mm 肝囊肿")));
    }

    @Test
    void pagesSplitTheMatchesAndEachCarriesTheTotal() throws Exception {
        Reports store = workstation();
        for (int day = 1; day <= 25; day++) {
            store.save(written(study("7." + day, "P7", "ZHAO^LEI=赵^磊", LocalDate.of(2024, 1, day), "DX", "CHEST"),
                    "a", "胸片", "未见异常", ReportStatus.FINAL));
        }
        store.save(written(study("7.99", "P8", "QIAN^LI=钱^丽", LocalDate.of(2024, 1, 9), "DX", "CHEST"),
                "a", "胸片", "未见异常", ReportStatus.FINAL));
        List<String> seen = new ArrayList<>();
        int[] sizes = new int[3];
        for (int page = 0; page < 3; page++) {
            Reports.ReportPage p = store.search(new ReportQuery("zl", "", "", "", null, null, null, "", "",
                    page * 10, 10));
            assertEquals(25, p.total());
            sizes[page] = p.rows().size();
            p.rows().forEach(r -> seen.add(r.study().studyUid()));
        }
        assertArrayEquals(new int[]{10, 10, 5}, sizes);
        List<String> expected = new ArrayList<>();
        for (int day = 25; day >= 1; day--) {
            expected.add("7." + day);
        }
        assertEquals(expected, seen, "newest exam first, each report once");
        assertEquals(26, store.search(new ReportQuery("", "", "", "", null, null, null, "", "", 30, 10)).total());
    }

    @Test
    void anAutosaveNewerThanTheSaveIsOfferedUntilTheNextSave() throws Exception {
        Reports editor = workstation();
        Report saved = editor.save(written(study("8.1", "P81", "SUN^LI=孙^丽", LocalDate.of(2024, 4, 1), "CT", "HEAD"),
                "李医生", "saved text", "", ReportStatus.DRAFT));
        assertTrue(editor.autosaved(saved.id()).isEmpty());

        editor.autosave(saved.withText("typed after the save: 左侧基底节区低密度灶", "考虑腔隙性脑梗死")
                .withFields(Map.of("side", "左")));
        Report kept = workstation().autosaved(saved.id()).orElseThrow();
        assertEquals("typed after the save: 左侧基底节区低密度灶", kept.findings());
        assertEquals("考虑腔隙性脑梗死", kept.impression());
        assertEquals(Map.of("side", "左"), kept.fields());
        assertEquals(saved.version(), kept.version());

        editor.autosave(saved.withText("second autosave", ""));
        assertEquals("second autosave", editor.autosaved(saved.id()).orElseThrow().findings(), "one row, the latest");

        Report v2 = editor.save(kept);
        assertEquals("typed after the save: 左侧基底节区低密度灶", v2.findings());
        assertTrue(editor.autosaved(saved.id()).isEmpty(), "the save cleared it");

        editor.autosave(v2.withText("more", ""));
        editor.discardAutosave(v2.id());
        assertTrue(editor.autosaved(v2.id()).isEmpty());
    }
}
