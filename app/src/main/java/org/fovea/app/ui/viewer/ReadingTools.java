package org.fovea.app.ui.viewer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.Duration;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.tools.MarkController;
import org.fovea.app.ui.tools.MarkStore;
import org.fovea.app.ui.tools.MeasureToolBar;
import org.fovea.app.ui.tools.MeasurementPanel;
import org.fovea.app.view.KeyImages;
import org.fovea.app.view.MarkSet;
import org.fovea.app.view.Tool;
import org.fovea.dicom.series.Slice;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Measurer;
import org.fovea.render.measure.Scale;
import org.fovea.render.measure.Unit;

/**
 * The viewer's reading tools around its viewports: the marks and key images of the open study and
 * of the studies hung beside it (priors), each read from and written to its own study, the
 * tools' toolbar row, the measurement list, the dialogs tools ask with, and the keys (tool
 * hotkeys, K for a key image, + and - for the magnifier). FX thread.
 */
final class ReadingTools {

    /** What the viewer tells the tools about the images of the open study. */
    interface Images {
        /** The decoded slice of an image, if its series is open and the slice loaded. */
        Optional<Slice> slice(ImageRef image);

        /** Any decoded slice of the image's series, if its series is open. */
        Optional<Slice> seriesSlice(ImageRef image);

        /** How an image is named in the list ("Se 3 · Im 45"). */
        String label(ImageRef image);

        /** Shows an image in the active viewport and selects a mark on it. */
        void show(ImageRef image, String markId);

        /** How an image's series is displayed now (window, zoom), if it is in a viewport. */
        Optional<MarkStore.Display> display(ImageRef image);
    }

    /** A study's own marks and key images, as last read or written: what a save compares with. */
    private record Saved(List<Annotation> ours, Map<ImageRef, String> keyImages) {
    }

    /** What a study whose last write failed is compared with: anything differs. */
    private static final Saved UNSAVED = new Saved(null, null);

    /** How long after the last change the marks are written. */
    private static final Duration SAVE_AFTER = Duration.millis(1500);

    private final I18n i18n;
    private final ToggleGroup tools;
    private final MarkSet marks = new MarkSet();
    private final KeyImages keyImages = new KeyImages();
    private final MeasureToolBar toolBar;
    private final MeasurementPanel panel;
    private final MarkController.Prompts prompts;
    private final Images images;
    private final PauseTransition saveLater = new PauseTransition(SAVE_AFTER);
    private MarkStore store = MarkStore.NONE;
    private String studyUid;
    /**
     * The studies whose marks were read (the open one first, then the priors hung beside it),
     * each with what it holds as last read or written. A study not yet read is never written.
     */
    private final Map<String, Saved> saved = new java.util.LinkedHashMap<>();
    /** Studies whose marks are being read or were read since the open study was opened. */
    private final java.util.Set<String> asked = new java.util.HashSet<>();
    private final List<String> notShown = new java.util.ArrayList<>();
    /** The study of each series shown since the open study was opened, or that marks were read on. */
    private final Map<String, String> seriesStudies = new java.util.HashMap<>();
    private long loadGeneration;
    private Node owner;
    private Viewport active;

    ReadingTools(I18n i18n, ToggleGroup tools, Images images, BiConsumer<Boolean, Node> showPanel) {
        this.i18n = i18n;
        this.tools = tools;
        this.images = images;
        this.prompts = new DialogPrompts();
        this.panel = new MeasurementPanel(marks, i18n::bundle, a -> measure(a, images), images::label,
                images::show);
        this.toolBar = new MeasureToolBar(tools, i18n::bundle, i18n::text, new MeasureToolBar.Actions() {
            @Override
            public void undo() {
                marks.undo();
            }

            @Override
            public void redo() {
                marks.redo();
            }

            @Override
            public void deleteSelected() {
                if (active != null) {
                    active.marks().selected().ifPresent(marks::remove);
                }
            }

            @Override
            public void toggleKeyImage() {
                if (active != null) {
                    ReadingTools.this.toggleKeyImage(active, false);
                }
            }

            @Override
            public void showList(boolean shown) {
                showPanel.accept(shown, panel);
            }
        });
        i18n.bundleBinding().addListener((o, a, b) -> panel.refresh());
        saveLater.setOnFinished(e -> save());
        marks.addListener(this::changed);
        keyImages.addListener(this::changed);
    }

    /** Where marks are read from and written to (the local archive in the workstation). */
    void setStore(MarkStore store) {
        this.store = store;
    }

