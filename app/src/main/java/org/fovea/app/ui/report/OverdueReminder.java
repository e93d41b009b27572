package org.fovea.app.ui.report;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.reporting.ReportSummary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reminds the radiologists at a workstation of reports past their turnaround deadline (P12): every
 * five minutes it reads the worklist, and reports newly overdue are announced once, by name.
 */
public final class OverdueReminder implements AutoCloseable {

    private final I18n i18n;
    private final ReportService service;
    private final Set<Long> reminded = new HashSet<>();
    private final Timeline timer = new Timeline(new KeyFrame(Duration.minutes(5), e -> checkNow()));
    private Consumer<String> announce;

    public OverdueReminder(I18n i18n, ReportService service) {
        this.i18n = i18n;
        this.service = service;
        this.announce = text -> Notifications.create().title(i18n.get("report.deadline")).text(text)
                .hideAfter(Duration.seconds(20)).showWarning();
        timer.setCycleCount(Timeline.INDEFINITE);
    }

    public void start() {
        timer.play();
        checkNow();
    }

    /** Where reminders go (a notification; tests listen here). */
    public void setAnnounce(Consumer<String> announce) {
        this.announce = announce;
    }

    public void checkNow() {
        service.worklist().thenAccept(w -> {
            List<ReportSummary> fresh = w.overdue().stream().filter(r -> reminded.add(r.id())).toList();
            if (!fresh.isEmpty()) {
                announce.accept(i18n.format("reports.overdueReminder", fresh.size(), fresh.stream()
                        .map(r -> PersonNameFormat.display(r.study().patientName()) + " (" + i18n.get("priority."
                                + r.priority().name()) + ")").collect(Collectors.joining("、"))));
            }
        });
    }

    @Override
    public void close() {
        timer.stop();
    }
}
