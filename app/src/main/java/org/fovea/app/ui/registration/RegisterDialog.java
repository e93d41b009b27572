package org.fovea.app.ui.registration;

import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.controlsfx.validation.decoration.StyleClassValidationDecoration;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Tables;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Registering a patient and an exam by hand (T5): a walk-in or an emergency without an HIS order.
 * Phone, allergies and clinical diagnosis are required (marked, and OK stays off until they are
 * given, by ControlsFX validation). While the name is typed, the patients already registered
 * under it are listed with their past exams: picking one registers the exam for that patient;
 * a new patient of the same name needs the registrar to confirm that the identity was checked.
 */
final class RegisterDialog {

    /** What the registrar entered: the patient, the exam, and whether to book it at once. */
    record WalkIn(Patient patient, Order order, boolean bookNow) {
    }

    /** A patient of the same name with their past exams, as the dialog lists them. */
    record SameName(Patient patient, List<Order> exams) {
    }

    private final I18n i18n;
    private final RegistrationService service;
    private final Dialog<WalkIn> dialog = new Dialog<>();
    private final TextField id = field("reg-f-id");
    private final TextField name = field("reg-f-name");
    private final ComboBox<String> sex = new ComboBox<>();
    private final DatePicker birth = new DatePicker();
    private final TextField phone = field("reg-f-phone");
    private final TextField allergies = field("reg-f-allergies");
    private final TextField address = field("reg-f-address");
    private final TextField exam = field("reg-f-exam");
    private final ComboBox<String> modality = new ComboBox<>();
    private final TextField diagnosis = field("reg-f-diagnosis");
    private final TextField physician = field("reg-f-physician");
    private final ComboBox<String> priority = new ComboBox<>();
    private final CheckBox bookNow = new CheckBox();
    private final TableView<SameName> same = new TableView<>();
    private final CheckBox confirmed = new CheckBox();
    private final ValidationSupport validation = new ValidationSupport();
    private final Label problem = new Label();

