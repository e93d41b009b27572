package org.fovea.app.ui.registration;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.Forms;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Tables;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.registration.Device;
import org.fovea.registration.ExamNotes;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;
import org.fovea.registration.QueueEntry;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The technician's station (检查, T1-T3): the queue of the device's room, refreshed every second
 * (another desk may call from it too); Next calls the first waiting, Recall calls the called
 * patient again, Skip (过号) puts them back by the department's rule, Done finishes the exam and
 * records who did it with the assisting staff. The selected exam's electronic request shows
 * (allergies first), with the technicians' notes for the radiologist and a field to add one.
 */
public final class ExamPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final I18n i18n;
    private final RegistrationService service;
    private final Supplier<String> technician;
    private final Tab tab = new Tab();
    private final ComboBox<String> room = new ComboBox<>();
    private final TableView<QueueEntry> called = new TableView<>();
    private final TableView<QueueEntry> waiting = new TableView<>();
    private final Label request = new Label();
    private final Label allergies = new Label();
    private final ListView<String> notes = new ListView<>();
    private final TextArea note = new TextArea();
    private final Label status = new Label();
    private final Timeline refresher = new Timeline(new KeyFrame(Duration.seconds(1), e -> refresh()));
    private QueueEntry shown;
    private final Uploads uploads;
    private final Button stopUpload = new Button();

    /** @param technician who is at the desk: the logged-in user, or the computer's user without logins */
    public ExamPage(I18n i18n, RegistrationService service, Supplier<String> technician) {
        this.i18n = i18n;
        this.service = service;
        this.technician = technician;
        this.uploads = new Uploads(i18n, service, status);
        stopUpload.setText(i18n.get("exam.upload.cancel"));
        room.setId("exam-room");
        room.setPromptText(i18n.get("exam.room.prompt"));
        room.valueProperty().addListener((o, was, now) -> refresh());
        for (TableView<QueueEntry> t : List.of(called, waiting)) {
            t.getColumns().setAll(List.of(
                    Tables.column(i18n.get("reg.column.accession"), QueueEntry::accessionNumber),
                    Tables.column(i18n.get("reg.column.patient"), q -> PersonNameFormat.registered(q.patientName())),
                    Tables.column(i18n.get("reg.column.exam"), QueueEntry::procedure),
                    Tables.column(i18n.get("reg.column.priority"), q -> i18n.get("reg.priority." + q.priority())),
                    Tables.column(i18n.get("exam.column.calls"), q -> q.calls() == 0 ? "" : i18n.format("exam.calls",
                            q.calls(), q.calledBy(), q.skips()))));
            t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            t.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
                if (now != null) {
                    (t == called ? waiting : called).getSelectionModel().clearSelection();
                    show(now);
                }
            });
        }
        called.setId("exam-called");
        waiting.setId("exam-waiting");
        called.setPlaceholder(new Label(i18n.get("exam.noneCalled")));
        waiting.setPlaceholder(new Label(i18n.get("exam.noneWaiting")));
        called.setPrefHeight(160);
        Button next = Tables.button(i18n.get("exam.next"), "exam-next", this::next);
        Button recall = Tables.button(i18n.get("exam.recall"), "exam-recall", () -> onCalled(q -> service.run(d ->
                d.queues().recall(q.id(), technician.get())), "exam.recalled"));
        Button skip = Tables.button(i18n.get("exam.skip"), "exam-skip", () -> onCalled(q -> service.run(d ->
                d.queues().skip(q.id())), "exam.skipped"));
        Button done = Tables.button(i18n.get("exam.done"), "exam-done", this::done);
        for (Button b : List.of(recall, skip, done)) {
            b.disableProperty().bind(Bindings.isNull(called.getSelectionModel().selectedItemProperty()));
        }
        next.disableProperty().bind(Bindings.isNull(room.valueProperty()));
        Button display = Tables.button(i18n.get("exam.display"), "exam-display", () ->
                WaitingRoomWindow.open(i18n, service, room.getValue() == null ? List.of() : List.of(room.getValue()), -1));
        Button workload = Tables.button(i18n.get("exam.workload"), "exam-workload", this::workload);
        Button upload = Tables.button(i18n.get("exam.upload"), "exam-upload", this::chooseUpload);
        upload.disableProperty().bind(Bindings.isNull(called.getSelectionModel().selectedItemProperty())
                .or(uploads.running));
        stopUpload.setId("exam-upload-cancel");
        stopUpload.visibleProperty().bind(uploads.running);
        stopUpload.managedProperty().bind(uploads.running);
        stopUpload.setOnAction(e -> uploads.cancel());
        HBox top = new HBox(8, Forms.labelled(i18n, "exam.room", room), next, recall, skip, done, upload, stopUpload,
                display, workload);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8));

        request.setId("exam-request");
        allergies.setId("exam-allergies");
        allergies.setWrapText(true);
        // what can hurt the patient in the room stands out
        allergies.setStyle("-fx-text-fill: #ff7070; -fx-font-weight: bold; -fx-font-size: 1.15em;");
        request.setWrapText(true);
        notes.setId("exam-notes");
        notes.setPrefHeight(140);
        note.setId("exam-note");
        note.setPromptText(i18n.get("exam.note.prompt"));
        note.setPrefRowCount(3);
        note.setWrapText(true);
        Button save = Tables.button(i18n.get("exam.note.save"), "exam-save-note", this::saveNote);
        save.disableProperty().bind(Bindings.createBooleanBinding(() -> note.getText().isBlank(), note.textProperty()));
        VBox side = new VBox(8, Forms.titled(i18n, "exam.request", new VBox(4, allergies, request)), Forms.titled(i18n, "exam.notes", notes),
                note, save);
        side.setPadding(new Insets(8));
        VBox queues = new VBox(6, Forms.titled(i18n, "exam.called", called), Forms.titled(i18n, "exam.waiting", waiting));
        queues.setPadding(new Insets(0, 0, 0, 8));
        SplitPane split = new SplitPane(queues, side);
        split.setDividerPositions(0.62);
        status.setId("exam-status");
        BorderPane root = new BorderPane(split, top, null, status, null);
        BorderPane.setMargin(status, new Insets(6, 8, 6, 8));
        tab.textProperty().bind(i18n.text("tab.exam"));
        tab.setContent(root);
        tab.setClosable(false);
        refresher.setCycleCount(Timeline.INDEFINITE);
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                loadRooms();
                refresher.play();
            } else {
                refresher.stop();
            }
        });
    }

    public Tab tab() { return tab; }

    public TableView<QueueEntry> waiting() { return waiting; }

    public TableView<QueueEntry> called() { return called; }

    private void loadRooms() {
        service.run(d -> d.schedule().devices().stream().filter(Device::active).map(Device::room).distinct().toList())
                .whenComplete((rooms, error) -> {
                    if (error == null) {
                        room.getItems().setAll(rooms);
                        if (room.getValue() == null && !rooms.isEmpty()) {
                            room.setValue(rooms.get(0));
                        }
                    }
                });
    }

    private void refresh() {
        String r = room.getValue();
        if (r == null) {
            return;
        }
        service.run(d -> List.of(d.queues().called(r), d.queues().waiting(r))).whenComplete((lists, error) -> {
            if (error != null || !r.equals(room.getValue())) {
                return;
            }
            keep(called, lists.get(0));
            keep(waiting, lists.get(1));
        });
    }

    /** Replaces a table's rows, keeping the selected entry selected. */
    private static void keep(TableView<QueueEntry> t, List<QueueEntry> rows) {
        QueueEntry selected = t.getSelectionModel().getSelectedItem();
        t.getItems().setAll(rows);
        if (selected != null) {
            rows.stream().filter(q -> q.id() == selected.id()).findFirst().ifPresent(q -> t.getSelectionModel().select(q));
        }
    }

    private void next() {
        String r = room.getValue();
        service.run(d -> d.queues().next(r, technician.get())).whenComplete((q, error) -> {
            if (error != null) {
                problem(error);
            } else if (q.isEmpty()) {
                status.setText(i18n.format("exam.nobody", r));
            } else {
                status.setText(i18n.format("exam.calledNow", PersonNameFormat.registered(q.get().patientName()), r));
                refresh();
                called.getItems().add(0, q.get());
                called.getSelectionModel().select(q.get());
            }
        });
    }

    private interface QueueAction {
        java.util.concurrent.CompletableFuture<QueueEntry> on(QueueEntry q);
    }

    private void onCalled(QueueAction action, String doneKey) {
        QueueEntry q = called.getSelectionModel().getSelectedItem();
        if (q == null) {
            return;
        }
        action.on(q).whenComplete((now, error) -> {
            status.setText(error != null ? RegistrationService.sentence(error)
                    : i18n.format(doneKey, PersonNameFormat.registered(now.patientName())));
            refresh();
        });
    }

    /** Finishes the called exam, asking who assisted (names separated by commas; none is fine). */
    private void done() {
        QueueEntry q = called.getSelectionModel().getSelectedItem();
        if (q == null) {
            return;
        }
        TextInputDialog ask = new TextInputDialog();
        Dialogs.style(ask, called, i18n);
        ask.setHeaderText(i18n.format("exam.done.header", PersonNameFormat.registered(q.patientName()), q.procedure()));
        ask.setContentText(i18n.get("exam.done.assistants"));
        ask.getEditor().setId("exam-assistants");
        ask.getDialogPane().getButtonTypes().setAll(Dialogs.ok(i18n), Dialogs.cancel(i18n));
        ask.showAndWait().ifPresent(text -> service.run(d -> {
            QueueEntry finished = d.queues().done(q.id());
            d.notes().recordWorkload(q.accessionNumber(), technician.get(),
                    Arrays.stream(text.split("[,，、;；]")).toList());
            return finished;
        }).whenComplete((finished, error) -> {
            status.setText(error != null ? RegistrationService.sentence(error)
                    : i18n.format("exam.finished", PersonNameFormat.registered(q.patientName()), q.accessionNumber()));
            refresh();
        }));
    }

    /** What the request panel shows of an exam, read together. */
    private record Request(Order order, Patient patient, List<ExamNotes.Note> notes) {
    }

    private void show(QueueEntry q) {
        shown = q;
        service.run(d -> {
            Order o = d.registrations().order(q.accessionNumber()).orElseThrow();
            return new Request(o, d.registrations().patient(o.patientId()).orElseThrow(),
                    d.notes().notes(q.accessionNumber()));
        }).whenComplete((found, error) -> {
            if (error != null || shown != q) {
                return;
            }
            Order o = found.order();
            Patient p = found.patient();
            allergies.setText(i18n.format("exam.allergies", p.allergies().isBlank() ? "—" : p.allergies()));
            request.setText(i18n.format("exam.request.text", PersonNameFormat.registered(p.name()), p.patientId(),
                    p.sex(), p.birthDate().isEmpty() ? "—" : p.birthDate(), o.procedureText(), o.clinicalDiagnosis(),
                    o.requestingPhysician().isEmpty() ? "—" : o.requestingPhysician(), o.accessionNumber()));
            notes.getItems().setAll(found.notes().stream().map(ExamPage::line).toList());
        });
    }

    /** Asks for the folder of the called exam's images (a CD, a modality's export) and uploads it into the exam. */
    private void chooseUpload() {
        QueueEntry q = called.getSelectionModel().getSelectedItem();
        if (q == null) {
            return;
        }
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle(i18n.format("exam.upload.title", q.accessionNumber()));
        java.io.File folder = chooser.showDialog(called.getScene().getWindow());
        if (folder != null) {
            uploads.start(q.accessionNumber(), List.of(folder.toPath()));
        }
    }

    /** The uploads of this desk. */
    public Uploads uploads() { return uploads; }

    /** Today's workload of the department (T3): each person's examined exams by role and modality. */
    private void workload() {
        java.time.ZoneId zone = ZoneId.systemDefault();
        long from = java.time.LocalDate.now().atStartOfDay(zone).toInstant().toEpochMilli();
        service.run(d -> d.notes().workload(from, from + 86_400_000L)).whenComplete((rows, error) -> {
            if (error != null) {
                problem(error);
                return;
            }
            List<String> lines = rows.stream().map(w -> i18n.format("exam.workload.line", w.person(),
                    i18n.get("exam.role." + w.role()), w.total(), w.byModality().toString())).toList();
            Dialogs.summary(called, i18n, false, i18n.get("exam.workload.header"),
                    lines.isEmpty() ? i18n.get("exam.workload.none") : String.join("\n", lines), List.of());
        });
    }

    /** A note as the lists show it: when, who, what. */
    static String line(ExamNotes.Note n) {
        return TIME.format(Instant.ofEpochMilli(n.writtenMs()).atZone(ZoneId.systemDefault())) + "  " + n.author() + "："
                + n.text();
    }

    private void saveNote() {
        QueueEntry q = shown;
        if (q == null) {
            status.setText(i18n.get("exam.note.pick"));
            return;
        }
        String text = note.getText();
        service.run(d -> d.notes().add(q.accessionNumber(), technician.get(), text)).whenComplete((n, error) -> {
            if (error != null) {
                problem(error);
                return;
            }
            note.clear();
            status.setText(i18n.format("exam.note.saved", q.accessionNumber()));
            show(q);
        });
    }

    /** Stops refreshing (the window closes). */
    public void close() {
        refresher.stop();
        uploads.close();
    }


    private void problem(Throwable error) {
        status.setText(RegistrationService.sentence(error));
    }
}
