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
 * chosen frame rate, from the toolbar's Cine toggle. The steps are counted, so the rate shown can
 * be checked against the rate asked.
 */
public final class Cine {

    /** Which way the images go. */
    public enum Mode { FORWARD, BACKWARD, BOUNCE }

    private final Supplier<Viewport> active;
    private final ToggleButton toggle = new ToggleButton();
    private final ComboBox<Integer> rate = new ComboBox<>();
    private final ComboBox<Mode> mode = new ComboBox<>();
    private Timeline timeline;
    private Viewport playing;
    private int direction = 1;
    private long steps;

    Cine(I18n i18n, Supplier<Viewport> active) {
        this.active = active;
        toggle.textProperty().bind(i18n.text("cine.play"));
        toggle.setId("cine-toggle");
        toggle.setFocusTraversable(false);
        toggle.setOnAction(e -> {
            if (toggle.isSelected()) {
                play(rate.getValue(), mode.getValue());
            } else {
                stop();
            }
        });
        rate.getItems().setAll(List.of(5, 10, 15, 20, 25, 30));
        rate.setValue(15);
        rate.setId("cine-rate");
        rate.setFocusTraversable(false);
        mode.getItems().setAll(Mode.values());
        mode.setValue(Mode.FORWARD);
        mode.setId("cine-mode");
        mode.setFocusTraversable(false);
    }

    Node node() {
        return new HBox(4, toggle, rate, mode);
    }

    /** Plays the active viewport's series; a viewport without one plays nothing. */
    public void play(int framesPerSecond, Mode m) {
        stop();
        playing = active.get();
        if (playing == null || playing.stack() == null || playing.stack().size() < 2) {
            toggle.setSelected(false);
            return;
        }
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
