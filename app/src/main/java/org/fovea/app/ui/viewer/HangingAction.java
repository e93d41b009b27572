package org.fovea.app.ui.viewer;

import org.fovea.app.hanging.Hanging;
import org.fovea.app.hanging.HangingProtocol;
import org.fovea.app.hanging.HangingStudies;
import org.fovea.app.hanging.Protocols;
import org.fovea.app.hanging.StudyInfo;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.ArchiveService.LoadedSeries;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.render.WindowPresets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hangs the viewer's study by its hanging protocol (issue 14): off the UI thread, the protocols
 * are read, the study and the patient's other studies of the local archive described, the plan
 * made and the series of the current study and its priors loaded; then the viewer takes the first
 * stage's layout, and each viewport its series and window preset. Protocol files that could not
 * be read are said once, through {@code problems}.
 */
public final class HangingAction {

    private final ArchiveService archive;
    private final ViewerView viewer;
    private final Path home;
    private final Executor worker;
    private final Consumer<String> problems;
    private boolean problemsSaid;

    public HangingAction(ArchiveService archive, ViewerView viewer, Path home, Executor worker, Consumer<String> problems) {
        this.archive = archive;
        this.viewer = viewer;
        this.home = home;
        this.worker = worker;
        this.problems = problems;
    }

    /** The View menu's "Hang by protocol" (Ctrl+H). */
    public javafx.scene.control.MenuItem menuItem(javafx.beans.binding.StringExpression text) {
        javafx.scene.control.MenuItem m = new javafx.scene.control.MenuItem();
        m.textProperty().bind(text);
        m.setId("menu-hang");
        m.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("Shortcut+H"));
        m.setOnAction(e -> hangOpenStudy());
        return m;
    }

    private record Prepared(Hanging.Plan plan, Map<String, LoadedSeries> series) {
    }

    /**
     * Hangs the open study; completes (on the FX thread) with the protocol used, empty when none
     * matches the study.
     */
    public CompletableFuture<Optional<HangingProtocol>> hangOpenStudy() {
        StudySummary current = viewer.study();
        if (current == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        LocalArchive local = archive.destination();
        return CompletableFuture.supplyAsync(() -> prepare(local, current), worker).thenApplyAsync(p -> {
            if (p.plan() == null) {
                return Optional.<HangingProtocol>empty();
            }
            apply(p.plan().stages().get(0), p.series());
            return Optional.of(p.plan().protocol());
        }, javafx.application.Platform::runLater);
    }

    private Prepared prepare(LocalArchive local, StudySummary current) {
        Protocols protocols = Protocols.load(home);
        if (!problemsSaid && !protocols.problems().isEmpty()) {
            problemsSaid = true;
            List<String> lines = new ArrayList<>();
            protocols.problems().forEach(pr -> lines.add(pr.file() + ": " + pr.reason()));
            javafx.application.Platform.runLater(() -> problems.accept(String.join("\n", lines)));
        }
        StudyInfo info = HangingStudies.of(local, current);
        Optional<HangingProtocol> protocol = protocols.forStudy(info);
        if (protocol.isEmpty()) {
            return new Prepared(null, Map.of());
        }
        // the priors are chosen on what the index knows; only those hung have their series read
        Map<String, StudySummary> byUid = new HashMap<>();
        List<StudyInfo> candidates = new ArrayList<>();
        for (StudySummary s : local.studiesOfPatient(current.patientId())) {
            if (!s.studyUid().equals(current.studyUid())) {
                byUid.put(s.studyUid(), s);
                candidates.add(HangingStudies.summary(s));
            }
        }
        List<StudyInfo> priors = Hanging.priors(protocol.get(), info, candidates).stream()
                .map(p -> HangingStudies.of(local, byUid.get(p.studyUid()))).toList();
        Hanging.Plan plan = Hanging.plan(protocol.get(), info, priors);
        Map<String, LoadedSeries> series = new HashMap<>();
        List<StudyInfo> hung = new ArrayList<>(plan.priors());
        hung.add(0, info);
        for (StudyInfo s : hung) {
            local.series(s.studyUid()).forEach(ss -> series.put(ss.seriesUid(),
                    new LoadedSeries(ss, local.instances(ss.seriesUid()))));
        }
        return new Prepared(plan, series);
    }

    /** One stage on screen: its grid, and each viewport's series and preset (empty where nothing fits). */
    void apply(Hanging.Stage stage, Map<String, LoadedSeries> series) {
        viewer.setLayout(layout(stage.rows(), stage.columns()));
        List<Viewport> shown = viewer.visibleViewports();
        for (int i = 0; i < shown.size(); i++) {
            Hanging.Viewport cell = i < stage.viewports().size() ? stage.viewports().get(i) : null;
            Viewport v = shown.get(i);
            LoadedSeries s = cell == null || cell.series() == null ? null : series.get(cell.series().seriesUid());
            if (s == null || s.instances().isEmpty()) {
                v.show(null);
                continue;
            }
            v.show(viewer.stack(s));
            WindowPresets.byKey(cell.preset()).ifPresent(p -> v.setWindow(p.window()));
        }
    }

    /** The viewer's layout for a grid; 4x4 when the protocol asks for one the viewer does not offer. */
    static ViewportGrid.Layout layout(int rows, int columns) {
        for (ViewportGrid.Layout l : ViewportGrid.Layout.values()) {
            if (l.rows == rows && l.columns == columns && l.cells() == rows * columns) {
                return l;
            }
        }
        return ViewportGrid.Layout.FOUR_BY_FOUR;
    }
}
