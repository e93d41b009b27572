package org.fovea.app.ui.viewer;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.Timeline;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.net.QueryResult;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The open patient's timeline above the viewports (V30, P5): every study of the patient in the
 * local archive at once, then those the PACS has (a C-FIND by patient ID in the background, when a
 * query/retrieve node is configured), newest first, with date, modality and description; the open
 * study stands out, a study only on the PACS is marked so. A click hangs that study as the prior
 * (retrieved first when only the PACS has it). FX thread.
 */
public final class PatientTimeline {

    private final I18n i18n;
    private final ArchiveService archive;
    private final Executor worker;
    private final HBox strip = new HBox(4);
    private final ScrollPane node = new ScrollPane(strip);
    private final Label status = new Label();
    private Function<String, CompletableFuture<List<QueryResult>>> pacs = id -> CompletableFuture.completedFuture(List.of());
    private Function<String, CompletableFuture<Boolean>> hang = uid -> CompletableFuture.completedFuture(false);
    private Function<Timeline.Entry, CompletableFuture<Boolean>> retrieve = e -> CompletableFuture.completedFuture(false);
    private List<Timeline.Entry> entries = List.of();
    private StudySummary current;
    private long generation;

    PatientTimeline(I18n i18n, ArchiveService archive, Executor worker) {
        this.i18n = i18n;
        this.archive = archive;
        this.worker = worker;
        strip.getStyleClass().add("timeline");
        node.setFitToHeight(true);
        node.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        node.getStyleClass().add("timeline-scroll");
        node.setFocusTraversable(false);
        status.getStyleClass().add("timeline-status");
    }

    Node node() { return node; }

    /** Where the PACS's studies of a patient come from (empty when no node is configured). */
    public void setPacs(Function<String, CompletableFuture<List<QueryResult>>> source) { pacs = source; }

    /** How a study of the local archive is hung beside the open one (completes with whether it was). */
    void setHang(Function<String, CompletableFuture<Boolean>> action) { hang = action; }

    /** How a study only the PACS has is retrieved (completes on the FX thread with whether all came). */
    public void setRetrieve(Function<Timeline.Entry, CompletableFuture<Boolean>> action) { retrieve = action; }

    /**
     * A click on another study than the open one: hung beside it, after a retrieve when only the
     * PACS has it. Completes on the FX thread with whether it was hung.
     */
    public CompletableFuture<Boolean> choose(Timeline.Entry e) {
        if (e.local()) {
            return hang.apply(e.studyUid());
        }
        setStatus(i18n.format("timeline.retrieving", e.label()));
        long g = generation;
        return retrieve.apply(e).thenCompose(ok -> {
            if (g != generation) {
                return CompletableFuture.completedFuture(false);
            }
            if (!ok) {
                setStatus(i18n.format("timeline.retrieveFailed", e.label()));
                return CompletableFuture.completedFuture(false);
            }
            entries = entries.stream().map(x -> x.studyUid().equals(e.studyUid()) ? new Timeline.Entry(x.studyUid(),
                    x.date(), x.modalities(), x.description(), x.images(), true, true) : x).toList();
            setStatus(null);
            return hang.apply(e.studyUid());
        });
    }

    /** The studies shown now, newest first. */
    public List<Timeline.Entry> entries() { return entries; }

    /** A line at the strip's end (a retrieve under way, a PACS that did not answer); null clears it. */
    void setStatus(String text) {
        status.setText(text == null ? "" : text);
        draw();
    }

    /**
     * The open study's patient: the local studies now, the PACS's when it answers; completes on the
     * FX thread with the merged timeline (never for a study no longer shown).
     */
    CompletableFuture<List<Timeline.Entry>> show(StudySummary study) {
        CompletableFuture<List<Timeline.Entry>> merged = new CompletableFuture<>();
        long g = ++generation;
        current = study;
        entries = List.of();
        status.setText("");
        draw();
        if (study == null) {
            return merged;
        }
        String pid = study.patientId();
        CompletableFuture<List<StudySummary>> local = CompletableFuture.supplyAsync(
                () -> archive.destination().studiesOfPatient(pid), worker);
        local.thenAcceptAsync(l -> {
            if (g == generation) {
                entries = Timeline.of(pid, l, List.of());
                draw();
            }
        }, javafx.application.Platform::runLater);
        local.thenCombine(pacs.apply(pid).exceptionally(e -> {
            javafx.application.Platform.runLater(() -> {
                if (g == generation) {
                    setStatus(i18n.format("timeline.pacsFailed", e.getCause() == null ? e.getMessage()
                            : e.getCause().getMessage()));
                }
            });
            return List.of();
        }), (l, p) -> Timeline.of(pid, l, p)).thenAcceptAsync(all -> {
            if (g == generation) {
                entries = all;
                draw();
                merged.complete(all);
            }
        }, javafx.application.Platform::runLater);
        return merged;
    }

    private void draw() {
        strip.getChildren().clear();
        if (current == null) {
            return;
        }
        Label title = new Label();
        title.textProperty().bind(i18n.text("timeline.title"));
        title.getStyleClass().add("timeline-title");
        strip.getChildren().add(title);
        for (int i = 0; i < entries.size(); i++) {
            Timeline.Entry e = entries.get(i);
            Button b = new Button(e.label() + (e.local() ? "" : "  ⇣PACS"));
            b.setId("timeline-" + i);
            b.setFocusTraversable(false);
            b.getStyleClass().add("timeline-entry");
            if (e.studyUid().equals(current.studyUid())) {
                b.getStyleClass().add("current");
            } else if (!e.local()) {
                b.getStyleClass().add("pacs-only");
            }
            b.setTooltip(new Tooltip(i18n.format(e.local() ? "timeline.tip.local" : "timeline.tip.pacs",
                    String.valueOf(e.images()))));
            b.setOnAction(x -> {
                if (!e.studyUid().equals(current.studyUid())) {
                    choose(e);
                }
            });
            strip.getChildren().add(b);
        }
        strip.getChildren().add(status);
    }
}
