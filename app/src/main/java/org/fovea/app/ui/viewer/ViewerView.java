package org.fovea.app.ui.viewer;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.ArchiveService.LoadedSeries;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.viewer.ViewportGrid.Layout;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.dicom.series.SeriesStack;
import org.fovea.app.view.StackPosition;
import org.fovea.app.view.Tool;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.render.measure.ImageRef;
import org.fovea.app.ui.tools.MarkStore;
import org.fovea.dicom.series.Slice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The image viewer: series thumbnails, a toolbar (tools, layouts, window presets), and the
 * viewport grid. Keys go to the active viewport (the one with the highlighted border).
 */
public final class ViewerView {

    private static final int MAX_VIEWPORTS = ViewportGrid.MAX_CELLS;
    private final Cine cine;

    private final I18n i18n;
    private final ArchiveService archive;
    private final Executor decodeExecutor;
    private final Executor fxExecutor;
    private final List<Viewport> viewports = new ArrayList<>();
    private final ViewportGrid grid;
    private final ThumbnailStrip thumbnails;
    private final Map<String, SeriesStack> stacks = new HashMap<>();
    private final ToggleGroup tools = new ToggleGroup();
    private final ToggleGroup layouts = new ToggleGroup();
    private final Label patientBanner = new Label();
    private final org.fovea.app.ui.common.NotesStrip notes;
    private final BorderPane root = new BorderPane();
    private List<LoadedSeries> series = List.of();
    private StudySummary study;
    private Viewport active;
    private LoadedSeries dragged;
    private long generation;
    /** Where M and the 3D button send a viewport's series, with the study it belongs to. */
    public interface OpenIn3D {
        void open(StudySummary study, LoadedSeries series, SeriesStack stack);
    }

    private OpenIn3D openIn3D = (study, s, st) -> { };
    /** Every series a stack was made for, the open study's and its priors', by series UID. */
    private final Map<String, LoadedSeries> known = new HashMap<>();
    private Runnable onReport = () -> { };
    private final ReadingTools reading;
    private final Linking linking;
    private final ReferenceLines referenceLines;
    private final PatientTimeline timeline;
    private HangingAction hanging;
    private org.fovea.app.view.WindowRules windowRules = org.fovea.app.view.WindowRules.BUILT_IN;

