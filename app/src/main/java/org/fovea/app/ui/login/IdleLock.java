package org.fovea.app.ui.login;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.effect.GaussianBlur;
import javafx.scene.input.InputEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.identity.LoginResult;
import org.fovea.reporting.identity.User;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Locks the workstation after a time without input (and on request): every window is blurred,
 * so no patient is readable from the corridor, and a dialog that only the same user's password
 * closes stands over them. Locking and unlocking are audited; wrong passwords count towards the
 * account's lockout like any login.
 */
public final class IdleLock {

    private final I18n i18n;
    private final User user;
    private final Authenticator auth;
    private final Executor worker;
    private final PauseTransition idle;
    private Dialog<Void> shown;

    public IdleLock(I18n i18n, User user, Duration after, Authenticator auth, Executor worker) {
        this.i18n = i18n;
        this.user = user;
        this.auth = auth;
        this.worker = worker;
        this.idle = new PauseTransition(after);
        idle.setOnFinished(e -> lock());
    }

    /**
     * Watches the input of every window of the workstation, those open now and those opened later
     * (the report editor): any key, click, move or scroll starts the idle time again.
     */
    public void watchAllWindows() {
        Window.getWindows().forEach(this::watch);
        Window.getWindows().addListener((javafx.collections.ListChangeListener<Window>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::watch);
            }
        });
        idle.playFromStart();
    }

    private void watch(Window w) {
        if (w.getProperties().putIfAbsent(IdleLock.class, Boolean.TRUE) == null) {
            w.addEventFilter(InputEvent.ANY, e -> {
                if (shown == null) {
                    idle.playFromStart();
                }
            });
        }
    }

    /** Stops watching the time (the session ends). */
    public void stop() {
        idle.stop();
        idle.setOnFinished(null);
    }

    public boolean locked() {
        return shown != null;
    }

    /** Locks now (the menu's Lock, or the idle time run out). */
    public void lock() {
        if (shown != null) {
            return;
        }
        idle.stop();
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null) {
                w.getScene().getRoot().setEffect(new GaussianBlur(40));
            }
        }
        CompletableFuture.runAsync(() -> auth.audit(user.login(), AuditAction.SESSION_LOCKED), worker);
        Dialog<Void> d = new Dialog<>();
        Window owner = Window.getWindows().stream().filter(Window::isShowing).findFirst().orElse(null);
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(i18n.get("lock.title"));
        PasswordField password = new PasswordField();
        password.setId("lock-password");
        Label message = new Label();
        message.setId("lock-message");
        message.getStyleClass().add("signature-invalid");
        d.getDialogPane().setContent(new VBox(8, new Label(i18n.format("lock.prompt", user.displayName(), user.login())),
                password, message));
        ButtonType unlock = new ButtonType(i18n.get("lock.unlock"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().add(unlock);
        Node button = d.getDialogPane().lookupButton(unlock);
        button.setId("lock-unlock");
        boolean[] open = {false};
        button.addEventFilter(ActionEvent.ACTION, e -> {
            if (open[0]) {
                return;
            }
            e.consume();
            char[] pw = password.getText().toCharArray();
            password.clear();
            CompletableFuture.supplyAsync(() -> auth.login(user.login(), pw, AuditAction.SESSION_UNLOCKED), worker)
                    .whenComplete((r, error) -> Platform.runLater(() -> {
                        if (r instanceof LoginResult.Success) {
                            open[0] = true;
                            ((javafx.scene.control.Button) button).fire();
                        } else {
                            message.setText(error != null ? error.getMessage()
                                    : LoginDialog.refusal(i18n, (LoginResult.Refused) r));
                        }
                    }));
        });
        // only the password closes it: not Escape, not the window's close button
        d.setOnCloseRequest(e -> {
            if (!open[0]) {
                e.consume();
            }
        });
        d.setOnHidden(e -> {
            shown = null;
            for (Window w : Window.getWindows()) {
                if (w.getScene() != null) {
                    w.getScene().getRoot().setEffect(null);
                }
            }
            idle.playFromStart();
        });
        shown = d;
        d.setOnShown(e -> password.requestFocus());
        d.show();
    }
}
