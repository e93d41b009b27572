package org.fovea.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.ui.common.FxRuntime;
import org.fovea.app.ui.viewer.ViewerView;
import org.fovea.app.view.MarkSet;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Kind;

/**
 * Scrolling the demo's 512 x 512 x 300 CT in a 1 x 1 viewport of the real window, by the mouse
 * wheel (JavaFX's Robot, so the events come through the window system): the time from the wheel
 * event reaching the viewport to the end of the layout pulse that puts the next slice on screen,
 * first with no marks, then with 20 measurements and annotations on every slice. Goals (issue
 * 11): median at most 16 ms and 95th percentile at most 33 ms with the marks, and the marks
 * costing at most 20 % over none (ratio of the medians). Needs a display (bench/run uses
 * xvfb-run without one). The demo archive is generated once into bench/target/scroll-demo.
 */
public final class ScrollLatencyBenchmark {

    private static final int WARM_UP = 60;
    private static final int STEPS = 280;
    private static final int MARKS_PER_IMAGE = 20;
    private static final double MEDIAN_GOAL_MS = 16;
    private static final double P95_GOAL_MS = 33;
    private static final double OVERHEAD_GOAL = 1.2;

    public static void main(String[] args) throws Exception {
        Path target = Path.of(ScrollLatencyBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        Path home = target.resolve("scroll-demo");
        Files.createDirectories(home);
        boolean passed;
        try (LocalArchive archive = LocalArchive.open(home)) {
            DemoStudies.ensure(DemoSize.STANDARD, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
            passed = new ScrollLatencyBenchmark().run(archive);
        }
        System.exit(passed ? 0 : 1);
    }

    private WorkstationWindow window;
    private ViewerView viewer;

    private boolean run(LocalArchive archive) throws Exception {
        StudySummary study = archive.findStudies(StudyQuery.all()).stream()
                .filter(s -> s.studyUid().equals(DemoStudy.CURRENT_CT.studyUid(DemoSize.STANDARD)))
                .findFirst().orElseThrow();
        List<InstanceEntry> images = archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.STANDARD));
        FxRuntime.ensureStarted();
        FxRuntime.call(() -> {
            Stage stage = new Stage();
            stage.setWidth(1600);
            stage.setHeight(1000);
            window = new WorkstationWindow(archive, Locale.ENGLISH);
            window.show(stage);
            window.openStudy(study);
            viewer = window.viewer();
            return null;
        });
        waitFor(() -> FxRuntime.call(() -> viewer.activePane().displayedImage() != null));
        // the chest protocol hangs it 2x2 with its prior (HangingBenchmark measures that): here one
        // viewport, once everything the protocol started decoding is in
        for (var v : FxRuntime.call(() -> List.copyOf(viewer.visibleViewports()))) {
            if (v.stack() != null) {
                FxRuntime.call(() -> v.stack().whenDecoded()).get(5, TimeUnit.MINUTES);
            }
        }
        FxRuntime.call(() -> {
            viewer.setLayout(org.fovea.app.ui.viewer.ViewportGrid.Layout.ONE_BY_ONE);
            return null;
        });
        FxRuntime.call(() -> viewer.activeSeriesDecoded()).get(5, TimeUnit.MINUTES);

        double[] bare = scroll();
        FxRuntime.call(() -> {
            addMarks(viewer.marks(), images);
            return null;
        });
        double[] marked = scroll();
        FxRuntime.call(() -> {
            window.close();
            return null;
        });
        Platform.exit();

        double bareMedian = Runs.median(bare), median = Runs.median(marked);
        double p95 = percentile(marked, 0.95), bareP95 = percentile(bare, 0.95);
        boolean ok = true;
        ok &= line("scroll, 512x512x300 CT, 20 marks on screen: wheel to slice shown, median", median,
                MEDIAN_GOAL_MS, "no marks " + format(bareMedian));
        ok &= line("scroll, 512x512x300 CT, 20 marks on screen: wheel to slice shown, p95", p95, P95_GOAL_MS,
                "no marks " + format(bareP95));
        double ratio = median / bareMedian;
        boolean overhead = ratio <= OVERHEAD_GOAL;
        System.out.printf(Locale.ROOT, "scroll with 20 marks vs none (medians): %.2fx (goal <= %.1fx) %s%n", ratio,
                OVERHEAD_GOAL, overhead ? "PASS" : "MISS");
        return ok && overhead;
    }

    private static boolean line(String label, double ms, double goal, String beside) {
        boolean pass = ms <= goal;
        System.out.printf(Locale.ROOT, "%s: %s (goal <= %.0f ms) %s; %s%n", label, format(ms), goal,
                pass ? "PASS" : "MISS", beside);
        return pass;
    }

    private static String format(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }

    /** Wheel notches over the viewport, one at a time: each to the pulse that shows its slice. */
    private double[] scroll() throws Exception {
        return WheelNotches.measure(FxRuntime.call(() -> viewer.activePane()), WARM_UP, STEPS, 140, () -> true);
    }

    /** Twenty marks on every image: calipers, regions with statistics, angles, arrows, texts. */
    private static void addMarks(MarkSet marks, List<InstanceEntry> images) {
        for (InstanceEntry e : images) {
            ImageRef ref = new ImageRef(DemoStudy.CURRENT_CT.seriesUid(DemoSize.STANDARD), e.sopClassUid(),
                    e.sopInstanceUid(), 1);
            for (int k = 0; k < MARKS_PER_IMAGE; k++) {
                double x = 120 + (k % 5) * 60, y = 150 + (k / 5) * 60;
                Kind kind = switch (k % 7) {
                    case 0, 1 -> Kind.LENGTH;
                    case 2 -> Kind.ELLIPSE;
                    case 3 -> Kind.RECTANGLE;
                    case 4 -> Kind.ANGLE;
                    case 5 -> Kind.ARROW;
                    default -> Kind.TEXT;
                };
                List<ImagePoint> p = switch (kind) {
                    case ANGLE -> List.of(new ImagePoint(x, y), new ImagePoint(x + 30, y + 20), new ImagePoint(x, y + 40));
                    case TEXT -> List.of(new ImagePoint(x, y));
                    default -> List.of(new ImagePoint(x, y), new ImagePoint(x + 40, y + 30));
                };
                marks.add(new Annotation(UUID.randomUUID().toString(), kind, p, kind == Kind.TEXT ? "note " + k : "",
                        ref));
            }
        }
    }

    private static double percentile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[(int) Math.min(v.length - 1, Math.ceil(q * v.length) - 1)];
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the study did not open within 2 minutes");
            }
            Thread.sleep(50);
        }
    }
}
