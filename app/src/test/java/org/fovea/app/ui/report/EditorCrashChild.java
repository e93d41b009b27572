package org.fovea.app.ui.report;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.ui.common.FxRuntime;
import org.fovea.app.view.StudyRefs;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A workstation writing a report, for {@link EditorCrashTest} to kill: the real window on the
 * archive of {@code args[0]}, a report started on study {@code args[1]}, then {@code args[2]}
 * typed into the findings one character every 40 ms. It prints {@code started ID}, then
 * {@code typed N} after each character, and waits to be killed.
 */
public final class EditorCrashChild {

    private EditorCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        String studyUid = args[1];
        String text = args[2];
        LocalArchive archive = LocalArchive.open(home);
        StudySummary study = archive.findStudies(StudyQuery.all()).stream().filter(s -> s.studyUid().equals(studyUid))
                .findFirst().orElseThrow();
        FxRuntime.ensureStarted();
        FxRuntime.call(() -> {
            Stage stage = new Stage();
            WorkstationWindow window = new WorkstationWindow(archive, home, Locale.ENGLISH);
            window.show(stage);
            ReportEditor editor = window.reportEditor();
            editor.start(StudyRefs.of(study, null), null).thenAccept(report -> {
                System.out.println("started " + report.id());
                int[] typed = {0};
                Timeline typing = new Timeline(new KeyFrame(Duration.millis(40), e -> {
                    editor.findingsArea().appendText(text.substring(typed[0], typed[0] + 1));
                    typed[0]++;
                    System.out.println("typed " + typed[0]);
                }));
                typing.setCycleCount(text.length());
                typing.play();
            });
            return null;
        });
        Thread.sleep(Long.MAX_VALUE);
        Platform.exit();
    }
}
