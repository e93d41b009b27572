package org.fovea.app.ui.admin;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Tables;
import org.fovea.app.ui.report.ReportService;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditRecord;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.signature.Algorithm;
import org.fovea.reporting.workflow.SignOffPolicy;
import org.fovea.reporting.workflow.Turnaround;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The administrator's page (Q1, Q2): the department's users (add, role, disable or enable,
 * unlock, new password, signing key), the department CA, the sign-off levels and turnaround
 * deadlines, and the audit log with its chain checked. Every change is audited as the
 * administrator's.
 */
public final class AdminView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final I18n i18n;
    private final ReportService service;
    private final User admin;
    private final TabPane root = new TabPane();
    private final TableView<User> users = new TableView<>();
    private final TableView<AuditRecord> audit = new TableView<>();
    private final Label caLabel = new Label();
    private Button createCa;
    private final Label auditState = new Label();
    private final Spinner<Integer> levels = new Spinner<>(1, 3, 2);
    private final TextField byModality = new TextField();
    private final Spinner<Integer> emergency = new Spinner<>(1, 10_000, 30);
    private final Spinner<Integer> inpatient = new Spinner<>(1, 100_000, 1440);
    private final Spinner<Integer> outpatient = new Spinner<>(1, 100_000, 2880);

    public AdminView(I18n i18n, ReportService service, User admin) {
        this.i18n = i18n;
        this.service = service;
        this.admin = admin;
        root.setId("admin-tabs");
        root.getTabs().addAll(tab("admin.users", usersPage()), tab("admin.rules", rulesPage()), tab("admin.audit", auditPage()));
        refresh();
    }

    public Node node() { return root; }

    public TableView<User> usersTable() { return users; }

    private Tab tab(String key, Node content) {
        Tab t = new Tab(i18n.get(key), content);
        t.setClosable(false);
        return t;
    }

    private Node usersPage() {
        users.setId("admin-users");
        users.getColumns().add(column("admin.login", User::login));
        users.getColumns().add(column("admin.name", User::displayName));
        users.getColumns().add(column("admin.role", u -> u.role().chinese() + " / " + u.role().typed()));
        users.getColumns().add(column("admin.active", u -> i18n.get(u.active() ? "admin.yes" : "admin.no")));
        users.getColumns().add(column("admin.locked", u -> u.lockedUntil().toEpochMilli() == 0 ? ""
                : TIME.format(u.lockedUntil())));
        HBox buttons = new HBox(8, button("admin.add", "admin-add", this::add), button("admin.setRole", "admin-role", this::role),
                button("admin.disable", "admin-disable", () -> active(false)),
                button("admin.enable", "admin-enable", () -> active(true)),
                button("admin.unlock", "admin-unlock", this::unlock),
                button("admin.password", "admin-password", this::password),
                button("admin.issueKey", "admin-issue-key", this::issueKey));
        caLabel.setId("admin-ca");
        users.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        createCa = button("admin.createCa", "admin-create-ca", this::createCa);
        HBox ca = new HBox(8, caLabel, createCa);
        VBox page = new VBox(8, users, buttons, ca);
        page.setPadding(new Insets(8));
        return page;
    }

    private Node rulesPage() {
        levels.setId("admin-levels");
        byModality.setId("admin-levels-by-modality");
        byModality.setPromptText("CT=3, DX=1");
        emergency.setId("admin-emergency");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label(i18n.get("admin.levels")), levels);
        g.addRow(1, new Label(i18n.get("admin.levelsByModality")), byModality);
        g.addRow(2, new Label(i18n.get("admin.emergencyMinutes")), emergency);
        g.addRow(3, new Label(i18n.get("admin.inpatientMinutes")), inpatient);
        g.addRow(4, new Label(i18n.get("admin.outpatientMinutes")), outpatient);
        g.add(button("admin.save", "admin-save-rules", this::saveRules), 1, 5);
        g.setPadding(new Insets(8));
        return g;
    }

    private Node auditPage() {
        audit.setId("admin-audit");
        audit.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        audit.getColumns().add(columnA("admin.seq", r -> Long.toString(r.seq())));
        audit.getColumns().add(columnA("history.time", r -> TIME.format(r.at())));
        audit.getColumns().add(columnA("admin.login", AuditRecord::user));
        audit.getColumns().add(columnA("history.workstation", AuditRecord::workstation));
        audit.getColumns().add(columnA("admin.action", AuditRecord::action));
        audit.getColumns().add(columnA("admin.object", r -> r.objectType() + " " + r.objectId()));
        audit.getColumns().add(columnA("admin.detail", AuditRecord::detail));
        TextField who = new TextField();
        who.setPromptText(i18n.get("admin.login"));
        auditState.setId("admin-audit-state");
        Button search = button("search.button", "admin-audit-search", () -> searchAudit(who.getText()));
        Button verify = button("admin.verify", "admin-audit-verify", this::verifyAudit);
        VBox page = new VBox(8, new HBox(8, who, search, verify, auditState), audit);
        page.setPadding(new Insets(8));
        return page;
    }

    private TableColumn<User, String> column(String key, Function<User, String> value) {
        return Tables.column(i18n.get(key), value);
    }

    private TableColumn<AuditRecord, String> columnA(String key, Function<AuditRecord, String> value) {
        return Tables.column(i18n.get(key), value);
    }

    private Button button(String key, String id, Runnable action) {
        return Tables.button(i18n.get(key), id, action);
    }

    /** Reads the users, the CA and the rules again. */
    public void refresh() {
        service.allUsers().thenAccept(list -> users.getItems().setAll(list));
        service.caCertificate().thenAccept(ca -> {
            caLabel.setText(ca.map(c -> i18n.format("admin.caIs", c.getSubjectX500Principal().getName()))
                    .orElse(i18n.get("admin.noCa")));
            // the department has one CA: its certificates would no longer chain to a second
            createCa.setDisable(ca.isPresent());
        });
        service.departmentRules().thenAccept(r -> {
            levels.getValueFactory().setValue(r.signOff().defaultLevels());
            StringBuilder b = new StringBuilder();
            r.signOff().byModality().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            byModality.setText(b.toString());
            emergency.getValueFactory().setValue(r.turnaround().emergencyMinutes());
            inpatient.getValueFactory().setValue(r.turnaround().inpatientMinutes());
            outpatient.getValueFactory().setValue(r.turnaround().outpatientMinutes());
        });
    }

    private Optional<User> selected() {
        return Optional.ofNullable(users.getSelectionModel().getSelectedItem());
    }

    private void done(CompletableFuture<?> f) {
        f.whenComplete((v, error) -> {
            if (error != null) {
                Alerts.error(root, i18n, "admin.failed", error);
            }
            refresh();
        });
    }

    private void add() {
        Dialog<String[]> d = new Dialog<>();
        d.initOwner(root.getScene().getWindow());
        d.setTitle(i18n.get("admin.add"));
        TextField login = new TextField();
        login.setId("admin-new-login");
        TextField name = new TextField();
        name.setId("admin-new-name");
        ComboBox<Role> role = new ComboBox<>();
        role.getItems().setAll(Role.values());
        role.setId("admin-new-role");
        PasswordField password = new PasswordField();
        password.setId("admin-new-password");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label(i18n.get("admin.login")), login);
        g.addRow(1, new Label(i18n.get("admin.name")), name);
        g.addRow(2, new Label(i18n.get("admin.role")), role);
        g.addRow(3, new Label(i18n.get("login.password")), password);
        d.getDialogPane().setContent(g);
        ButtonType ok = new ButtonType(i18n.get("admin.add"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ok).setId("admin-new-ok");
        d.setResultConverter(bt -> bt == ok && role.getValue() != null
                ? new String[] {login.getText(), name.getText(), role.getValue().name(), password.getText()} : null);
        d.showAndWait().ifPresent(v -> done(service.changeUsers(admin, AuditAction.USER_ADDED, v[0],
                v[1] + ", " + Role.valueOf(v[2]).typed(), u -> u.create(v[0], v[1], Role.valueOf(v[2]), v[3].toCharArray()))));
    }

    private void role() {
        selected().ifPresent(u -> {
            ChoiceDialog<Role> d = new ChoiceDialog<>(u.role(), Role.values());
            d.initOwner(root.getScene().getWindow());
            d.setHeaderText(u.displayName() + " (" + u.login() + ")");
            d.showAndWait().ifPresent(r -> done(service.changeUsers(admin, AuditAction.USER_CHANGED, u.login(),
                    "role " + r.typed(), us -> us.setRole(u.login(), r))));
        });
    }

    private void active(boolean active) {
        selected().ifPresent(u -> done(service.changeUsers(admin, AuditAction.USER_CHANGED, u.login(),
                active ? "enabled" : "disabled", us -> us.setActive(u.login(), active))));
    }

    private void unlock() {
        selected().ifPresent(u -> done(service.changeUsers(admin, AuditAction.USER_CHANGED, u.login(), "unlocked",
                us -> us.unlock(u.login()))));
    }

    private void password() {
        selected().ifPresent(u -> askPassword(i18n.format("admin.newPasswordFor", u.login())).ifPresent(p ->
                done(service.changeUsers(admin, AuditAction.USER_CHANGED, u.login(), "password set",
                        us -> us.changePassword(u.login(), p)))));
    }

    private void issueKey() {
        selected().ifPresent(u -> {
            ChoiceDialog<Algorithm> algorithm = new ChoiceDialog<>(Algorithm.RSA, Algorithm.values());
            algorithm.initOwner(root.getScene().getWindow());
            algorithm.setHeaderText(i18n.format("admin.keyFor", u.displayName()));
            algorithm.showAndWait().ifPresent(a -> askPassword(i18n.get("admin.caPassword")).ifPresent(ca ->
                    askPassword(i18n.format("admin.userPassword", u.login())).ifPresent(own ->
                            done(service.issueKey(admin, u.login(), a, ca, own)))));
        });
    }

    private void createCa() {
        Dialog<String> name = new javafx.scene.control.TextInputDialog(i18n.get("admin.caDefaultName"));
        name.initOwner(root.getScene().getWindow());
        name.setHeaderText(i18n.get("admin.createCa"));
        name.showAndWait().ifPresent(n -> {
            ChoiceDialog<Algorithm> algorithm = new ChoiceDialog<>(Algorithm.RSA, Algorithm.values());
            algorithm.initOwner(root.getScene().getWindow());
            algorithm.showAndWait().ifPresent(a -> askPassword(i18n.get("admin.caPassword")).ifPresent(p ->
                    done(service.createCa(admin, a, n, p))));
        });
    }

    private Optional<char[]> askPassword(String prompt) {
        Dialog<char[]> d = new Dialog<>();
        d.initOwner(root.getScene().getWindow());
        d.setHeaderText(prompt);
        PasswordField field = new PasswordField();
        field.setId("admin-ask-password");
        d.getDialogPane().setContent(field);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(bt -> bt == ButtonType.OK ? field.getText().toCharArray() : null);
        d.setOnShown(e -> field.requestFocus());
        return d.showAndWait();
    }

    private void saveRules() {
        Map<String, Integer> modality = new LinkedHashMap<>();
        try {
            for (String part : byModality.getText().split(",")) {
                if (!part.isBlank()) {
                    String[] kv = part.split("=");
                    modality.put(kv[0].strip().toUpperCase(java.util.Locale.ROOT), Integer.parseInt(kv[1].strip()));
                }
            }
            ReportService.DepartmentRules rules = new ReportService.DepartmentRules(
                    new SignOffPolicy(levels.getValue(), modality, Map.of()),
                    new Turnaround(emergency.getValue(), inpatient.getValue(), outpatient.getValue()));
            done(service.setDepartmentRules(admin, rules));
        } catch (RuntimeException e) {
            Alerts.error(root, i18n, "admin.failed", new IllegalArgumentException(i18n.get("admin.levelsFormat"), e));
        }
    }

    private void searchAudit(String who) {
        service.auditSearch(null, null, who).thenAccept(list -> audit.getItems().setAll(list));
    }

    private void verifyAudit() {
        service.auditVerify().thenAccept(c -> {
            auditState.getStyleClass().removeAll("signature-valid", "signature-invalid");
            auditState.getStyleClass().add(c.intact() ? "signature-valid" : "signature-invalid");
            auditState.setText(c.intact() ? i18n.format("admin.auditIntact", c.checked())
                    : i18n.format("admin.auditBroken", String.join("; ", c.problems())));
        });
    }
}
