package org.fovea.app.ui.registration;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.UiFonts;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.registration.Device;
import org.fovea.registration.QueueEntry;
import org.fovea.registration.WaitingRoom;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The waiting-room display (T1): full screen on a chosen monitor, in large type, who is called to
 * which room (latest first) and who comes next, names partly masked (王*国). It reads the queues
 * twice a second, so a call made at any desk shows within a second; a new call or a recall is
 * also spoken where the machine has text-to-speech. Escape leaves full screen; closing the window
 * stops it.
 */
public final class WaitingRoomWindow {

    /** How many waiting patients per room the screen shows. */
    static final int WAITING_SHOWN = 5;
    /** How many calls the screen shows, the latest first (older ones are in the rooms already). */
    static final int CALLS_SHOWN = 4;

    private final I18n i18n;
    private final RegistrationService service;
    private final List<String> rooms;
    private final Stage stage = new Stage();
    private final VBox calledBox = new VBox(14);
    private final VBox waitingBox = new VBox(8);
    private final Timeline poll = new Timeline(new KeyFrame(Duration.millis(500), e -> refresh()));
    private final CallSpeaker speaker = new CallSpeaker();
    /** Calls already announced: entry id and its call count (a recall is announced again). */
    private final Set<String> announced = new HashSet<>();
    private boolean first = true;

    private WaitingRoomWindow(I18n i18n, RegistrationService service, List<String> rooms) {
        this.i18n = i18n;
        this.service = service;
        this.rooms = new ArrayList<>(rooms);
        Label title = big(i18n.get("waiting.title"), 48, Color.WHITE);
        Label next = big(i18n.get("waiting.next"), 34, Color.web("#9fc3e6"));
        calledBox.setId("waiting-called");
        calledBox.setAlignment(Pos.CENTER);
        waitingBox.setAlignment(Pos.CENTER);
        waitingBox.setId("waiting-next");
        VBox content = new VBox(24, title, calledBox, next, waitingBox);
        content.setPadding(new Insets(40));
        content.setAlignment(Pos.TOP_CENTER);
        BorderPane root = new BorderPane(content);
        root.setStyle("-fx-background-color: #0b2340;" + UiFonts.rootStyle());
        Scene scene = new Scene(root, 1280, 720);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.setFullScreen(false);
            }
        });
        stage.setScene(scene);
        stage.setTitle(i18n.get("waiting.title"));
        stage.setFullScreenExitHint("");
        poll.setCycleCount(Timeline.INDEFINITE);
        stage.setOnHidden(e -> {
            poll.stop();
            speaker.close();
        });
    }

    /**
     * Opens the display for the rooms (every active device's room when empty), full screen on the
     * screen of that index (negative: the last one, the second monitor where there is one).
     */
    public static WaitingRoomWindow open(I18n i18n, RegistrationService service, List<String> rooms, int screen) {
        WaitingRoomWindow w = new WaitingRoomWindow(i18n, service, rooms);
        List<Screen> screens = Screen.getScreens();
        Rectangle2D bounds = screens.get(screen < 0 || screen >= screens.size() ? screens.size() - 1 : screen).getBounds();
        w.stage.setX(bounds.getMinX());
        w.stage.setY(bounds.getMinY());
        w.stage.setWidth(bounds.getWidth());
        w.stage.setHeight(bounds.getHeight());
        w.stage.show();
        w.stage.setFullScreen(true);
        w.refresh();
        w.poll.play();
        return w;
    }

    public Stage stage() { return stage; }

    /**
     * The display alone, for a computer that drives the waiting room's screen: opens the
     * department database of {@code home}, shows the window and returns when it is closed.
     */
    public static void runStandalone(java.nio.file.Path home, java.util.Locale locale, List<String> rooms, int screen) {
        org.fovea.app.ui.common.FxRuntime.ensureStarted();
        RegistrationService service = RegistrationService.open(home);
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        try {
            javafx.application.Platform.runLater(() -> {
                WaitingRoomWindow w = open(new I18n(locale), service, rooms, screen);
                w.stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
            });
            org.fovea.app.ui.common.FxRuntime.await(closed);
        } finally {
            service.close();
            javafx.application.Platform.exit();
        }
    }

    /** What the screen shows now, line by line (called first), as the tests read it. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        calledBox.getChildren().forEach(n -> out.add(((Label) n).getText()));
        waitingBox.getChildren().forEach(n -> out.add(((Label) n).getText()));
        return out;
    }

    /** The called and the next waiting of the rooms shown, read once per refresh. */
    private record Board(List<QueueEntry> calls, List<QueueEntry> waiting) {
    }

    private void refresh() {
        service.run(d -> {
            List<String> shown = rooms.isEmpty() ? d.schedule().devices().stream().filter(Device::active)
                    .map(Device::room).distinct().toList() : rooms;
            List<QueueEntry> calls = new ArrayList<>();
            List<QueueEntry> waiting = new ArrayList<>();
            for (String r : shown) {
                calls.addAll(d.queues().called(r));
                waiting.addAll(d.queues().waiting(r).stream().limit(WAITING_SHOWN).toList());
            }
            return new Board(calls, waiting);
        }).whenComplete((board, error) -> {
            if (error != null) {
                return;
            }
            // the latest calls of every room shown, latest first
            calledBox.getChildren().setAll(board.calls().stream()
                    .sorted(java.util.Comparator.comparingLong(QueueEntry::calledMs).reversed()).limit(CALLS_SHOWN)
                    .map(q -> big(i18n.format("waiting.call", WaitingRoom.mask(q.patientName()), q.room()), 56,
                            Color.web("#ffd54f"))).toList());
            waitingBox.getChildren().setAll(board.waiting().stream()
                    .map(q -> big(WaitingRoom.mask(q.patientName()) + "    " + q.room(), 36, Color.WHITE)).toList());
            for (QueueEntry q : board.calls()) {
                // those already called when the screen opens are not announced again
                if (announced.add(q.id() + ":" + q.calls()) && !first) {
                    speaker.say(CallSpeaker.phrase(PersonNameFormat.registered(q.patientName()), q.room()));
                }
            }
            first = false;
        });
    }

    private static Label big(String text, double size, Color color) {
        Label l = new Label(text);
        l.setTextFill(color);
        l.setStyle("-fx-font-size: " + size + "px; -fx-font-weight: bold;");
        return l;
    }
}
