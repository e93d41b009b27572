package org.fovea.app.ui.viewer;

import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.report.ViewerLink;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.app.view.ReportMeasurements;
import org.fovea.reporting.ReportImage;
import org.fovea.reporting.ReportMeasurement;
import org.fovea.render.measure.ImageRef;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The viewer as the report editor sees it: its patient, its measurements, its current image. */
public final class ViewerReportLink implements ViewerLink {

    private final ViewerView viewer;
    private final I18n i18n;
    private final Consumer<String> openStudy;

    /** @param openStudy opens a study (by UID) in the viewer, for a prior report's images */
    public ViewerReportLink(ViewerView viewer, I18n i18n, Consumer<String> openStudy) {
        this.viewer = viewer;
        this.i18n = i18n;
        this.openStudy = openStudy;
    }

    @Override
    public Optional<String> patientId() {
        return Optional.ofNullable(viewer.study()).map(s -> s.patientId());
    }

    @Override
    public String patientDisplay() {
        return viewer.study() == null ? ""
                : PersonNameFormat.display(viewer.study().patientName()) + " (" + viewer.study().patientId() + ")";
    }

    @Override
    public List<ReportMeasurement> measurements() {
        List<org.fovea.render.measure.Measured> measured = viewer.marks().all().stream()
                .filter(a -> a.kind().measurement()).map(viewer::measure).toList();
        return ReportMeasurements.of(measured, i18n.bundle(), viewer.reading()::imageLabel);
    }

    @Override
    public Optional<ReportImage> currentImage() {
        Viewport v = viewer.activeViewport();
        ImageRef ref = v == null ? null : v.currentImage();
        if (ref == null) {
            return Optional.empty();
        }
        WritableImage shot = v.pane().snapshot(new SnapshotParameters(), null);
        return Optional.of(new ReportImage(viewer.reading().imageLabel(ref), org.fovea.app.ui.common.FxPng.encode(shot), ref.sopInstanceUid(),
                ref.frame()));
    }

    @Override
    public void openStudy(String studyUid) {
        openStudy.accept(studyUid);
    }
}
