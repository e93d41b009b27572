package org.fovea.app.ui.viewer;

import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.series.Slice;

import java.util.List;

/** Which viewports show another patient than the active one, said on each of them. */
final class PatientBanners {

    private PatientBanners() {
    }

    /**
     * A viewport showing another patient than the active one says so in a red banner across it:
     * several patients on screen at once must never be mistaken for one (DESIGN.md).
     */
    static void mark(List<Viewport> viewports, Viewport active, StudySummary study, I18n i18n) {
        String patient = patientOf(active);
        if (patient == null && study != null) {
            patient = study.patientId() + "\0" + study.patientName();
        }
        for (Viewport v : viewports) {
            String other = patientOf(v);
            boolean differs = other != null && patient != null && !other.equals(patient);
            v.pane().setOtherPatient(differs ? i18n.format("viewer.otherPatient",
                    PersonNameFormat.display(v.stack().anySlice().header().patientName()),
                    v.stack().anySlice().header().patientId()) : null);
        }
    }

    private static String patientOf(Viewport v) {
        Slice any = v == null || v.stack() == null ? null : v.stack().anySlice();
        return any == null ? null : any.header().patientId() + "\0" + any.header().patientName();
    }
}