    RegisterDialog(I18n i18n, RegistrationService service, Node owner, List<String> modalities) {
        this.i18n = i18n;
        this.service = service;
        // ControlsFX's default decoration puts the scene's root into a pane of its own, which a
        // dialog's pane refuses: style classes (dark.css outlines them) and the first problem in words
        validation.setValidationDecorator(new StyleClassValidationDecoration());
        Dialogs.style(dialog, owner, i18n);
        dialog.setHeaderText(i18n.get("reg.new.header"));
        id.setText("W" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmmss")));
        sex.getItems().setAll("M", "F", "O");
        sex.setValue("M");
        sex.setId("reg-f-sex");
        birth.setId("reg-f-birth");
        Dialogs.isoDates(birth);
        modality.getItems().setAll(modalities);
        modality.setEditable(true);
        modality.setId("reg-f-modality");
        if (!modalities.isEmpty()) {
            modality.setValue(modalities.get(0));
        }
        priority.getItems().setAll("ROUTINE", "URGENT", "EMERGENCY");
        priority.setValue("ROUTINE");
        priority.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String p) {
                return p == null ? "" : i18n.get("reg.priority." + p);
            }

            @Override
            public String fromString(String text) {
                return priority.getItems().stream().filter(p -> toString(p).equals(text)).findFirst().orElse("ROUTINE");
            }
        });
        priority.setId("reg-f-priority");
        bookNow.setId("reg-f-book");
        bookNow.setSelected(true);
        bookNow.setText(i18n.get("reg.new.bookNow"));
        confirmed.setId("reg-f-confirmed");
        confirmed.setText(i18n.get("reg.new.confirmed"));
        same.setId("reg-same");
        same.setPrefHeight(120);
        same.setPlaceholder(new Label(i18n.get("reg.new.noSameName")));
        same.getColumns().setAll(List.of(
                Tables.column(i18n.get("reg.column.patientId"), s -> s.patient().patientId()),
                Tables.column(i18n.get("reg.column.sexAge"), s -> s.patient().sex() + " " + s.patient().birthDate()),
                Tables.column(i18n.get("reg.column.phone"), s -> s.patient().phone()),
                Tables.column(i18n.get("reg.column.pastExams"), s -> s.exams().stream()
                        .map(o -> o.accessionNumber() + " " + o.procedureText()).collect(Collectors.joining("; ")))));
        same.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        same.getSelectionModel().selectedItemProperty().addListener((o, was, picked) -> {
            if (picked != null) {
                usePatient(picked.patient());
            }
        });

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        Object[][] rows = {{"reg.f.id", id}, {"reg.f.name", name}, {"reg.f.sex", sex}, {"reg.f.birth", birth},
                {"reg.f.phone", phone}, {"reg.f.allergies", allergies}, {"reg.f.address", address},
                {"reg.f.exam", exam}, {"reg.f.modality", modality}, {"reg.f.diagnosis", diagnosis},
                {"reg.f.physician", physician}, {"reg.f.priority", priority}};
        for (int i = 0; i < rows.length; i++) {
            Label l = new Label(i18n.get((String) rows[i][0]));
            l.setLabelFor((Node) rows[i][1]);
            grid.addRow(i, l, (Node) rows[i][1]);
        }
        required(id, "reg.v.id");
        required(name, "reg.v.name");
        required(allergies, "reg.v.allergies");
        required(exam, "reg.v.exam");
        required(diagnosis, "reg.v.diagnosis");
        validation.registerValidator(phone, Validator.createRegexValidator(i18n.get("reg.v.phone"),
                "\\+?[0-9][0-9 -]{4,19}", Severity.ERROR));
        validation.registerValidator(modality, Validator.createEmptyValidator(i18n.get("reg.v.modality")));

        problem.setId("reg-f-problem");
        problem.getStyleClass().add("validation-problem");
        validation.validationResultProperty().addListener((o, was, now) -> problem.setText(
                now.getErrors().stream().findFirst().map(m -> m.getText()).orElse("")));
        Label sameTitle = new Label(i18n.get("reg.new.sameName"));
        dialog.getDialogPane().setContent(new VBox(8, grid, problem, sameTitle, same, confirmed, bookNow));
        ButtonType okType = Dialogs.ok(i18n);
        dialog.getDialogPane().getButtonTypes().setAll(okType, Dialogs.cancel(i18n));
        Button ok = (Button) dialog.getDialogPane().lookupButton(okType);
        ok.setId("reg-f-ok");
        // a new patient with the name of registered ones: the identity must have been checked
        BooleanBinding unconfirmedNamesake = Bindings.createBooleanBinding(() -> !same.getItems().isEmpty()
                        && same.getItems().stream().noneMatch(s -> s.patient().patientId().equals(id.getText().strip()))
                        && !confirmed.isSelected(),
                same.getItems(), id.textProperty(), confirmed.selectedProperty());
        confirmed.visibleProperty().bind(Bindings.isNotEmpty(same.getItems()));
        ok.disableProperty().bind(validation.invalidProperty().or(unconfirmedNamesake));
        PauseTransition typing = new PauseTransition(Duration.millis(250));
        typing.setOnFinished(e -> lookUpNamesakes());
        name.textProperty().addListener((o, was, now) -> typing.playFromStart());
        dialog.setResultConverter(b -> b == okType ? walkIn() : null);
    }

    private static TextField field(String fxId) {
        TextField f = new TextField();
        f.setId(fxId);
        f.setPrefColumnCount(28);
        return f;
    }

    private void required(Control c, String key) {
        validation.registerValidator(c, Validator.createEmptyValidator(i18n.get(key), Severity.ERROR));
    }

    private void lookUpNamesakes() {
        String typed = name.getText().strip();
        if (typed.isEmpty()) {
            same.getItems().clear();
            return;
        }
        service.run(d -> d.registrations().sameName(typed, "").stream()
                .map(p -> new SameName(p, d.registrations().ordersOf(p.patientId()))).toList())
                .whenComplete((found, error) -> {
                    if (error == null && typed.equals(name.getText().strip())) {
                        same.getItems().setAll(found);
                    }
                });
    }

    private void usePatient(Patient p) {
        id.setText(p.patientId());
        sex.setValue(p.sex().isEmpty() ? "O" : p.sex());
        birth.setValue(p.birthDate().length() == 8 ? java.time.LocalDate.parse(p.birthDate(),
                DateTimeFormatter.BASIC_ISO_DATE) : null);
        phone.setText(p.phone());
        allergies.setText(p.allergies());
        address.setText(p.address());
    }

    private WalkIn walkIn() {
        String birthDate = birth.getValue() == null ? "" : birth.getValue().format(DateTimeFormatter.BASIC_ISO_DATE);
        Patient p = new Patient(id.getText().strip(), name.getText().strip(), sex.getValue(), birthDate,
                phone.getText().strip(), allergies.getText().strip(), address.getText().strip());
        String m = modality.getEditor().getText() == null || modality.getEditor().getText().isBlank()
                ? modality.getValue() : modality.getEditor().getText();
        Order o = new Order(0, "", "", p.patientId(), "", exam.getText().strip(), m.strip().toUpperCase(),
                diagnosis.getText().strip(), physician.getText().strip(), priority.getValue(), "ORDERED", "MANUAL");
        return new WalkIn(p, o, bookNow.isSelected());
    }

    Optional<WalkIn> showAndWait() {
        return dialog.showAndWait();
    }

    static String display(Patient p) {
        return PersonNameFormat.registered(p.name());
    }
}
