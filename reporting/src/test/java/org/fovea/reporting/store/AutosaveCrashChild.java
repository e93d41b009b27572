package org.fovea.reporting.store;

import org.fovea.reporting.Report;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.StudyRef;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The workstation {@link AutosaveCrashTest} kills: opens the embedded store under {@code args[0]},
 * saves a draft, then autosaves numbered edits back to back without end, printing each one after it
 * returned: half of them straight after the previous one, so the kill may land inside a write.
 */
public final class AutosaveCrashChild {

    private AutosaveCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        ReportingDatabase db = ReportingDatabase.embedded(Path.of(args[0]));
        JdbcReports reports = new JdbcReports(db);
        StudyRef study = new StudyRef("1.2.826.0.1.99", "A99", "P99", "ZHOU^MIN=周^敏", "F", null, "",
                LocalDate.of(2024, 5, 1), "CT", "CHEST", "胸部CT", "", "");
        Report saved = reports.save(Report.draft(study, "", "李医生").withText("saved draft", "")
                .withStatus(ReportStatus.DRAFT));
        System.out.println("saved " + saved.id());
        System.out.flush();
        StringBuilder text = new StringBuilder();
        for (int i = 1; ; i++) {
            // grows by a line each time, so a torn write would show as a text no edit ever had
            text.append("第 ").append(i).append(" 行：右肺上叶结节随访，较前无明显变化。\n");
            reports.autosave(saved.withText(text.toString(), "edit " + i));
            System.out.println("autosaved " + i);
            System.out.flush();
            // a pause now and then, as between an editor's autosaves: H2's background writer would
            // leave the last commits in memory here unless every commit is written (WRITE_DELAY=0)
            Thread.sleep(i % 2 == 0 ? 40 : 0);
        }
    }
}
