package org.fovea.reporting.store;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety proven by halting a process: a workstation autosaving its editor is killed with
 * SIGKILL in the middle of its loop, and the reopened store holds its last autosave whole.
 */
class AutosaveCrashTest {

    @TempDir
    Path home;

    private static long autosavesIn(Path printed) throws IOException {
        if (!Files.exists(printed)) {
            return 0;
        }
        return Files.readAllLines(printed, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("autosaved ")).count();
    }

    @Test
    void aKilledWorkstationLeavesItsLastAutosaveWhole() throws Exception {
        // the child JVM as Command builds it (this JVM's java and class path), run here by hand
        // because the test kills it while it runs. Its output goes to a file, as Command's does:
        // killing a process closes our end of its pipe, and with it what it printed last.
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), AutosaveCrashChild.class.getName(),
                home.toString());
        Path printed = home.resolve("child.out");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(printed.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (autosavesIn(printed) < 25 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child is gone");
        } finally {
            Command.stop(child, Duration.ZERO);
        }
        List<String> lines = Files.readAllLines(printed, StandardCharsets.UTF_8);
        long id = lines.stream().filter(l -> l.startsWith("saved ")).mapToLong(l -> Long.parseLong(l.substring(6)))
                .findFirst().orElse(-1);
        int lastPrinted = lines.stream().filter(l -> l.matches("autosaved \\d+"))
                .mapToInt(l -> Integer.parseInt(l.substring(10))).max().orElse(0);
        assertTrue(id > 0 && lastPrinted >= 25, "the child saved and autosaved: " + lines);
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9), not ended by itself");

        try (ReportingDatabase db = ReportingDatabase.embedded(home)) {
            Report kept = new JdbcReports(db).autosaved(id).orElseThrow();
            // the edit printed last, or the next one when the kill fell between its commit and its print
            int edit = Integer.parseInt(kept.impression().substring("edit ".length()));
            assertTrue(edit == lastPrinted || edit == lastPrinted + 1,
                    "autosave " + edit + " kept, last printed " + lastPrinted);
            StringBuilder expected = new StringBuilder();
            for (int i = 1; i <= edit; i++) {
                expected.append("第 ").append(i).append(" 行：右肺上叶结节随访，较前无明显变化。\n");
            }
            assertEquals(expected.toString(), kept.findings(), "the text of that edit, whole");
            assertEquals("saved draft", new JdbcReports(db).find(id).orElseThrow().findings());
        }
    }
}
