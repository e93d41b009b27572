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
    /** What hangs on screen now, and its stage; null when the open study hangs by no protocol. */
    private Prepared hung;
    private int stage;

    public HangingAction(ArchiveService archive, ViewerView viewer, Path home, Executor worker, Consumer<String> problems) {
        this.archive = archive;
        this.viewer = viewer;
        this.home = home;
        this.worker = worker;
        this.problems = problems;
    }

    /**
     * The View menu's protocol and linking items: Hang by protocol (Ctrl+H), the next and previous
     * stage (Shift+N, Shift+P, the viewer's keys: as accelerators they would fire while typing),
     * linking on/off (Shift+L) and aligning the priors to the active slice (Alt+L).
     */
    public List<javafx.scene.control.MenuItem> menuItems(org.fovea.app.ui.common.I18n i18n) {
        javafx.scene.control.MenuItem hang = item(i18n, "menu.hang", "", this::hangOpenStudy);
        hang.setId("menu-hang");
        hang.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("Shortcut+H"));
        return List.of(hang, item(i18n, "menu.nextStage", "Shift+N", () -> stage(1)),
                item(i18n, "menu.previousStage", "Shift+P", () -> stage(-1)),
                item(i18n, "menu.link", "Shift+L", () -> viewer.linking().toggle()),
                item(i18n, "menu.alignLinked", "Alt+L", () -> viewer.linking().alignHere()),
                item(i18n, "menu.saveLayout", "", () -> askAndSave(i18n)));
    }

    /** View > Save layout as protocol…: asks a name, saves, says where. */
    private void askAndSave(org.fovea.app.ui.common.I18n i18n) {
        if (viewer.study() == null) {
            return;
        }
        javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog(viewer.study().description());
        ask.setHeaderText(i18n.get("hanging.saveLayout.ask"));
        ask.showAndWait().filter(n -> !n.isBlank()).ifPresent(name -> saveLayout(name.trim()).whenComplete((file, error) ->
                new javafx.scene.control.Alert(error == null ? javafx.scene.control.Alert.AlertType.INFORMATION
                        : javafx.scene.control.Alert.AlertType.ERROR, error == null
                        ? i18n.format("hanging.saveLayout.saved", name, file.toString())
                        : i18n.format("hanging.saveLayout.failed", name, String.valueOf(error.getMessage()))).show()));
    }

    /**
     * The layout on screen saved as a department protocol named {@code name} (the open study's
     * modalities and body part, each viewport's study, plane and window preset); completes on the
     * FX thread with the file written.
     */
    public CompletableFuture<Path> saveLayout(String name) {
        StudySummary current = viewer.study();
        ViewportGrid.Layout l = viewer.layout();
        // "1+3" is no grid: saved by its name, with the 2x2 it resembles for the grid fields
        boolean custom = l == ViewportGrid.Layout.ONE_PLUS_THREE;
        int rows = custom ? 2 : l.rows;
        int columns = custom ? 2 : l.columns;
        String layoutName = custom ? l.label() : "";
        List<org.fovea.app.hanging.LayoutProtocol.Shown> shown = new ArrayList<>();
        for (Viewport v : viewer.visibleViewports()) {
            org.fovea.dicom.series.Slice any = v.stack() == null ? null : v.stack().anySlice();
            if (any == null) {
                shown.add(null);
                continue;
            }
            org.fovea.dicom.ImageHeader h = any.header();
            String preset = v.effectiveVoi() instanceof org.fovea.render.WindowLevel wl ? WindowPresets.ct().stream()
                    .filter(p -> p.width() == wl.width() && p.center() == wl.center()).map(WindowPresets.Preset::key)
                    .findFirst().orElse("") : "";
            shown.add(new org.fovea.app.hanging.LayoutProtocol.Shown(h.studyInstanceUid(),
                    org.fovea.app.view.DicomDates.parseDate(h.studyDate()).orElse(null), h.seriesInstanceUid(),
                    h.seriesDescription(), HangingStudies.plane(any.plane()), preset));
        }
        LocalArchive local = archive.destination();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Protocols.save(home, org.fovea.app.hanging.LayoutProtocol.of(name, HangingStudies.of(local, current),
                        rows, columns, layoutName, shown));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, worker).thenApplyAsync(f -> f, javafx.application.Platform::runLater);
    }

    private static javafx.scene.control.MenuItem item(org.fovea.app.ui.common.I18n i18n, String key, String keys,
                                                      Runnable action) {
        javafx.scene.control.MenuItem m = new javafx.scene.control.MenuItem();
        m.textProperty().bind(keys.isEmpty() ? i18n.text(key) : i18n.text(key).concat("    " + keys));
        m.setOnAction(e -> action.run());
        return m;
    }

    /** A study's plan and the series of its priors it hangs (the open study's are the viewer's). */
    record Prepared(StudySummary study, Hanging.Plan plan, Map<String, LoadedSeries> series) {
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
        return prepare(current).thenApplyAsync(p -> show(p) ? Optional.of(p.plan().protocol())
                : Optional.<HangingProtocol>empty(), javafx.application.Platform::runLater);
    }

    /** Makes a study's plan off the UI thread: the protocol, its priors and the series they hang. */
    CompletableFuture<Prepared> prepare(StudySummary study) {
        LocalArchive local = archive.destination();
        return CompletableFuture.supplyAsync(() -> prepare(local, study, null), worker);
    }

    /**
     * A prior chosen on the timeline (in the local archive): the open study hung again with it as
     * its first prior, by the study's protocol or, when that hangs no prior, side by side.
     * Completes on the FX thread with whether it was hung.
     */
    public CompletableFuture<Boolean> hangWithPrior(String priorUid) {
        StudySummary current = viewer.study();
        if (current == null || current.studyUid().equals(priorUid)) {
            return CompletableFuture.completedFuture(false);
        }
        LocalArchive local = archive.destination();
        return CompletableFuture.supplyAsync(() -> prepare(local, current, priorUid), worker)
                .thenApplyAsync(this::show, javafx.application.Platform::runLater);
    }

    /** When the reader picks a prior the study's protocol has no place for: the two side by side, linked. */
    static final HangingProtocol SIDE_BY_SIDE = new HangingProtocol("side by side", null,
            new HangingProtocol.Priors(1, false), List.of(new HangingProtocol.Stage("current and prior", 1, 2, List.of(
                    new HangingProtocol.Cell(0, new HangingProtocol.Series(List.of(), null, null, true), ""),
                    new HangingProtocol.Cell(1, new HangingProtocol.Series(List.of(), null, null, true), "")), true)));

    /**
     * Hangs a prepared study's first stage, if it is still the viewer's study and a protocol
     * matched; whether it did. FX thread.
     */
    boolean show(Prepared p) {
        StudySummary open = viewer.study();
        if (p.plan() == null || open == null || !open.studyUid().equals(p.study().studyUid())) {
            hung = null;
            return false;
        }
        hung = p;
        stage = 0;
        apply(p.plan().stages().get(0), p.series());
        return true;
    }

    /** Shift+N / Shift+P: the next or previous stage of the protocol on screen, round the end. */
    void stage(int delta) {
        StudySummary open = viewer.study();
        if (hung == null || open == null || !open.studyUid().equals(hung.study().studyUid())) {
            return;
        }
        int n = hung.plan().stages().size();
        stage = Math.floorMod(stage + delta, n);
        apply(hung.plan().stages().get(stage), hung.series());
    }

    /**
     * The prior to fetch when the study opened with fewer priors than its protocol hangs: the most
     * recent study of the timeline only the PACS has, not later than the open one and, when the
     * protocol asks, of one of its modalities.
     */
    Optional<org.fovea.app.view.Timeline.Entry> priorToRetrieve(List<org.fovea.app.view.Timeline.Entry> timeline) {
        StudySummary open = viewer.study();
        if (hung == null || open == null || !open.studyUid().equals(hung.study().studyUid())
                || hung.plan().priors().size() >= hung.plan().protocol().priors().count()) {
            return Optional.empty();
        }
        List<String> modalities = List.of(org.fovea.app.view.Timeline.imageModalities(open.modalities()).split("/"));
        return timeline.stream()
                .filter(e -> !e.local() && e.pacs())
                .filter(e -> open.studyDate() == null || e.date() == null || !e.date().isAfter(open.studyDate()))
                .filter(e -> !hung.plan().protocol().priors().sameModality()
                        || List.of(e.modalities().split("/")).stream().anyMatch(modalities::contains))
                .findFirst();
    }

    /** The protocol on screen and its stage (1-based), e.g. "CT chest 1/2"; empty when none. */
    Optional<String> stageName() {
        return hung == null ? Optional.empty()
                : Optional.of(hung.plan().protocol().name() + " " + (stage + 1) + "/" + hung.plan().stages().size());
    }

    private Prepared prepare(LocalArchive local, StudySummary current, String chosenPrior) {
        Protocols protocols = Protocols.load(home);
        if (!problemsSaid && !protocols.problems().isEmpty()) {
            problemsSaid = true;
            List<String> lines = new ArrayList<>();
            protocols.problems().forEach(pr -> lines.add(pr.file() + ": " + pr.reason()));
            javafx.application.Platform.runLater(() -> problems.accept(String.join("\n", lines)));
        }
        StudyInfo info = HangingStudies.of(local, current);
        Optional<HangingProtocol> protocol = protocols.forStudy(info);
        Optional<StudySummary> chosen = chosenPrior == null ? Optional.empty() : local.study(chosenPrior);
        if (chosen.isPresent()) {
            List<StudyInfo> prior = List.of(HangingStudies.of(local, chosen.get()));
            // a prior the protocol was not written for (a film beside a CT) goes side by side
            HangingProtocol p = protocol.filter(x -> x.priors().count() > 0 && (!x.priors().sameModality()
                    || prior.get(0).modalities().stream().anyMatch(info.modalities()::contains))).orElse(SIDE_BY_SIDE);
            return withSeries(local, current, Hanging.planWith(p, info, prior));
        }
        if (protocol.isEmpty()) {
            return new Prepared(current, null, Map.of());
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
        return withSeries(local, current, Hanging.plan(protocol.get(), info, priors));
    }

    /** The plan with the series of the current study and its hung priors, read from the archive. */
    private static Prepared withSeries(LocalArchive local, StudySummary current, Hanging.Plan plan) {
        Map<String, LoadedSeries> series = new HashMap<>();
        // the open study's own series the viewer reads as it opens: only the priors' here
        for (StudyInfo s : plan.priors()) {
            local.series(s.studyUid()).forEach(ss -> series.put(ss.seriesUid(),
                    new LoadedSeries(ss, local.instances(ss.seriesUid()))));
        }
        return new Prepared(current, plan, series);
    }

    /** One stage on screen: its grid, and each viewport's series and preset (empty where nothing fits). */
    void apply(Hanging.Stage stage, Map<String, LoadedSeries> series) {
        // a series still on screen after the change keeps its image (another stage of the same reading)
        Map<org.fovea.dicom.series.SeriesStack, Integer> where = new HashMap<>();
        viewer.visibleViewports().stream().filter(v -> v.stack() != null).forEach(v -> where.putIfAbsent(v.stack(), v.index()));
        viewer.setLayout(layout(stage.rows(), stage.columns(), stage.layout()));
        List<Viewport> shown = viewer.visibleViewports();
        for (int i = 0; i < shown.size(); i++) {
            Hanging.Viewport cell = i < stage.viewports().size() ? stage.viewports().get(i) : null;
            Viewport v = shown.get(i);
            LoadedSeries s = cell == null || cell.series() == null ? null : series.getOrDefault(cell.series().seriesUid(),
                    viewer.loadedSeries().stream().filter(o -> o.summary().seriesUid().equals(cell.series().seriesUid()))
                            .findFirst().orElse(null));
            if (s == null || s.instances().isEmpty()) {
                v.show(null);
                continue;
            }
            v.show(viewer.stack(s));
            Integer at = where.get(v.stack());
            if (at != null) {
                v.moveTo(at);
            }
            WindowPresets.byKey(cell.preset()).ifPresent(p -> v.setWindow(p.window()));
        }
        viewer.activate(shown.get(0));
        viewer.linking().setPriorsLinked(stage.linked());
    }

    /**
     * The viewer's layout for a grid, or for a custom layout by name ("1+3"); 4x4 when the protocol
     * asks for a grid the viewer does not offer.
     */
    static ViewportGrid.Layout layout(int rows, int columns, String name) {
        for (ViewportGrid.Layout l : ViewportGrid.Layout.values()) {
            if (!name.isEmpty() && l.label().equals(name)) {
                return l;
            }
        }
        for (ViewportGrid.Layout l : ViewportGrid.Layout.values()) {
            if (l.rows == rows && l.columns == columns && l.cells() == rows * columns) {
                return l;
            }
        }
        return ViewportGrid.Layout.FOUR_BY_FOUR;
    }
}
