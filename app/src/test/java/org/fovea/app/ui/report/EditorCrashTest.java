package org.fovea.app.ui.report;

import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.reporting.Report;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * A power cut while writing: a workstation typing a report in the real window, never saving, is
 * killed with SIGKILL a little more than one autosave period after its last keystroke; the
 * report opened again in a new window shows every character typed, and says it was restored.
 */
@ExtendWith(ApplicationExtension.class)
class EditorCrashTest {

    private static final String TYPED = "右肺上叶见一实性结节，边缘分叶。END";

    @TempDir
    Path home;

    private static List<String> printed(Path out) throws Exception {
        return Files.exists(out) ? Files.readAllLines(out, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void whatWasTypedBeforeTheKillComesBackFromTheAutosave(FxRobot robot) throws Exception {
        String study = DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL);
        try (LocalArchive archive = LocalArchive.open(home)) {
            DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the options this test JVM runs with (heap, encoding, VTK's library path), agents left out
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> !a.startsWith("-javaagent"))
                .forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EditorCrashChild.class.getName(),
                home.toString(), study, TYPED));
        // output to a file, not a pipe: killing the child must not lose what it printed last
        Path out = home.resolve("child.out");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long id;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!printed(out).contains("typed " + TYPED.length()) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(printed(out)).as(String.join("\n", printed(out))).contains("typed " + TYPED.length());
            // one autosave period and a half after the last keystroke: the autosave has run, no save has
            Thread.sleep((long) (ReportEditor.AUTOSAVE.toMillis() * 1.5));
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child is gone").isTrue();
            id = printed(out).stream().filter(l -> l.startsWith("started ")).mapToLong(l -> Long.parseLong(l.substring(8)))
                    .findFirst().orElseThrow();
        } finally {
            Command.stop(child, Duration.ZERO);
        }

        try (LocalArchive archive = LocalArchive.open(home)) {
            WorkstationWindow[] window = new WorkstationWindow[1];
            Stage[] stage = new Stage[1];
            robot.interact(() -> {
                window[0] = new WorkstationWindow(archive, home, Locale.ENGLISH);
                stage[0] = new Stage();
                window[0].show(stage[0]);
            });
            try {
                ReportEditor editor = onFx(window[0]::reportEditor);
                ReportService service = onFx(() -> editor.service());
                Report saved = service.find(id).get(30, TimeUnit.SECONDS).orElseThrow();
                assertThat(saved.findings()).as("nothing typed was saved, only autosaved").doesNotContain("END");
                robot.interact(() -> editor.open(saved.study(), null));
                waitUntil(() -> onFx(() -> editor.findingsArea().getText().endsWith(TYPED)));
                waitUntil(() -> onFx(() -> editor.stateLabel().getText()).startsWith("Restored the autosaved text"));
            } finally {
                // its stage too: a window left open would take the next test's keys
                robot.interact(() -> {
                    window[0].close();
                    stage[0].hide();
                });
            }
        }
    }
}
