package org.fovea.app.ui.admin;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.fovea.app.ui.WorkstationWindow;
import org.fovea.app.view.DemoArchive;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.audit.AuditRecord;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcSignOffs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * The administrator's page in the real window: a user added, disabled; the department CA created
 * through its dialogs; two sign-off levels raised to three for CT; the audit log checked; every
 * change in the database and audited as the administrator's.
 */
@ExtendWith(ApplicationExtension.class)
class AdminWindowTest {

    private static DemoArchive demo;
    private static User admin;

    @BeforeAll
    static void department() throws Exception {
        demo = new DemoArchive();
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            admin = new Users(db).create("admin", "管理员", Role.ADMINISTRATOR, "Admin-2026x".toCharArray());
        }
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private static void ok(FxRobot robot) {
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals(ButtonType.OK.getText()))
                .queryButton());
    }

    @Test
    void anAdministratorAddsAndDisablesAUserCreatesTheCaAndSetsTheLevels(FxRobot robot) throws Exception {
        WorkstationWindow[] w = new WorkstationWindow[1];
        Stage[] stage = new Stage[1];
        robot.interact(() -> {
            w[0] = new WorkstationWindow(demo.archive, demo.home, Locale.ENGLISH);
            w[0].setUser(admin);
            stage[0] = new Stage();
            w[0].show(stage[0]);
        });
        robot.clickOn("Administration");
        waitUntil(() -> onFx(() -> w[0].session().admin().usersTable().getItems().size() == 1));

        robot.clickOn("#admin-add");
        robot.clickOn("#admin-new-login").write("sun");
        robot.clickOn("#admin-new-name").write("Sun Li");
        @SuppressWarnings("unchecked")
        ComboBox<Role> role = robot.lookup("#admin-new-role").queryAs(ComboBox.class);
        robot.interact(() -> role.setValue(Role.SENIOR_RADIOLOGIST));
        robot.clickOn("#admin-new-password").write("Sun-2026-read");
        robot.clickOn("#admin-new-ok");
        waitUntil(() -> onFx(() -> w[0].session().admin().usersTable().getItems().stream().anyMatch(u -> u.login().equals("sun"))));

        robot.interact(() -> w[0].session().admin().usersTable().getSelectionModel().select(
                w[0].session().admin().usersTable().getItems().stream().filter(u -> u.login().equals("sun")).findFirst().orElseThrow()));
        robot.clickOn("#admin-disable");
        waitUntil(() -> onFx(() -> w[0].session().admin().usersTable().getItems().stream()
                .anyMatch(u -> u.login().equals("sun") && !u.active())));

        robot.clickOn("#admin-create-ca");
        ok(robot);
        ok(robot);
        robot.clickOn("#admin-ask-password").write("Ca-secret-2026");
        ok(robot);
        waitUntil(() -> onFx(() -> robot.lookup("#admin-ca").queryAs(Label.class).getText()).startsWith("Department CA:"));

        robot.clickOn("Sign-off and deadlines");
        robot.clickOn("#admin-levels-by-modality").write("CT=3");
        robot.clickOn("#admin-save-rules");
        try (ReportingDatabase db = ReportingDatabase.forHome(demo.home)) {
            waitUntil(() -> new JdbcSignOffs(db, null).policy().levelsFor("CT", "") == 3);
            assertThat(new JdbcSignOffs(db, null).policy().levelsFor("DX", "")).isEqualTo(2);
            assertThat(new Users(db).find("sun").orElseThrow().active()).isFalse();
            assertThat(new SigningKeys(db).caCertificate()).isPresent();
            assertThat(new AuditLog(db).search(null, null, "admin", null, 100)).extracting(AuditRecord::action)
                    .contains("USER_ADDED", "USER_CHANGED", "SETTINGS_CHANGED");
        }

        robot.clickOn("Audit log");
        robot.clickOn("#admin-audit-verify");
        waitUntil(() -> onFx(() -> robot.lookup("#admin-audit-state").queryAs(Label.class).getText())
                .startsWith("Chain intact"));
        robot.interact(() -> {
            w[0].close();
            stage[0].hide();
        });
    }
}