    private void changed() {
        if (!saved.isEmpty()) {
            saveLater.playFromStart();
        }
    }

    /** The study an image's marks are kept in: its own, or the open study when its study is not known. */
    String studyOf(ImageRef image) {
        return seriesStudies.getOrDefault(image.seriesUid(), studyUid);
    }

    /**
     * Writes now, into each study that was read, its own marks and key images if they changed since
     * they were read or last written: a mark on a prior's image is kept in the prior.
     */
    void save() {
        saveLater.stop();
        for (Map.Entry<String, Saved> e : saved.entrySet()) {
            String study = e.getKey();
            List<Annotation> ours = marks.editable().stream().filter(a -> study.equals(studyOf(a.image()))).toList();
            Map<ImageRef, String> keys = new java.util.LinkedHashMap<>();
            keyImages.all().forEach((k, note) -> {
                if (study.equals(studyOf(k))) {
                    keys.put(k, note);
                }
            });
            Saved now = new Saved(ours, Map.copyOf(keys));
            if (now.equals(e.getValue())) {
                continue;
            }
            e.setValue(now);
            Map<ImageRef, MarkStore.Display> displays = new java.util.HashMap<>();
            for (Annotation a : ours) {
                images.display(a.image()).ifPresent(d -> displays.put(a.image(), d));
            }
            for (ImageRef k : keys.keySet()) {
                images.display(k).ifPresent(d -> displays.put(k, d));
            }
            store.save(study, ours, now.keyImages(), displays).whenComplete((ok, error) -> {
                if (error != null) {
                    saved.computeIfPresent(study, (k, v) -> UNSAVED);  // written again with the next change
                    org.slf4j.LoggerFactory.getLogger(ReadingTools.class)
                            .error("cannot save the measurements of study {}", study, error);
                    panel.setNotShown(List.of(i18n.format("marks.saveFailed", String.valueOf(error.getMessage()))));
                }
            });
        }
    }

    MarkSet marks() { return marks; }

    KeyImages keyImages() { return keyImages; }

    MarkController.Prompts prompts() { return prompts; }

    Node toolBar() { return toolBar.node(); }

    MeasurementPanel panel() { return panel; }

    void setOwner(Node owner) { this.owner = owner; }

    void setActive(Viewport v) { this.active = v; }

    /**
     * A new study (null: none): the previous ones' changes are written, then the new one's marks
     * and key images are read from the store (none shown until they arrive).
     */
    void open(String newStudyUid) {
        save();
        loadGeneration++;
        studyUid = newStudyUid;
        saved.clear();
        asked.clear();
        notShown.clear();
        seriesStudies.clear();
        marks.load(List.of(), Map.of());
        keyImages.load(Map.of());
        panel.setNotShown(List.of());
        if (newStudyUid != null) {
            read(newStudyUid);
        }
    }

    /**
     * A series shown in a viewport, of the open study or of a study hung beside it (a prior): the
     * other study's marks and key images are read and shown with the open study's (once), and what
     * is drawn on its images is written into it.
     */
    void shown(String seriesUid, String seriesStudyUid) {
        if (studyUid == null || seriesStudyUid == null) {
            return;
        }
        seriesStudies.put(seriesUid, seriesStudyUid);
        if (!seriesStudyUid.equals(studyUid)) {
            read(seriesStudyUid);
        }
    }

    private void read(String study) {
        if (!asked.add(study)) {
            return;
        }
        long g = loadGeneration;
        store.load(study).whenComplete((loaded, error) -> {
            if (g != loadGeneration) {
                return;
            }
            if (error != null) {
                // not written either: what it holds must not be replaced by what was drawn since
                notShown.add(i18n.format("marks.loadFailed", String.valueOf(error.getMessage())));
                panel.setNotShown(List.copyOf(notShown));
                return;
            }
            // the series its marks are on belong to it, shown or not
            loaded.ours().forEach(a -> seriesStudies.put(a.image().seriesUid(), study));
            loaded.keyImages().keySet().forEach(k -> seriesStudies.put(k.seriesUid(), study));
            // what was drawn while the study's marks were being read stays, with its undo
            marks.merge(loaded.ours(), loaded.others());
            keyImages.merge(loaded.keyImages());
            notShown.addAll(loaded.notShown());
            panel.setNotShown(List.copyOf(notShown));
            saved.put(study, new Saved(loaded.ours(), Map.copyOf(loaded.keyImages())));
            changed();
        });
    }

