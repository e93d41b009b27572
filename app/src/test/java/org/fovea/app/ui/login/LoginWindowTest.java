package org.fovea.app.ui.login;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Threads;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.audit.AuditRecord;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.app.ui.FxWait.onFx;
import static org.fovea.app.ui.FxWait.waitUntil;

/**
 * The login dialog in the real window (a wrong password says how many attempts are left, the
 * right one logs in, both audited) and the idle lock (after the idle time the windows are
 * blurred behind a dialog that another user's password does not open, and the user's own does).
 */
@ExtendWith(ApplicationExtension.class)
class LoginWindowTest {

    @TempDir
    Path home;
    private ReportingDatabase db;
    private final ExecutorService worker = Threads.pool("test-login", 1);
    private final I18n i18n = new I18n(Locale.ENGLISH);

    @BeforeEach
    void users() {
        db = ReportingDatabase.embedded(home);
        Users users = new Users(db);
        users.create("li", "李明", Role.JUNIOR_RADIOLOGIST, "Li-2026-write".toCharArray());
        users.create("zhang", "张伟", Role.SENIOR_RADIOLOGIST, "Zw-2026-read".toCharArray());
    }

    @AfterEach
    void close() {
        worker.shutdown();
        db.close();
    }

    @Test
    void aWrongPasswordSaysTheAttemptsLeftAndTheRightOneLogsIn(FxRobot robot) throws Exception {
        Authenticator auth = new Authenticator(db);
        CompletableFuture<Optional<User>> result = new CompletableFuture<>();
        robot.interact(() -> {
            LoginDialog d = new LoginDialog(i18n, null, auth, worker);
            d.dialog().setOnHidden(e -> result.complete(Optional.ofNullable(d.dialog().getResult())));
            d.dialog().show();
        });
        robot.clickOn("#login-name").write("li");
        robot.clickOn("#login-password").write("not-it-2026");
        robot.clickOn("#login-ok");
        waitUntil(() -> onFx(() -> robot.lookup("#login-message").queryAs(Label.class).getText())
                .equals("Wrong login or password (4 attempts left before the account locks)"));
        robot.clickOn("#login-password").write("Li-2026-write");
        robot.clickOn("#login-ok");
        Optional<User> who = result.get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(who).map(User::login).contains("li");
        assertThat(new AuditLog(db).search(null, null, "li", null, 10)).extracting(AuditRecord::action)
                .containsExactly("LOGIN_REFUSED", "LOGIN");
    }

    @Test
    void anIdleWorkstationLocksAndOnlyItsUsersPasswordUnlocksIt(FxRobot robot) throws Exception {
        Authenticator auth = new Authenticator(db);
        User li = new Users(db).find("li").orElseThrow();
        Stage[] stage = new Stage[1];
        IdleLock[] lock = new IdleLock[1];
        robot.interact(() -> {
            stage[0] = new Stage();
            stage[0].setScene(new javafx.scene.Scene(new Label("患者 王建国 胸部CT"), 400, 300));
            stage[0].show();
            lock[0] = new IdleLock(i18n, li, Duration.seconds(1), auth, worker);
            lock[0].watchAllWindows();
        });
        waitUntil(() -> onFx(() -> lock[0].locked()));
        assertThat(onFx(() -> stage[0].getScene().getRoot().getEffect())).as("the patient is blurred").isNotNull();
        robot.clickOn("#lock-password").write("Zw-2026-read");
        robot.clickOn("#lock-unlock");
        waitUntil(() -> onFx(() -> robot.lookup("#lock-message").queryAs(Label.class).getText()).startsWith("Wrong"));
        assertThat(onFx(() -> lock[0].locked())).isTrue();
        robot.clickOn("#lock-password").write("Li-2026-write");
        robot.clickOn("#lock-unlock");
        waitUntil(() -> onFx(() -> !lock[0].locked()));
        assertThat(onFx(() -> stage[0].getScene().getRoot().getEffect())).isNull();
        assertThat(new AuditLog(db).search(null, null, "li", null, 10)).extracting(AuditRecord::action)
                .containsSubsequence("SESSION_LOCKED", "LOGIN_REFUSED", "SESSION_UNLOCKED");
        robot.interact(() -> {
            lock[0].stop();
            stage[0].hide();
        });
    }
}
