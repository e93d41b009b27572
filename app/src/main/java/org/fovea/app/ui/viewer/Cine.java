package org.fovea.app.ui.viewer;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import org.fovea.app.ui.common.I18n;

import java.util.List;
import java.util.function.Supplier;

/**
 * Cine (V23): the active viewport's series played forwards, backwards or back and forth at a
 * chosen frame rate, or "as recorded": a multi-frame image at the rate its header gives (Frame
 * Time and the like), a series of single images at {@value #DEFAULT_RATE} a second. From the
 * toolbar's Cine toggle. The steps are counted, so the rate shown can be checked against the rate
 * asked.
 */
public final class Cine {

    /** Which way the images go. */
    public enum Mode { FORWARD, BACKWARD, BOUNCE }

    /** The rate choice that means "as the images were recorded". */
    public static final int AS_RECORDED = 0;
    static final int DEFAULT_RATE = 15;
    private static final int MAX_RATE = 60;

    private final Supplier<Viewport> active;
    private final ToggleButton toggle = new ToggleButton();
    private final ComboBox<Integer> rate = new ComboBox<>();
    private final ComboBox<Mode> mode = new ComboBox<>();
    private Timeline timeline;
    private Viewport playing;
    private int direction = 1;
    private long steps;
    private int playingRate;

    Cine(I18n i18n, Supplier<Viewport> active) {
        this.active = active;
        toggle.textProperty().bind(i18n.text("cine.play"));
        toggle.setId("cine-toggle");
        toggle.setFocusTraversable(false);
        toggle.setOnAction(e -> {
            if (toggle.isSelected()) {
                play(rate.getValue() == null ? AS_RECORDED : rate.getValue(), mode.getValue());
            } else {
                stop();
            }
        });
        rate.getItems().setAll(List.of(AS_RECORDED, 5, 10, 15, 20, 25, 30));
        rate.setValue(AS_RECORDED);
        rate.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer r) {
                return r == null || r == AS_RECORDED ? i18n.get("cine.recorded") : String.valueOf(r);
            }

            @Override
            public Integer fromString(String s) {
                return s.matches("\\d+") ? Integer.parseInt(s) : AS_RECORDED;
            }
        });
        rate.setId("cine-rate");
        rate.setFocusTraversable(false);
        mode.getItems().setAll(Mode.values());
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Mode m) {
                return m == null ? "" : i18n.get("cine.mode." + m.name().toLowerCase(java.util.Locale.ROOT));
            }

            @Override
            public Mode fromString(String s) {
                return Mode.FORWARD;
            }
        });
        mode.setValue(Mode.FORWARD);
        mode.setId("cine-mode");
        mode.setFocusTraversable(false);
    }

    Node node() {
        return new HBox(4, toggle, rate, mode);
    }

    /**
     * Plays the active viewport's series at {@code framesPerSecond}, or {@link #AS_RECORDED}: then
     * a multi-frame image's header is read first, off the UI thread. A viewport without a series
     * plays nothing.
     */
    public void play(int framesPerSecond, Mode m) {
        stop();
        Viewport v = active.get();
        if (v == null || v.stack() == null || v.stack().size() < 2) {
            toggle.setSelected(false);
            return;
        }
        toggle.setSelected(true);
        if (framesPerSecond != AS_RECORDED) {
            start(v, framesPerSecond, m);
            return;
        }
        org.fovea.dicom.series.SeriesStack stack = v.stack();
        boolean multiFrame = stack.sopInstanceUid(0).equals(stack.sopInstanceUid(stack.size() - 1));
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return multiFrame ? org.fovea.dicom.FrameTiming.recordedRate(stack.file(0)) : java.util.OptionalDouble.empty();
            } catch (org.fovea.dicom.DicomReadException e) {
                return java.util.OptionalDouble.empty();
            }
        }).thenAcceptAsync(r -> {
            // still wanted: the toggle on and the same series in the viewport
            if (toggle.isSelected() && timeline == null && v.stack() == stack) {
                start(v, (int) Math.max(1, Math.min(MAX_RATE, Math.round(r.orElse(DEFAULT_RATE)))), m);
            }
        }, javafx.application.Platform::runLater);
    }

    /** The rate playing now (images a second), 0 when stopped. */
    public int playingRate() {
        return timeline == null ? 0 : playingRate;
    }

    private void start(Viewport v, int framesPerSecond, Mode m) {
        playing = v;
        playingRate = framesPerSecond;
        direction = m == Mode.BACKWARD ? -1 : 1;
        steps = 0;
        timeline = new Timeline(new KeyFrame(Duration.millis(1000.0 / framesPerSecond), e -> step(m)));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.play();
        toggle.setSelected(true);
    }

    public void stop() {
        if (timeline != null) {
            timeline.stop();
            timeline = null;
        }
        toggle.setSelected(false);
    }

    public boolean playing() {
        return timeline != null;
    }

    /** Images shown since play began. */
    public long steps() {
        return steps;
    }

    private void step(Mode m) {
        int size = playing.stack() == null ? 0 : playing.stack().size();
        if (size < 2) {
            stop();
            return;
        }
        int next = playing.index() + direction;
        if (next < 0 || next >= size) {
            if (m == Mode.BOUNCE) {
                direction = -direction;
                next = playing.index() + direction;
            } else {
                next = next < 0 ? size - 1 : 0;
            }
        }
        playing.moveTo(next);
        steps++;
    }
}
