package org.fovea.app.ui.report;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.Report;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.workflow.SignOff;
import org.fovea.reporting.workflow.SignOffAction;
import org.fovea.reporting.workflow.SignOffRefused;
import org.fovea.reporting.workflow.SignOffState;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The editor's sign-off buttons for the logged-in user: issue preliminary, submit (the author's
 * signature), approve (a reviewer's signature; final at the last level), return and recall (with
 * a reason). Only the steps the rules allow this user now are enabled. A signature asks for the
 * user's password, which unlocks their key for that one signature.
 */
final class SignOffBar {

    /** What the editor does for a step: save what is on screen, then take the step on that version. */
    interface Steps {
        CompletableFuture<Report> take(SignOffAction action, String reason, char[] password);
    }

    private final I18n i18n;
    private final User user;
    private final Steps steps;
    private final HBox root = new HBox(8);
    private final Map<SignOffAction, Button> buttons = new EnumMap<>(SignOffAction.class);
    private Function<Node, javafx.stage.Window> owner = n -> n.getScene() == null ? null : n.getScene().getWindow();

    SignOffBar(I18n i18n, User user, Steps steps) {
        this.i18n = i18n;
        this.user = user;
        this.steps = steps;
        for (SignOffAction a : new SignOffAction[] {SignOffAction.ISSUE_PRELIMINARY, SignOffAction.SUBMIT,
                SignOffAction.APPROVE, SignOffAction.RETURN, SignOffAction.RECALL, SignOffAction.ADDENDUM}) {
            Button b = new Button(i18n.get("signoff." + a.name()));
            b.setId("signoff-" + a.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            b.setOnAction(e -> run(a));
            b.setDisable(true);
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            buttons.put(a, b);
            root.getChildren().add(b);
        }
    }

    Node node() { return root; }

    /**
     * Enables the steps the rules allow this user on a report in this state.
     *
     * @return whether this user may change the report's text now
     */
    boolean show(SignOffState state, int departmentLevels) {
        buttons.forEach((action, b) -> {
            boolean allowed;
            try {
                SignOff.apply(state, user, action, departmentLevels, "—");
                allowed = true;
            } catch (SignOffRefused e) {
                allowed = false;
            }
            b.setDisable(!allowed);
        });
        // at the last level, approving is signing final: say so on the button
        boolean last = state.levels() > 0 && state.nextLevel() == state.levels();
        buttons.get(SignOffAction.APPROVE).setText(i18n.get(last ? "signoff.SIGN_FINAL" : "signoff.APPROVE"));
        try {
            SignOff.apply(state, user, SignOffAction.EDIT, departmentLevels, null);
            return true;
        } catch (SignOffRefused e) {
            return false;
        }
    }

    void disableAll() {
        buttons.values().forEach(b -> b.setDisable(true));
    }

    private void run(SignOffAction a) {
        String reason = null;
        if (a == SignOffAction.RETURN || a == SignOffAction.RECALL || a == SignOffAction.ADDENDUM) {
            TextInputDialog d = new TextInputDialog();
            d.initOwner(owner.apply(root));
            d.setTitle(i18n.get("signoff." + a.name()));
            d.setHeaderText(i18n.get(a == SignOffAction.ADDENDUM ? "signoff.addendumText" : "signoff.reason"));
            d.getEditor().setId("signoff-reason");
            Optional<String> r = d.showAndWait();
            if (r.isEmpty() || r.get().isBlank()) {
                return;
            }
            reason = r.get().strip();
        }
        char[] password = null;
        if (a == SignOffAction.SUBMIT || a == SignOffAction.APPROVE || a == SignOffAction.ADDENDUM) {
            Optional<char[]> p = askPassword(a);
            if (p.isEmpty()) {
                return;
            }
            password = p.get();
        }
        disableAll();
        steps.take(a, reason, password);
    }

    /** The user's password for one signature (their key opens with it). */
    private Optional<char[]> askPassword(SignOffAction a) {
        Dialog<char[]> d = new Dialog<>();
        d.initOwner(owner.apply(root));
        d.setTitle(i18n.get("signoff.signTitle"));
        PasswordField field = new PasswordField();
        field.setId("signoff-password");
        d.getDialogPane().setContent(new VBox(8, new Label(i18n.format("signoff.signPrompt", user.displayName(),
                buttons.get(a).getText())), field));
        ButtonType sign = new ButtonType(i18n.get("signoff.sign"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(sign, ButtonType.CANCEL);
        d.setResultConverter(bt -> bt == sign ? field.getText().toCharArray() : null);
        d.setOnShown(e -> field.requestFocus());
        return d.showAndWait();
    }
}
