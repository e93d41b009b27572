package org.fovea.app.cli;

import org.fovea.center.demo.CenterDemo;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
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
 * there after the demo is stopped and started again.
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
