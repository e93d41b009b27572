package org.fovea.app.ui.alert;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Tables;
import org.fovea.app.ui.report.ReportService;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.reporting.alert.Alert;
import org.fovea.reporting.identity.User;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The logged-in user's side of the critical-value loop (P9): every alert addressed to them opens
 * a dialog at once that only an acknowledgement with a read-back closes (and a notification);
 * each acknowledgement of an alert they raised is announced to them; the Alerts tab lists open
 * and closed alerts with their times. Changes arrive from any workstation (AlertWatch); every
 * 30 s the workstation escalates what is past its deadline.
 */
public final class AlertCentre implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final I18n i18n;
    private final ReportService service;
    private final User user;
    private final ObservableList<Alert> rows = FXCollections.observableArrayList();
    private final TableView<Alert> table = new TableView<>(rows);
    private final BorderPane root = new BorderPane();
    private final Set<Long> prompted = new HashSet<>();
    private final Set<Long> announced = new HashSet<>();
    private final Timeline escalation = new Timeline(new KeyFrame(Duration.seconds(30), e -> escalate()));
    private AutoCloseable watch;
    /** Set when the window closes: a watch that starts after that is closed at once. */
    private volatile boolean closed;
    private boolean first = true;

    public AlertCentre(I18n i18n, ReportService service, User user) {
        this.i18n = i18n;
        this.service = service;
        this.user = user;
        table.setId("alerts-table");
        table.getColumns().add(column("alerts.status", a -> i18n.get("alerts.status." + a.status().name())));
        table.getColumns().add(column("alerts.finding", a -> a.finding() + " (" + a.category() + ")"));
        table.getColumns().add(column("alerts.patient", a -> PersonNameFormat.display(a.patientName()) + " " + a.patientId()));
        table.getColumns().add(column("alerts.from", Alert::sender));
        table.getColumns().add(column("alerts.to", a -> a.recipient() + (a.status() == Alert.Status.ESCALATED
                ? " → " + a.backup() + ", " + a.head() : "")));
        table.getColumns().add(column("alerts.raised", a -> TIME.format(a.raised())));
        table.getColumns().add(column("alerts.due", a -> TIME.format(a.due())));
        table.getColumns().add(column("alerts.acknowledged", a -> a.acknowledged() == null ? ""
                : a.acknowledgedBy() + " " + TIME.format(a.acknowledged()) + "：" + a.readBack()));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Alert a, boolean empty) {
                super.updateItem(a, empty);
                getStyleClass().removeAll("alert-open", "alert-escalated");
                if (!empty && a != null && !a.closed()) {
                    getStyleClass().add(a.status() == Alert.Status.ESCALATED ? "alert-escalated" : "alert-open");
                }
            }
        });
        Button acknowledge = new Button(i18n.get("alerts.acknowledge"));
        acknowledge.setId("alerts-acknowledge");
        acknowledge.setOnAction(e -> {
            Alert a = table.getSelectionModel().getSelectedItem();
            if (a != null && !a.closed() && a.addressedTo(user.login())) {
                prompt(a);
            }
        });
        HBox bar = new HBox(8, acknowledge);
        bar.setPadding(new Insets(6));
        root.setCenter(table);
        root.setBottom(bar);
        escalation.setCycleCount(Timeline.INDEFINITE);
    }

    private TableColumn<Alert, String> column(String key, Function<Alert, String> value) {
        return Tables.column(i18n.get(key), value);
    }

    public Node node() { return root; }

    public TableView<Alert> table() { return table; }

    /** Starts listening for alert changes and escalating. */
    public void start() {
        service.watchAlerts(id -> Platform.runLater(this::refresh)).thenAccept(w -> {
            watch = w;
            if (closed) {
                closeWatch();
            }
        });
        escalation.play();
        refresh();
    }

    /** Reads the alerts again: prompts for new ones addressed to the user, announces acknowledgements. */
    public void refresh() {
        service.alerts(user.login()).whenComplete((lists, error) -> {
            if (error != null) {
                return;
            }
            rows.setAll(lists.all());
            for (Alert a : lists.forMe()) {
                if (prompted.add(a.id())) {
                    prompt(a);
                }
            }
            for (Alert a : lists.raisedByMe()) {
                if (a.closed() && announced.add(a.id()) && !first) {
                    Notifications.create().title(i18n.get("alerts.acknowledgedTitle"))
                            .text(i18n.format("alerts.acknowledgedText", a.acknowledgedBy(), a.finding(),
                                    PersonNameFormat.display(a.patientName()), a.readBack()))
                            .hideAfter(Duration.seconds(30)).showInformation();
                }
            }
            first = false;
        });
    }

    private void prompt(Alert a) {
        service.alertSeen(a.id(), user.login());
        AcknowledgeDialog d = new AcknowledgeDialog(i18n, a);
        d.onAcknowledge(readBack -> service.acknowledge(a.id(), user, readBack).whenComplete((done, error) -> {
            if (error != null) {
                Alerts.error(root, i18n, "alerts.error", error);
                prompted.remove(a.id());
            }
            refresh();
        }));
        d.show();
    }

    private void escalate() {
        service.escalateDue().thenAccept(list -> {
            if (!list.isEmpty()) {
                refresh();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        escalation.stop();
        closeWatch();
    }

    private void closeWatch() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                // the watch's thread is a daemon: it ends with the workstation anyway
            }
        }
    }
}
