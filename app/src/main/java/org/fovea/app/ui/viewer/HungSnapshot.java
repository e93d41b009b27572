package org.fovea.app.ui.viewer;

import javafx.application.Platform;
import javafx.scene.Scene;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.common.FxRuntime;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Theme;
import org.fovea.app.ui.common.UiFonts;
import org.fovea.app.ui.common.Threads;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudySummary;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * {@code ./fovea snapshot --study UID --hang}: the viewer as a reader sees it when the study
 * opens, hung by its protocol (priors included when the local archive has them), with its
 * overlays and reference lines, in a window of the given size: the real {@link ViewerView} with
 * its {@link HangingAction}, off screen, so the picture is what the workstation shows.
 */
public final class HungSnapshot {

    /** How long the study may take to hang and decode before the snapshot gives up. */
    private static final long TIMEOUT_MS = 120_000;

    private HungSnapshot() {
    }

    /** The picture, and one line per viewport saying what it shows (study date, series, window). */
    public record Result(BufferedImage png, List<String> viewports) {
    }

    /**
     * Renders the viewer showing a study; {@code problems} hears of protocol files that could not
     * be read. Callable from any thread but the FX thread; starts the toolkit when needed.
     */
    public static Result render(LocalArchive local, Path home, String studyUid, int width, int height,
                                Locale locale, Consumer<String> problems) throws Exception {
        return render(local, home, studyUid, width, height, locale, problems, 0);
    }

    /**
     * As above, with the first viewport at image {@code image} (1-based; 0 leaves it at the first):
     * the viewports linked to it follow, as when a reader scrolls there.
     */
    public static Result render(LocalArchive local, Path home, String studyUid, int width, int height,
                                Locale locale, Consumer<String> problems, int image) throws Exception {
        StudySummary study = local.study(studyUid).orElseThrow(() -> new IllegalArgumentException(
                "no study " + studyUid + " in the local archive " + home));
        FxRuntime.ensureStarted();
        ExecutorService decoders = Threads.pool("fovea-snapshot-decode", Math.max(1, Runtime.getRuntime().availableProcessors()));
        ArchiveService archive = new ArchiveService(local);
        List<Scene> scene = new ArrayList<>();
        try {
            ViewerView viewer = FxRuntime.call(() -> {
                ViewerView v = new ViewerView(new I18n(locale), archive, decoders, Platform::runLater);
                v.setHanging(new HangingAction(archive, v, home, decoders, problems));
                Scene s = new Scene(new javafx.scene.layout.StackPane(v.node()), width, height, Theme.BACKGROUND);
                s.getRoot().setStyle(UiFonts.rootStyle());
                s.getStylesheets().add(Theme.stylesheet());
                scene.add(s);
                v.open(study);
                return v;
            });
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (!FxRuntime.call(() -> hung(viewer, studyUid))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the study " + studyUid + " did not hang within "
                            + TIMEOUT_MS / 1000 + " s");
                }
                Thread.sleep(50);
            }
            if (image > 0) {
                FxRuntime.call(() -> {
                    viewer.visibleViewports().get(0).moveTo(image - 1);
                    return null;
                });
                while (!FxRuntime.call(() -> hung(viewer, studyUid))) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("image " + image + " of " + studyUid + " did not show within "
                                + TIMEOUT_MS / 1000 + " s");
                    }
                    Thread.sleep(50);
                }
            }
            return FxRuntime.call(() -> {
                viewer.referenceLines().refresh();
                scene.get(0).getRoot().applyCss();
                scene.get(0).getRoot().layout();
                BufferedImage png = ViewportSnapshot.png(scene.get(0).getRoot(), width, height);
                List<String> lines = new ArrayList<>();
                for (Viewport v : viewer.visibleViewports()) {
                    lines.add(describe(v));
                }
                viewer.close();
                return new Result(png, lines);
            });
        } finally {
            archive.close();
            decoders.shutdownNow();
        }
    }

    /** "2026-12-04 series 1 胸部平扫 1mm, image 1/60, W 1500 L -600", or "empty". */
    private static String describe(Viewport v) {
        org.fovea.dicom.series.Slice s = v.shownSlice();
        if (s == null) {
            return "empty";
        }
        String window = v.effectiveVoi() instanceof org.fovea.render.WindowLevel wl
                ? "W " + Math.round(wl.width()) + " L " + Math.round(wl.center()) : "VOI LUT";
        String date = s.header().studyDate();
        if (date.length() == 8) {
            date = date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6);
        }
        return date + " series " + s.header().seriesNumber() + " " + s.header().seriesDescription() + ", image "
                + (v.index() + 1) + "/" + v.stack().size() + ", " + window;
    }

    /** The study is open and every visible viewport given a series shows its decoded image. */
    private static boolean hung(ViewerView viewer, String studyUid) {
        if (viewer.study() == null || !viewer.study().studyUid().equals(studyUid) || viewer.loadedSeries().isEmpty()) {
            return false;
        }
        List<Viewport> shown = viewer.visibleViewports();
        return shown.stream().anyMatch(v -> v.stack() != null)
                && shown.stream().allMatch(v -> v.stack() == null || v.shownSlice() != null);
    }
}