    /** Keys for the tools in the active viewport; returns whether one was used. */
    boolean key(KeyEvent e, Viewport v) {
        if (v.marks().key(e)) {
            return true;
        }
        if (e.isShortcutDown() || e.isAltDown()) {
            return false;
        }
        KeyCode code = e.getCode();
        if (code == KeyCode.K) {
            toggleKeyImage(v, e.isShiftDown());
            return true;
        }
        if (selectedTool() == Tool.MAGNIFIER && (code == KeyCode.EQUALS || code == KeyCode.ADD || code == KeyCode.PLUS
                || code == KeyCode.MINUS || code == KeyCode.SUBTRACT)) {
            v.pane().loupe().changeFactor(code == KeyCode.MINUS || code == KeyCode.SUBTRACT ? -1 : 1);
            return true;
        }
        if (code.isLetterKey() && !e.isShiftDown()) {
            Optional<Tool> t = Tool.byHotkey(code.getChar().charAt(0));
            if (t.isPresent()) {
                select(t.get());
                return true;
            }
        }
        return false;
    }

    /** Chooses a tool, as its button does. */
    void select(Tool t) {
        tools.getToggles().stream().filter(x -> x.getUserData() == t).findFirst().ifPresent(x -> x.setSelected(true));
    }

    Tool selectedTool() {
        return tools.getSelectedToggle() == null ? Tool.SCROLL : (Tool) tools.getSelectedToggle().getUserData();
    }

    /** K: the shown image becomes a key image or stops being one; Shift+K asks for a note. */
    private void toggleKeyImage(Viewport v, boolean withNote) {
        ImageRef image = v.currentImage();
        if (image == null) {
            return;
        }
        if (withNote) {
            ask(i18n.get("marks.keyImage"), i18n.get("marks.keyNotePrompt"), keyImages.note(image).orElse(""))
                    .ifPresent(note -> keyImages.mark(image, note));
        } else if (!keyImages.unmark(image)) {
            keyImages.mark(image, "");
        }
        v.marks().redraw();
    }

    /** A mark measured on its own image: its scale and calibration, its pixels when loaded. */
    Measured measure(Annotation a) {
        return measure(a, images);
    }

    /** The list again: the series were read, or a series finished decoding (its values can be measured). */
    void refreshList() {
        panel.refresh();
    }

    /** How an image is named in the measurement list ("Se 3 · Im 45"). */
    String imageLabel(ImageRef image) {
        return images.label(image);
    }

    private Measured measure(Annotation a, Images images) {
        Optional<Slice> slice = images.slice(a.image());
        // until its own slice is decoded, a mark is measured at its series' spacing (statistics wait)
        Scale header = slice.map(Slice::scale).or(() -> images.seriesSlice(a.image()).map(Slice::scale))
                .orElse(Scale.none());
        Scale scale = MarkController.calibrated(header,
                marks.on(a.image().sopInstanceUid(), a.image().frame()));
        return slice.map(s -> new Measurer(scale, s.frame(), s.pixelInfo().modalityLut(),
                        Unit.ofRescaleType(rescaleType(s), "CT".equals(s.header().modality()))).measure(a))
                .orElseGet(() -> new Measurer(scale, null, null, Unit.NONE).measure(a));
    }

    private static String rescaleType(Slice s) {
        return s.pixelInfo().modalityLut() instanceof org.fovea.render.Rescale r ? r.type() : "";
    }

    private Optional<String> ask(String title, String prompt, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.setTitle(title);
        d.setHeaderText(null);
        d.setContentText(prompt);
        if (owner != null) {
            Dialogs.style(d, owner, i18n);
        }
        return d.showAndWait();
    }

    /** The tools' questions as small dialogs over the viewer. */
    private final class DialogPrompts implements MarkController.Prompts {
        @Override
        public Optional<String> text() {
            return ask(i18n.get("kind.TEXT"), i18n.get("marks.textPrompt"), "");
        }

        @Override
        public Optional<Double> knownLengthMm(double measured, String unit) {
            String now = String.format(java.util.Locale.ROOT, "%.1f %s", measured, unit);
            return ask(i18n.get("marks.calibrationTitle"), i18n.format("marks.calibrationPrompt", now), "")
                    .flatMap(text -> {
                        try {
                            double mm = Double.parseDouble(text.trim().replace(',', '.').replace("mm", "").trim());
                            return mm > 0 && Double.isFinite(mm) ? Optional.of(mm) : Optional.empty();
                        } catch (NumberFormatException e) {
                            return Optional.empty();
                        }
                    });
        }
    }

}
