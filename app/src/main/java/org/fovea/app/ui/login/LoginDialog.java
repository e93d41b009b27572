package org.fovea.app.ui.login;

import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Theme;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.identity.LoginResult;
import org.fovea.reporting.identity.User;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The login at the workstation's start: login and password, checked off the FX thread; a refusal
 * says why (wrong login or password with the attempts left, locked until when, disabled) and the
 * dialog stays. Closing it ends the workstation.
 */
public final class LoginDialog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final Dialog<User> dialog = new Dialog<>();
    private final TextField login = new TextField();
    private final PasswordField password = new PasswordField();
    private final Label message = new Label();

    public LoginDialog(I18n i18n, Window owner, Authenticator auth, Executor worker) {
        dialog.setTitle(i18n.get("login.title"));
        dialog.setHeaderText(i18n.get("login.header"));
        if (owner != null) {
            dialog.initOwner(owner);
        }
        login.setId("login-name");
        password.setId("login-password");
        message.setId("login-message");
        message.setWrapText(true);
        message.getStyleClass().add("signature-invalid");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label(i18n.get("login.name")), login);
        grid.addRow(1, new Label(i18n.get("login.password")), password);
        grid.add(message, 0, 2, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getStylesheets().add(Theme.stylesheet());
        ButtonType ok = new ButtonType(i18n.get("login.ok"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        Node okButton = dialog.getDialogPane().lookupButton(ok);
        okButton.setId("login-ok");
        User[] loggedIn = new User[1];
        okButton.addEventFilter(ActionEvent.ACTION, e -> {
            if (loggedIn[0] != null) {
                return;
            }
            e.consume();
            String who = login.getText().strip();
            char[] pw = password.getText().toCharArray();
            okButton.setDisable(true);
            message.setText(i18n.get("login.checking"));
            CompletableFuture.supplyAsync(() -> auth.login(who, pw, AuditAction.LOGIN), worker).whenComplete((r, error) ->
                    Platform.runLater(() -> {
                        okButton.setDisable(false);
                        password.clear();
                        if (error != null) {
                            message.setText(error.getMessage());
                        } else if (r instanceof LoginResult.Success s) {
                            loggedIn[0] = s.user();
                            ((javafx.scene.control.Button) okButton).fire();
                        } else {
                            message.setText(refusal(i18n, (LoginResult.Refused) r));
                            password.requestFocus();
                        }
                    }));
        });
        dialog.setResultConverter(bt -> bt == ok ? loggedIn[0] : null);
        dialog.setOnShown(e -> login.requestFocus());
    }

    /** Why a login was refused, in the user's words. */
    static String refusal(I18n i18n, LoginResult.Refused r) {
        return switch (r.reason()) {
            case WRONG_LOGIN_OR_PASSWORD -> i18n.format("login.wrong", r.attemptsLeft());
            case LOCKED -> i18n.format("login.locked", TIME.format(r.lockedUntil()));
            case DISABLED -> i18n.get("login.disabled");
        };
    }

    public Dialog<User> dialog() {
        return dialog;
    }
}
