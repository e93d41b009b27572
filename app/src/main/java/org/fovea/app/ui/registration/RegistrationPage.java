package org.fovea.app.ui.registration;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Tables;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.registration.Booking;
import org.fovea.registration.Device;
import org.fovea.registration.Labels;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The registration desk (登记, T5-T7): a scan or search field (a keyboard-wedge barcode or card
 * reader types the accession number, the HIS's order number or the patient ID and presses Enter;
 * a name finds its patients), the exams found, and what the registrar does with one: register a
 * walk-in, book it on a device (T6), save its barcode label with the preparation notes (T7), check
 * it in to its device's queue, or cancel it.
 */
public final class RegistrationPage {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegistrationPage.class);

    private final I18n i18n;
    private final RegistrationService service;
    private final Tab tab = new Tab();
    private final TextField scan = new TextField();
    private final TableView<RegistrationService.Row> table = new TableView<>();
    private final Label status = new Label();
    private final AppointmentBoard board;

    private final java.util.function.Supplier<org.fovea.reporting.identity.User> user;

    /** @param user who works at the desk (null in a department without logins) */
    public RegistrationPage(I18n i18n, RegistrationService service,
                            java.util.function.Supplier<org.fovea.reporting.identity.User> user) {
        this.i18n = i18n;
        this.service = service;
        this.user = user;
        scan.setId("reg-scan");
        scan.setPromptText(i18n.get("reg.scan.prompt"));
        scan.setPrefColumnCount(30);
        scan.setOnAction(e -> search(true));
        table.setId("reg-exams");
        table.getColumns().setAll(List.of(
                Tables.column(i18n.get("reg.column.accession"), r -> r.order().accessionNumber()),
                Tables.column(i18n.get("reg.column.patient"), r -> r.patient() == null ? r.order().patientId()
                        : PersonNameFormat.registered(r.patient().name())),
                Tables.column(i18n.get("reg.column.patientId"), r -> r.order().patientId()),
                Tables.column(i18n.get("reg.column.sexAge"), r -> sexAge(r.patient())),
                Tables.column(i18n.get("reg.column.exam"), r -> r.order().procedureText()),
                Tables.column(i18n.get("reg.column.modality"), r -> r.order().modality()),
                Tables.column(i18n.get("reg.column.priority"), r -> i18n.get("reg.priority." + r.order().priority())),
                Tables.column(i18n.get("reg.column.status"), r -> i18n.get("reg.status." + r.order().status())),
                Tables.column(i18n.get("reg.column.booking"), r -> booking(r.booking())),
                Tables.column(i18n.get("reg.column.allergies"), r -> r.patient() == null ? "" : r.patient().allergies())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(i18n.get("reg.empty")));
        Button find = Tables.button(i18n.get("reg.search"), "reg-search", () -> search(true));
        Button walkIn = Tables.button(i18n.get("reg.new"), "reg-new", this::register);
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        Button book = Tables.button(i18n.get("reg.book"), "reg-book", this::bookSelected);
        Button label = Tables.button(i18n.get("reg.label"), "reg-label", () -> act(this::label));
        Button checkIn = Tables.button(i18n.get("reg.checkIn"), "reg-checkin", () -> act(this::checkIn));
        Button cancel = Tables.button(i18n.get("reg.cancel"), "reg-cancel", () -> act(this::cancel));
        Button change = Tables.button(i18n.get("reg.change"), "reg-change", () -> act(this::changeRequest));
        for (Button b : List.of(book, label, checkIn, cancel, change)) {
            b.disableProperty().bind(Bindings.isNull(table.getSelectionModel().selectedItemProperty()));
        }
        HBox.setHgrow(scan, Priority.ALWAYS);
        HBox top = new HBox(8, scan, find, walkIn, book, label, checkIn, change, cancel);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8));
        status.setId("reg-status");
        board = new AppointmentBoard(i18n, service);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(table, board.node());
        split.setDividerPositions(0.66);
        BorderPane root = new BorderPane(split, top, null, status, null);
        BorderPane.setMargin(status, new Insets(6, 8, 6, 8));
        tab.textProperty().bind(i18n.text("tab.registration"));
        tab.setContent(root);
        tab.setClosable(false);
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                search(false);
                board.start();
            } else {
                board.stop();
            }
        });
    }

    public Tab tab() { return tab; }

    public TableView<RegistrationService.Row> table() { return table; }

    /** Stops the appointment board's refreshing (the window closes). */
    public void close() {
        board.stop();
    }

    /** Looks up what the field holds; a scan that finds one exam selects it. */
    private void search(boolean fromField) {
        String text = scan.getText();
        service.run(d -> RegistrationService.rows(d, d.registrations().search(text, 200)))
                .whenComplete((rows, error) -> {
                    if (error != null) {
                        problem(error);
                        return;
                    }
                    table.getItems().setAll(rows);
                    if (rows.size() == 1) {
                        table.getSelectionModel().select(0);
                    }
                    if (fromField) {
                        status.setText(i18n.format("reg.found", rows.size()));
                        scan.selectAll();
                    }
                });
    }

    private interface Action {
        void on(RegistrationService.Row row);
    }

    private void act(Action a) {
        RegistrationService.Row row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            a.on(row);
        }
    }

    private void register() {
        service.run(d -> d.schedule().devices().stream().filter(Device::active).map(Device::modality).distinct().toList())
                .whenComplete((modalities, error) -> {
                    List<String> known = error == null ? modalities : List.of();
                    try {
                        new RegisterDialog(i18n, service, table, known).showAndWait().ifPresent(this::store);
                    } catch (RuntimeException e) {
                        LOG.error("The registration dialog failed", e);
                        status.setText(e.toString());
                    }
                });
    }

    private void store(RegisterDialog.WalkIn w) {
        service.run(d -> {
            Order placed = d.registrations().registerWalkIn(w.patient(), w.order(), System.currentTimeMillis());
            if (w.bookNow()) {
                d.schedule().book(placed.accessionNumber(), LocalDate.now());
                saveLabel(d, placed.accessionNumber());
            }
            return RegistrationService.row(d, d.registrations().order(placed.accessionNumber()).orElseThrow());
        }).whenComplete((row, error) -> {
            if (error != null) {
                problem(error);
                return;
            }
            scan.setText(row.order().accessionNumber());
            table.getItems().setAll(row);
            table.getSelectionModel().select(0);
            status.setText(i18n.format("reg.registered", row.order().accessionNumber(), booking(row.booking())));
        });
    }

    /** Books the selected exam; several selected are one visit (body parts of one order), booked into one slot. */
    private void bookSelected() {
        List<RegistrationService.Row> rows = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (rows.size() == 1) {
            update(rows.get(0), d -> {
                d.schedule().book(rows.get(0).order().accessionNumber(), LocalDate.now());
                saveLabel(d, rows.get(0).order().accessionNumber());
            }, "reg.booked");
        } else if (rows.size() > 1) {
            List<String> accessions = rows.stream().map(r -> r.order().accessionNumber()).toList();
            service.run(d -> {
                d.schedule().book(accessions, LocalDate.now());
                for (String acc : accessions) {
                    saveLabel(d, acc);
                }
                return RegistrationService.rows(d, accessions.stream().map(a -> d.registrations().order(a).orElseThrow())
                        .toList());
            }).whenComplete((now, error) -> {
                if (error != null) {
                    problem(error);
                    return;
                }
                for (RegistrationService.Row r : now) {
                    table.getItems().replaceAll(x -> x.order().accessionNumber().equals(r.order().accessionNumber()) ? r : x);
                }
                status.setText(i18n.format("reg.visitBooked", String.join(", ", accessions), booking(now.get(0).booking())));
            });
        }
    }

    /** Saves the label and prints it where the desk has a printer; the status says which. */
    private void label(RegistrationService.Row row) {
        String acc = row.order().accessionNumber();
        service.run(d -> {
            Path file = saveLabel(d, acc);
            return LabelPrinter.print(file).map(printer -> i18n.format("reg.printed", acc, printer))
                    .orElse(i18n.format("reg.labelled", acc, file.toString()));
        }).whenComplete((said, error) -> {
            if (error != null) {
                problem(error);
            } else {
                status.setText(said);
            }
        });
    }

    private void checkIn(RegistrationService.Row row) {
        update(row, d -> {
            if (d.schedule().booking(row.order().accessionNumber()).isEmpty()) {
                d.schedule().book(row.order().accessionNumber(), LocalDate.now());
            }
            d.queues().checkIn(row.order().accessionNumber());
        }, "reg.checkedIn");
    }

    private void cancel(RegistrationService.Row row) {
        update(row, d -> {
            try (Connection c = d.registrations().dataSource().getConnection()) {
                if (!d.registrations().cancelExam(c, row.order().accessionNumber(), System.currentTimeMillis())) {
                    throw new IllegalArgumentException(i18n.format("reg.notCancellable", row.order().accessionNumber()));
                }
            }
        }, "reg.cancelled");
    }

    /** Changes a field of the exam's request, after showing what was changed before. */
    private void changeRequest(RegistrationService.Row row) {
        String acc = row.order().accessionNumber();
        service.run(d -> new org.fovea.registration.OrderChanges(d.registrations(), java.time.Clock.systemDefaultZone())
                .history(acc)).whenComplete((history, error) -> {
                    if (error != null) {
                        problem(error);
                        return;
                    }
                    new ChangeRequestDialog(i18n, table, acc, history).showAndWait().ifPresent(asked -> update(row, d ->
                            new org.fovea.registration.OrderChanges(d.registrations(), java.time.Clock.systemDefaultZone())
                                    .change(acc, asked.field(), asked.value(), asked.reason(),
                                            ChangeRequestDialog.who(user.get())), "reg.changed"));
                });
    }

    private interface Change {
        void apply(RegistrationService.Desk d) throws Exception;
    }

    /** Makes the change, then shows the exam as it now is. */
    private void update(RegistrationService.Row row, Change change, String doneKey) {
        String acc = row.order().accessionNumber();
        service.run(d -> {
            change.apply(d);
            return RegistrationService.row(d, d.registrations().order(acc).orElseThrow());
        }).whenComplete((now, error) -> {
            if (error != null) {
                problem(error);
                return;
            }
            int at = table.getItems().indexOf(row);
            if (at >= 0) {
                table.getItems().set(at, now);
                table.getSelectionModel().select(at);
            }
            status.setText(i18n.format(doneKey, acc, booking(now.booking())));
        });
    }

    /** The exam's label and preparation page, saved as {@code labels/ACC.pdf} in the workstation's home. */
    static Path saveLabel(RegistrationService.Desk d, String accession) throws Exception {
        byte[] pdf = Labels.ofExam(d.registrations(), d.schedule(), accession, "", "");
        Path file = d.home().resolve("labels").resolve(accession + ".pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);
        return file;
    }

    static String booking(Booking b) {
        return b == null ? "" : b.deviceCode() + " " + b.day() + " " + b.slot();
    }

    private static String sexAge(Patient p) {
        if (p == null) {
            return "";
        }
        String age = "";
        if (p.birthDate().length() == 8) {
            try {
                age = " " + Period.between(LocalDate.parse(p.birthDate(), DateTimeFormatter.BASIC_ISO_DATE),
                        LocalDateTime.now().toLocalDate()).getYears();
            } catch (java.time.DateTimeException e) {
                age = "";
            }
        }
        return p.sex() + age;
    }

    Node node() { return tab.getContent(); }

    private void problem(Throwable error) {
        status.setText(RegistrationService.sentence(error));
    }
}