    /**
     * @param decodeExecutor where DICOM files are decoded (never the FX thread)
     * @param fxExecutor     how decoded slices reach the FX thread
     */
    public ViewerView(I18n i18n, ArchiveService archive, Executor decodeExecutor, Executor fxExecutor) {
        this.i18n = i18n;
        this.archive = archive;
        this.decodeExecutor = decodeExecutor;
        this.fxExecutor = fxExecutor;
        reading = new ReadingTools(i18n, tools, new StudyImages(), (shown, panel) -> root.setRight(shown ? panel : null));
        reading.setOwner(root);
        cine = new Cine(i18n, () -> active);
        linking = new Linking(this::visibleViewports, () -> active);
        referenceLines = new ReferenceLines(this::visibleViewports, () -> active);
        for (int i = 0; i < MAX_VIEWPORTS; i++) {
            Viewport v = new Viewport(i18n, this::tool, reading.marks(), reading.prompts());
            v.marks().setBanner(ref -> reading.keyImages().note(ref)
                    .map(note -> note.isEmpty() ? i18n.get("marks.keyBanner") : i18n.format("marks.keyBannerNote", note))
                    .orElse(null));
            installViewportHandlers(v);
            v.setWindowRule(h -> windowRules.windowFor(h).orElse(null));
            linking.install(v);
            v.setOnPlaced(referenceLines::request);
            v.setOnFirstSlice(() -> {
                linking.arrived(v);
                markOtherPatients();
            });
            viewports.add(v);
        }
        grid = new ViewportGrid(viewports);
        thumbnails = new ThumbnailStrip(i18n, decodeExecutor, this::showInActive, s -> dragged = s);
        notes = new org.fovea.app.ui.common.NotesStrip(i18n, "viewer-technician-notes");
        root.setTop(new VBox(new ViewerToolbar(i18n, this, tools, layouts, patientBanner, () -> onReport.run()).node(),
                reading.toolBar(), notes.node()));
        root.setLeft(thumbnails.node());
        timeline = new PatientTimeline(i18n, archive, decodeExecutor);
        timeline.setHang(uid -> hanging == null ? CompletableFuture.completedFuture(false) : hanging.hangWithPrior(uid));
        VBox centre = new VBox(timeline.node(), grid.node());
        VBox.setVgrow(grid.node(), javafx.scene.layout.Priority.ALWAYS);
        root.setCenter(centre);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        // a thumbnail drag that ends outside every viewport must not linger
        root.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> fxExecutor.execute(() -> dragged = null));
        activate(viewports.get(0));
    }

    public Node node() { return root; }

    /** Where the 3D button sends the active viewport's series. */
    public void setOpenIn3D(OpenIn3D action) {
        openIn3D = action;
    }

    /** Opens the active viewport's series on the 3D page (MPR, VR, CPR). */
    void openActiveIn3D() {
        if (active == null || active.stack() == null) {
            return;
        }
        SeriesStack stack = active.stack();
        StudySummary open = study;
        known.values().stream().filter(s -> stacks.get(s.summary().seriesUid()) == stack).findFirst().ifPresent(s -> {
            if (open != null && s.summary().studyUid().equals(open.studyUid())) {
                openIn3D.open(open, s, stack);
            } else {
                // a prior's series: the 3D page (and its screenshots) belong to the prior's study
                archive.study(s.summary().studyUid()).thenAccept(found -> found.ifPresent(f -> openIn3D.open(f, s, stack)));
            }
        });
    }

    /** What the Report button (and Shortcut+R, the window's) does: the open study's report. */
    public void setOnReport(Runnable action) { onReport = action; }

    /** The open study, or null. */
    public StudySummary study() { return study; }

    /** The technicians' notes of the open study (T2). */
    public org.fovea.app.ui.common.NotesStrip notes() { return notes; }

    /** What hangs a study by its protocol when it opens; without one, series fill the viewports in order. */
    public void setHanging(HangingAction hanging) { this.hanging = hanging; }

    /** What hangs studies by their protocols, null without. */
    public HangingAction hanging() { return hanging; }

    /** Which viewports scroll together. */
    Linking linking() { return linking; }

    /** The open patient's studies above the viewports. */
    public PatientTimeline timeline() { return timeline; }

    /** The active slice's lines on the other viewports. */
    ReferenceLines referenceLines() { return referenceLines; }

    /**
     * Opens a study: its series appear as thumbnails; the viewports show what its hanging
     * protocol says (the plan made while the series are read), or its series in order.
     */
    public void open(StudySummary s) {
        long g = ++generation;
        closeStacks();
        linking.reset();
        study = s;
        CompletableFuture<List<org.fovea.app.view.Timeline.Entry>> timelineShown = timeline.show(s);
        CompletableFuture<HangingAction.Prepared> plan = hanging == null ? CompletableFuture.completedFuture(null)
                : hanging.prepare(s).exceptionally(e -> null);
        reading.open(s.studyUid());
        patientBanner.setText(PersonNameFormat.display(s.patientName()) + "  " + s.patientId());
        notes.show(s.accession());
        thumbnails.clear();
        archive.seriesWithInstances(s.studyUid()).thenCombine(plan, (loaded, prepared) -> {
            fxExecutor.execute(() -> {
                if (g != generation) {
                    return;
                }
                series = loaded;
                thumbnails.show(loaded);
                reading.refreshList();
                if (prepared == null || !hanging.show(prepared)) {
                    List<Viewport> visible = grid.visible();
                    for (int i = 0; i < visible.size(); i++) {
                        visible.get(i).show(i < loaded.size() ? stack(loaded.get(i)) : null);
                    }
                    activate(visible.get(0));
                }
                active.pane().requestFocus();
                // the protocol's prior, when only the PACS has it, is fetched and hung when it is in
                timelineShown.thenAccept(entries -> {
                    if (g == generation && hanging != null) {
                        hanging.priorToRetrieve(entries).ifPresent(timeline::choose);
                    }
                });
            });
            return null;
        }).whenComplete((x, error) -> {
            if (error != null) {
                fxExecutor.execute(() -> {
                    if (g == generation) {
                        Alerts.error(root, i18n, "error.openStudy", error);
                    }
                });
            }
        });
    }

    /**
     * Images of the open study arrived (a retrieve or a push, while it is being read): new
     * series join the thumbnails; a series that grew is re-read from the archive the next time
     * it is put in a viewport, while viewports keep showing what they show, so reading is not
     * interrupted. FX thread.
     */
    public void refreshArrivals() {
        if (study == null) {
            return;
        }
        long g = generation;
        archive.seriesWithInstances(study.studyUid()).whenComplete((loaded, error) -> {
            if (g != generation || error != null || loaded.equals(series)) {
                return;
            }
            for (LoadedSeries now : loaded) {
                SeriesStack cached = stacks.get(now.summary().seriesUid());
                if (cached != null && cached.size() != now.instances().stream().mapToInt(i -> Math.max(1, i.frames())).sum()
                        && viewports.stream().noneMatch(v -> v.stack() == cached)) {
                    cached.close();
                    stacks.remove(now.summary().seriesUid());
                }
            }
            boolean newSeries = loaded.size() != series.size();
            series = loaded;
            if (newSeries) {
                thumbnails.show(loaded);
            }
        });
    }

    /** The series of the open study as last read from the archive. */
    List<LoadedSeries> loadedSeries() { return series; }

    /** Stops decoding and forgets the open study. */
    public void close() {
        ++generation;
        closeStacks();
        thumbnails.clear();
        study = null;
        timeline.show(null);
        reading.open(null);
        patientBanner.setText("");
        notes.clear();
    }

    public void setLayout(Layout layout) {
        grid.setLayout(layout);
        layouts.getToggles().forEach(t -> t.setSelected(t.getUserData() == layout));
        // newly shown viewports take the next series not yet on screen
        List<Viewport> visible = grid.visible();
        for (Viewport v : visible) {
            if (v.stack() == null) {
                series.stream().filter(s -> visible.stream().noneMatch(o -> o.stack() == stacks.get(s.summary().seriesUid())))
                        .findFirst().ifPresent(s -> v.show(stack(s)));
            }
        }
        if (!visible.contains(active)) {
            activate(visible.get(0));
        }
    }

    public Viewport activeViewport() { return active; }

    /** The layout on screen. */
    Layout layout() { return grid.layout(); }

    public Cine cine() { return cine; }

    /** The reading tools: the open study's marks and key images. */
    ReadingTools reading() { return reading; }

    /**
     * Hides the patient's identity on every viewport's overlay, or shows it again (a teaching
     * session, P8); the images are drawn again with the new overlay.
     */
    public void setAnonymous(boolean anonymous) {
        grid.setAnonymous(anonymous);
    }

    /**
     * The window rules (V4) series take when shown from now on, and the four-corner layouts (V26),
     * which every viewport draws at once.
     */
    public void setDisplaySettings(org.fovea.app.view.WindowRules rules, org.fovea.app.view.OverlayLayouts overlay) {
        windowRules = rules;
        grid.setOverlayLayouts(overlay);
    }

    /** The open study's key images (K), as the report's image library offers them. */
    public org.fovea.app.view.KeyImages keyImages() { return reading.keyImages(); }

    /** Where the open study's marks are read from and written to. */
    public void setMarkStore(MarkStore store) { reading.setStore(store); }

    /** A mark measured on its own image (its scale and calibration, its pixels when loaded). */
    public org.fovea.render.measure.Measured measure(org.fovea.render.measure.Annotation a) {
        return reading.measure(a);
    }

    /** Writes the open study's marks now if they changed (the window is closing). */
    public void saveMarks() { reading.save(); }

    /** The open study's measurements and annotations. */
    public org.fovea.app.view.MarkSet marks() { return reading.marks(); }

    /** The node of the active viewport (what a wheel over it scrolls). */
    public ViewportPane activePane() { return active.pane(); }

    /** Completes when every image of the active viewport's series is decoded. */
    public java.util.concurrent.CompletableFuture<Void> activeSeriesDecoded() {
        return active.stack() == null ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : active.stack().whenDecoded();
    }

    public List<Viewport> visibleViewports() { return grid.visible(); }

    public List<Node> thumbnailCells() { return thumbnails.cells(); }

    /** Puts a series in a viewport, as a thumbnail dropped on it does. */
    void showSeries(Viewport v, LoadedSeries s) {
        v.show(stack(s));
        activate(v);
    }

    private void showInActive(LoadedSeries s) {
        showSeries(active, s);
    }

    SeriesStack stack(LoadedSeries s) {
        known.put(s.summary().seriesUid(), s);
        reading.shown(s.summary().seriesUid(), s.summary().studyUid());
        return stacks.computeIfAbsent(s.summary().seriesUid(), uid -> {
            SeriesStack stack = new SeriesStack(s.instances(), fxExecutor);
            stack.start(decodeExecutor);
            long g = generation;
            stack.whenDecoded().thenRunAsync(() -> {
                if (g == generation) {
                    reading.refreshList();
                }
            }, fxExecutor);
            return stack;
        });
    }

    private void closeStacks() {
        stacks.values().forEach(SeriesStack::close);
        stacks.clear();
        known.clear();
        series = List.of();
        viewports.forEach(v -> v.show(null));
    }

    private Tool tool() {
        return reading.selectedTool();
    }

    /** The reading tools' view of the open study's images. */
    private final class StudyImages implements ReadingTools.Images {
        private Optional<LoadedSeries> seriesOf(ImageRef image) {
            return Optional.ofNullable(known.get(image.seriesUid()));
        }


        @Override
        public Optional<Slice> slice(ImageRef image) {
            SeriesStack stack = stacks.get(image.seriesUid());
            int i = stack == null ? -1 : stack.indexOf(image.sopInstanceUid(), image.frame());
            return i < 0 ? Optional.empty() : Optional.ofNullable(stack.slice(i));
        }

        @Override
        public Optional<Slice> seriesSlice(ImageRef image) {
            SeriesStack stack = stacks.get(image.seriesUid());
            return stack == null ? Optional.empty() : Optional.ofNullable(stack.anySlice());
        }

        @Override
        public String label(ImageRef image) {
            Optional<LoadedSeries> s = seriesOf(image);
            SeriesStack stack = stacks.get(image.seriesUid());
            int i = stack == null ? -1 : stack.indexOf(image.sopInstanceUid(), image.frame());
            String number = s.map(x -> x.summary().number() == null ? "" : x.summary().number().toString()).orElse("");
            String label = i18n.format("marks.imageLabel", number, i < 0 ? "" : String.valueOf(i + 1));
            boolean prior = study != null && !study.studyUid().equals(reading.studyOf(image));
            return prior ? i18n.format("marks.priorImageLabel", label) : label;
        }

        @Override
        public Optional<MarkStore.Display> display(ImageRef image) {
            SeriesStack stack = stacks.get(image.seriesUid());
            return viewports.stream().filter(v -> v.stack() != null && v.stack() == stack).findFirst()
                    .map(Viewport::display);
        }

        @Override
        public void show(ImageRef image, String markId) {
            seriesOf(image).ifPresent(s -> {
                if (active.stack() != stack(s)) {
                    showSeries(active, s);
                }
                active.showImage(image.sopInstanceUid(), image.frame());
                active.marks().select(markId);
            });
        }
    }

    void activate(Viewport v) {
        active = v;
        reading.setActive(v);
        viewports.forEach(o -> o.pane().setActive(o == v));
        markOtherPatients();
        referenceLines.request();
    }

    /** Red banners on the viewports showing another patient than the active one. */
    private void markOtherPatients() {
        PatientBanners.mark(viewports, active, study, i18n);
    }

    private void installViewportHandlers(Viewport v) {
        ViewportPane pane = v.pane();
        pane.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.isShiftDown() && e.isPrimaryButtonDown() && !e.isShortcutDown()) {
                // Shift+click: locate, the other viewports go to this point of the patient
                referenceLines.locate(v, e.getX(), e.getY());
                pane.requestFocus();
                e.consume();
                return;
            }
            activate(v);
        });
        pane.addEventHandler(MouseDragEvent.MOUSE_DRAG_ENTERED, e -> pane.setDropTarget(dragged != null));
        pane.addEventHandler(MouseDragEvent.MOUSE_DRAG_EXITED, e -> pane.setDropTarget(false));
        pane.addEventHandler(MouseDragEvent.MOUSE_DRAG_RELEASED, e -> {
            pane.setDropTarget(false);
            if (dragged != null) {
                showSeries(v, dragged);
                dragged = null;
                pane.requestFocus();
            }
        });
    }

    private void onKey(KeyEvent e) {
        Viewport v = active;
        if (v == null || v.stack() == null) {
            return;
        }
        if (reading.key(e, v)) {
            e.consume();
            return;
        }
        KeyCode code = e.getCode();
        if (ViewerKeys.handle(e, v, linking, hanging)) {
            e.consume();
            return;
        }
        boolean handled = true;
        switch (code) {
            case UP -> v.scrollBy(-1);
            case DOWN -> v.scrollBy(1);
            case PAGE_UP -> v.scrollBy(-StackPosition.PAGE);
            case PAGE_DOWN -> v.scrollBy(StackPosition.PAGE);
            case HOME -> v.first();
            case END -> v.last();
            case F -> v.fit();
            case R, ESCAPE -> v.reset();
            case I -> v.toggleInvert();
            case M -> openActiveIn3D();
            default -> handled = v.presetKey(code);
        }
        if (handled) {
            e.consume();
        }
    }
}
