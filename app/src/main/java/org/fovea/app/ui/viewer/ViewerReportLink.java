package org.fovea.app.ui.viewer;

import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.report.LibraryImage;
import org.fovea.app.ui.report.ViewerLink;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.app.view.ReportMeasurements;
import org.fovea.dicom.SecondaryCapture;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.reporting.ReportImage;
import org.fovea.reporting.ReportMeasurement;
import org.fovea.render.measure.ImageRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The viewer as the report editor sees it: its patient, its measurements, its current image. */
public final class ViewerReportLink implements ViewerLink {

    private final ViewerView viewer;
    private final ArchiveService archive;
    private final I18n i18n;
    private final Consumer<String> openStudy;

    /** @param openStudy opens a study (by UID) in the viewer, for a prior report's images */
    public ViewerReportLink(ViewerView viewer, ArchiveService archive, I18n i18n, Consumer<String> openStudy) {
        this.viewer = viewer;
        this.archive = archive;
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

    /**
     * The key images the viewer holds for the study (marked now or loaded from its key object
     * selection) with their notes, then the screenshots of its library series, by number.
     */
    @Override
    public CompletableFuture<List<LibraryImage>> library(String studyUid) {
        boolean shown = viewer.study() != null && viewer.study().studyUid().equals(studyUid);
        // the key images of the study itself, not those marked on a prior beside it
        List<ImageRef> keys = shown ? viewer.reading().keyImages().ordered().stream()
                .filter(k -> studyUid.equals(viewer.reading().studyOf(k))).toList() : List.of();
        Map<ImageRef, String> notes = shown ? viewer.reading().keyImages().all() : Map.of();
        Map<ImageRef, String> labels = new HashMap<>();
        keys.forEach(k -> labels.put(k, viewer.reading().imageLabel(k)));
        String library = SecondaryCapture.seriesUidFor(studyUid);
        return archive.seriesWithInstances(studyUid).thenApply(series -> {
            Map<String, InstanceEntry> bySop = new HashMap<>();
            series.forEach(s -> s.instances().forEach(i -> bySop.put(i.sopInstanceUid(), i)));
            List<LibraryImage> out = new ArrayList<>();
            for (ImageRef k : keys) {
                InstanceEntry i = bySop.get(k.sopInstanceUid());
                if (i != null) {
                    String note = notes.getOrDefault(k, "");
                    out.add(new LibraryImage(labels.get(k) + (note.isEmpty() ? "" : " " + note), i.file(), k.frame(),
                            k.sopInstanceUid(), true));
                }
            }
            series.stream().filter(s -> s.summary().seriesUid().equals(library)).flatMap(s -> s.instances().stream())
                    .forEach(i -> out.add(new LibraryImage(i18n.format("report.libraryShot",
                            i.instanceNumber() == null ? "" : i.instanceNumber()), i.file(), 1, i.sopInstanceUid(), false)));
            return out;
        });
    }

    @Override
    public void openStudy(String studyUid) {
        openStudy.accept(studyUid);
    }
}
