package org.fovea.app.ui.teaching;

import javafx.scene.control.Tab;
import javafx.stage.Window;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.report.ReportService;
import org.fovea.app.view.StudyRefs;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.reporting.teaching.TeachingCase;

import java.util.function.BiConsumer;

/** The window's Teaching tab and its File > Mark as teaching case… action (P8). */
public final class TeachingPage {

    private final I18n i18n;
    private final ReportService reports;
    private final TeachingView view;
    private final Tab tab = new Tab();

    /** @param open opens a case in the viewer, its patient's identity hidden or not */
    public TeachingPage(I18n i18n, ReportService reports, BiConsumer<TeachingCase, Boolean> open) {
        this.i18n = i18n;
        this.reports = reports;
        this.view = new TeachingView(i18n, reports, open);
        tab.textProperty().bind(i18n.text("tab.teaching"));
        tab.setContent(view.node());
        tab.setClosable(false);
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                view.refresh();
            }
        });
    }

    public Tab tab() { return tab; }

    public TeachingView view() { return view; }

    /** Asks a category and a note and marks the study as {@code by}'s teaching case. */
    public void mark(StudySummary s, String by, Window owner) {
        if (s == null) {
            return;
        }
        reports.teachingCategories().thenAccept(categories -> MarkTeachingDialog.ask(i18n, owner, categories)
                .ifPresent(c -> reports.markTeaching(StudyRefs.of(s, null), c.category(), c.note(), by)
                        .whenComplete((t, error) -> {
                            if (error != null) {
                                Alerts.error(owner == null ? null : owner.getScene().getRoot(), i18n, "error.report", error);
                            }
                        })));
    }
}
