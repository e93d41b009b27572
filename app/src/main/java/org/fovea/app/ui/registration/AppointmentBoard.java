package org.fovea.app.ui.registration;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.Forms;
import org.fovea.app.ui.common.I18n;
import org.fovea.registration.Device;
import org.fovea.registration.Schedule;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The appointment board (T6): each device's day, slot by slot, how full it is (a bar, booked of
 * capacity, red when full) and who is on shift, with the device's queue now (waiting, called).
 * It reads the department database every two seconds while shown, so bookings and check-ins made
 * at other desks appear by themselves.
 */
final class AppointmentBoard {

    private static final double BAR = 120;

    /** One device's day and queue, read on the service's thread. */
    record DeviceDay(Device device, List<Schedule.Slot> slots, int waiting, int called) {
    }

    private final I18n i18n;
    private final RegistrationService service;
    private final DatePicker day = new DatePicker(LocalDate.now());
    private final HBox columns = new HBox(16);
    private final Timeline refresher = new Timeline(new KeyFrame(Duration.seconds(2), e -> refresh()));
    private final VBox root;

    AppointmentBoard(I18n i18n, RegistrationService service) {
        this.i18n = i18n;
        this.service = service;
        day.setId("board-day");
        Dialogs.isoDates(day);
        day.valueProperty().addListener((o, was, now) -> refresh());
        columns.setId("board-devices");
        columns.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToHeight(false);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        root = new VBox(6, Forms.labelled(i18n, "board.day", day), scroll);
        root.setPadding(new Insets(8));
        refresher.setCycleCount(Timeline.INDEFINITE);
    }

    Node node() { return root; }

    /** Reads the board now and every two seconds after. */
    void start() {
        refresh();
        refresher.play();
    }

    void stop() {
        refresher.stop();
    }

    void refresh() {
        LocalDate d = day.getValue() == null ? LocalDate.now() : day.getValue();
        service.run(desk -> {
            List<DeviceDay> out = new ArrayList<>();
            for (Device dev : desk.schedule().devices()) {
                if (dev.active()) {
                    out.add(new DeviceDay(dev, desk.schedule().day(dev.code(), d), desk.queues().waiting(dev.room()).size(),
                            desk.queues().called(dev.room()).size()));
                }
            }
            return out;
        }).whenComplete((days, error) -> {
            if (error == null) {
                columns.getChildren().setAll(days.stream().map(this::column).toList());
            }
        });
    }

    private Node column(DeviceDay dd) {
        Label title = new Label(dd.device().name() + "  (" + dd.device().modality() + ")");
        title.getStyleClass().add("section-title");
        Label queue = new Label(i18n.format("board.queue", dd.waiting(), dd.called()));
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(2);
        int row = 0;
        LocalTime now = LocalTime.now();
        boolean today = LocalDate.now().equals(day.getValue());
        for (Schedule.Slot s : dd.slots()) {
            // today's board starts an hour back: the rest of the day is what the desk books into
            if (today && s.start().plusMinutes(dd.device().slotMinutes()).isBefore(now.minusHours(1))
                    && now.minusHours(1).isBefore(now)) {
                continue;
            }
            boolean current = !s.start().isAfter(now) && s.start().plusMinutes(dd.device().slotMinutes()).isAfter(now)
                    && today;
            Label time = new Label(s.start().toString());
            if (current) {
                time.setStyle("-fx-font-weight: bold; -fx-text-fill: #ffd54f;");
            }
            grid.addRow(row++, time, bar(s), new Label(s.booked() + "/" + s.capacity()),
                    new Label(s.technician() == null ? i18n.get("board.closed") : s.technician()));
        }
        VBox box = new VBox(4, title, queue, grid);
        box.setId("board-" + dd.device().code());
        box.setMinWidth(300);
        return box;
    }

    private static Node bar(Schedule.Slot s) {
        Region back = new Region();
        back.setPrefSize(BAR, 12);
        back.setStyle("-fx-background-color: #2b2f36;");
        Region fill = new Region();
        double share = s.capacity() == 0 ? 1 : Math.min(1, (double) s.booked() / s.capacity());
        fill.setPrefSize(BAR * share, 12);
        fill.setMaxWidth(BAR * share);
        fill.setStyle("-fx-background-color: " + (s.booked() >= s.capacity() ? "#d05050" : "#4f8fd0") + ";");
        StackPane p = new StackPane(back, fill);
        StackPane.setAlignment(fill, Pos.CENTER_LEFT);
        p.setMaxWidth(BAR);
        return p;
    }
}
