package org.fovea.app.cli;

import org.fovea.center.demo.CenterDemo;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.store.JdbcReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fovea center demo} makes the whole center on this machine (PostgreSQL, Orthanc on it, the
 * center) and this workstation a site of its first hospital: the demo CT submitted with
 * {@code remote submit} arrives, is assigned to the chest expert by the demo's rules, and is still
 * there after the demo is stopped and started again. The chest expert retrieves it from the
 * center's Orthanc, reports and signs it in the center's reporting database; {@code remote sync}
 * receives the report, checks its signatures against the center's CA and files it into the study.
 */
@org.junit.jupiter.api.Timeout(180)
class CenterDemoTest {

    @TempDir
    Path home;

    private Thread demo(StringWriter out) {
        CommandLine cl = FoveaCommand.commandLine(home);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        Thread t = new Thread(() -> cl.execute("center", "demo", "--port", "0"));
        t.start();
        return t;
    }

    private static void waitFor(StringWriter out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!out.toString().contains(text)) {
            assertThat(System.nanoTime()).as(out.toString()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private String run(String stdin, String... args) {
        return run(home, stdin, args);
    }

    private static String run(Path where, String stdin, String... args) {
        InputStream was = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = FoveaCommand.commandLine(where);
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute(args);
            assertThat(code).as(out + "\n" + err).isZero();
            return out.toString();
        } finally {
            System.setIn(was);
        }
    }

    @Test
    void theDemoCenterTakesTheDemoCtAndKeepsItAcrossARestart() throws Exception {
        try (LocalArchive archive = LocalArchive.open(home)) {
            DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
        }
        StringWriter out = new StringWriter();
        Thread running = demo(out);
        String config = home.resolve("center-demo").resolve("center.json").toString();
        try {
            waitFor(out, "Ctrl-C stops");
            assertThat(out.toString()).contains("center ready at https://localhost:").contains("doctor.a")
                    .contains("expert.chest").contains(CenterDemo.PASSWORD);
            String submitted = run(CenterDemo.PASSWORD + "\n", "remote", "submit", "--study",
                    DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL), "--question", "结节性质？");
            assertThat(submitted).contains("sent 61 images").contains("assigned");
            String listed = run("", "center", "requests", "--config", config);
            assertThat(listed).contains("TOWN-A").contains("王建国").contains("61/61 images").contains("-> expert.chest");

            // the chest expert sees it, gives it back to the group's queue and takes it again
            String mine = run(CenterDemo.PASSWORD + "\n", "remote", "requests", "--as", "expert.chest");
            assertThat(mine).contains("王建国").contains("assigned -> expert.chest").contains("结节性质？");
            String id = mine.substring(0, 36);
            assertThat(run(CenterDemo.PASSWORD + "\n", "remote", "release", id, "--as", "expert.chest",
                    "--reason", "on leave")).contains("back in the chest queue");
            assertThat(run(CenterDemo.PASSWORD + "\n", "remote", "claim", id, "--as", "expert.chest"))
                    .contains("is yours (assigned)");
            // and retrieves its images from the center's Orthanc with the workstation's query/retrieve
            java.util.regex.Matcher dicom = java.util.regex.Pattern.compile("from (CENTER@127\\.0\\.0\\.1:\\d+)")
                    .matcher(out.toString());
            assertThat(dicom.find()).isTrue();
            Path expertHome = home.resolve("expert-workstation");
            assertThat(run(expertHome, "", "dicom", "get", dicom.group(1), "--study",
                    DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL))).contains("61");
            try (LocalArchive expert = LocalArchive.open(expertHome)) {
                assertThat(expert.study(DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL)).orElseThrow().instanceCount())
                        .isEqualTo(61);
            }

            // the expert reports in the center's reporting database (the demo's expert-department.json)
            // and signs with the existing sign-off; the site receives, checks and files the report
            java.nio.file.Files.copy(home.resolve("center-demo").resolve("expert-department.json"),
                    expertHome.resolve("department.json"));
            long reportId;
            try (ReportingDatabase experts = ReportingDatabase.forHome(expertHome)) {
                reportId = new JdbcReports(experts).save(Report.draft(new StudyRef(DemoStudy.CURRENT_CT.studyUid(
                        DemoSize.SMALL), "", "FV0001", "WANG^JIANGUO=王建国", "M", null, "", null, "CT", "CHEST",
                        "胸部CT平扫", "", ""), "", "expert.chest").withText("右肺上叶实性结节，约 20 mm。",
                        "右肺上叶结节，建议穿刺活检。"), "expert.chest", "EXPERT-WS").id();
            }
            assertThat(run(expertHome, CenterDemo.PASSWORD + "\n", "report", "submit", String.valueOf(reportId),
                    "--as", "expert.chest")).contains("is now final");
            String request = submitted.substring(submitted.indexOf("queued ") + 7, submitted.indexOf(':',
                    submitted.indexOf("queued ")));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String synced = "";
            while (!synced.contains("reported") && System.nanoTime() < deadline) {
                Thread.sleep(300);
                synced = run(CenterDemo.PASSWORD + "\n", "remote", "sync");
            }
            assertThat(synced).contains(request).contains("reported");
            Path pdf = home.resolve("report.pdf");
            String shown = run("", "remote", "report", request, "--pdf", pdf.toString());
            assertThat(shown).contains("儿童医院远程影像诊断中心").contains("陈专家 (胸部) (expert.chest)")
                    .contains("signatures: valid").contains("filed into the local study").contains("建议穿刺活检");
            assertThat(java.nio.file.Files.readAllBytes(pdf)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
            try (LocalArchive site = LocalArchive.open(home)) {
                assertThat(site.series(DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL))).extracting(
                        org.fovea.dicom.archive.SeriesSummary::modality).contains("SR", "DOC");
            }
        } finally {
            running.interrupt();
            running.join(60_000);
        }
        assertThat(running.isAlive()).isFalse();
        assertThat(out.toString()).contains("stopped");

        // started again: the same center, its request still there
        StringWriter again = new StringWriter();
        Thread second = demo(again);
        try {
            waitFor(again, "Ctrl-C stops");
            assertThat(run("", "center", "requests", "--config", config)).contains("-> expert.chest");
        } finally {
            second.interrupt();
            second.join(60_000);
        }
        assertThat(second.isAlive()).isFalse();
        // as root the cluster lives outside FOVEA_HOME: not left behind by the test
        try (var walk = java.nio.file.Files.walk(CenterDemo.postgresFolder(home))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }
}
