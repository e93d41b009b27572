package org.fovea.app.ui.report;

import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.Priority;

import java.util.function.LongSupplier;

/**
 * The report's priority in the editor (P6, P12): emergency, inpatient or outpatient, stored as
 * soon as it is chosen; the turnaround deadline follows from it.
 */
final class PriorityChooser {

    private final ReportService service;
    private final LongSupplier reportId;
    private final ComboBox<Priority> box = new ComboBox<>();
    private boolean showing;

    PriorityChooser(I18n i18n, ReportService service, LongSupplier reportId) {
        this.service = service;
        this.reportId = reportId;
        box.getItems().setAll(Priority.values());
        box.setId("report-priority");
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Priority p) {
                return p == null ? "" : i18n.get("priority." + p.name());
            }

            @Override
            public Priority fromString(String s) {
                return null;
            }
        });
        box.valueProperty().addListener((o, a, b) -> {
            long id = reportId.getAsLong();
            if (!showing && id > 0 && b != null) {
                service.setPriority(id, b);
            }
        });
    }

    ComboBox<Priority> node() { return box; }

    /** Shows the stored priority of a report (not a choice: nothing is stored). */
    void show(long id) {
        if (id == 0) {
            return;
        }
        service.priority(id).thenAccept(p -> {
            if (reportId.getAsLong() == id) {
                showing = true;
                box.setValue(p);
                showing = false;
            }
        });
    }
}
