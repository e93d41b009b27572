package org.fovea.app.ui.report;

import org.fovea.reporting.ReportImage;
import org.fovea.reporting.ReportMeasurement;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What the report editor asks of the viewer beside it. FX thread. */
public interface ViewerLink {

    /** The patient ID of the study the viewer shows, or empty when it shows none. */
    Optional<String> patientId();

    /** How the viewer's patient is named on screen, for the editor's warning. */
    String patientDisplay();

    /** The measurements of the viewer's study, worded as the measurement list shows them. */
    List<ReportMeasurement> measurements();

    /** The active viewport's image as on screen (window, zoom, marks), with a caption. */
    Optional<ReportImage> currentImage();

    /**
     * The study's image library: its key images, in the order they were marked, then the
     * screenshots stored in it. Completes on the FX thread.
     */
    default CompletableFuture<List<LibraryImage>> library(String studyUid) {
        return CompletableFuture.completedFuture(List.of());
    }

    /** Hangs a study (a prior report's) in the viewer for comparison. */
    void openStudy(String studyUid);

    ViewerLink NONE = new ViewerLink() {
        @Override public Optional<String> patientId() { return Optional.empty(); }
        @Override public String patientDisplay() { return ""; }
        @Override public List<ReportMeasurement> measurements() { return List.of(); }
        @Override public Optional<ReportImage> currentImage() { return Optional.empty(); }
        @Override public void openStudy(String studyUid) { }
    };
}
