package org.fovea.app.ui.report;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.fovea.app.ui.alert.RaiseAlertDialog;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.Report;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.signature.ReportSignatures;
import org.fovea.reporting.workflow.SignOffAction;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The editor's part in the department's workflow for the logged-in user: the sign-off buttons and
 * the steps they take, the signatures' check beside them, and flagging a critical value. Without a
 * user there is none of it: the editor then finishes reports as a single-user workstation does.
 */
final class EditorWorkflow {

    /** What the workflow needs of the editor. FX thread. */
    interface Host {
        /** The report as last stored. */
        Report current();

        /** The report as on screen now. */
        Report onScreen();

        boolean dirty();

        /** Saves what is on screen and shows it as saved. */
        CompletableFuture<Report> save(Report r);

        /** A step was taken: the report is now this version. */
        void stepped(Report after);

        void setEditable(boolean editable);

        Stage stage();

        /** A sentence on the editor's status line. */
        void say(String text);
    }

    private final I18n i18n;
    private final ReportService service;
    private final User user;
    private final Host host;
    private final SignOffBar bar;
    private final Label signatures = new Label();

    EditorWorkflow(I18n i18n, ReportService service, User user, Host host) {
        this.i18n = i18n;
        this.service = service;
        this.user = user;
        this.host = host;
        this.bar = user == null ? null : new SignOffBar(i18n, user, this::takeStep);
        signatures.setId("report-signatures");
        signatures.setVisible(false);
        signatures.setManaged(false);
    }

    /** The sign-off buttons, or null without a user. */
    Node bar() {
        return bar == null ? null : bar.node();
    }

    Label signatures() {
        return signatures;
    }

    /** The editor's "Critical value..." button, for a user who may raise alerts. */
    Optional<Button> alertButton() {
        if (user == null || !user.may(Permission.RAISE_ALERT)) {
            return Optional.empty();
        }
        Button alert = new Button(i18n.get("report.raiseAlert"));
        alert.setOnAction(e -> raiseAlert());
        alert.setId("report-raise-alert");
        alert.getStyleClass().add("critical-button");
        alert.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return Optional.of(alert);
    }

    /**
     * A sign-off step on the text on screen: saved first when changed (so what is signed is what
     * the user sees), then the step taken on that version.
     */
    private CompletableFuture<Report> takeStep(SignOffAction action, String reason,
                                              char[] password) {
        // what is signed is what is on screen; a final report (an addendum) has nothing to save
        CompletableFuture<Report> base = host.dirty() && action != SignOffAction.ADDENDUM ? host.save(host.onScreen())
                : CompletableFuture.completedFuture(host.current());
        return base.thenCompose(seen -> service.step(seen, user, action, reason, password)).whenComplete((after, error) -> {
            if (error != null) {
                Alerts.error(host.stage().getScene().getRoot(), i18n, "error.report", error);
                refresh(host.current());
                return;
            }
            host.stepped(after);
            host.say(i18n.format("signoff.done", i18n.get("report.status." + after.status().name()), after.version()));
            refresh(after);
        });
    }

    /** Flags a critical value in this report: the clinician is alerted at once (P9). */
    private void raiseAlert() {
        Report r = host.current();
        if (r == null || r.id() == 0) {
            return;
        }
        service.criticalValues().thenCombine(service.users(), (values, users) ->
                RaiseAlertDialog.ask(i18n, host.stage(), values, users)).thenCompose(choice -> choice.isEmpty()
                ? CompletableFuture.completedFuture(null)
                : service.raise(r, user, choice.get().finding(), choice.get().recipient(), choice.get().backup(),
                        choice.get().head(), choice.get().note()).thenApply(a -> {
                            host.say(i18n.format("report.alertSent", a.finding(), a.recipient()));
                            return a;
                        })).whenComplete((a, error) -> {
                            if (error != null) {
                                Alerts.error(host.stage().getScene().getRoot(), i18n, "alerts.error", error);
                            }
                        });
    }

    /** The sign-off steps this user may take now, and the report's signatures checked. */
    void refresh(Report r) {
        if (r == null || r.id() == 0) {
            return;
        }
        if (bar != null) {
            service.signOffState(r.id()).thenCombine(service.levelsFor(r), (st, levels) -> {
                if (host.current() != null && host.current().id() == r.id()) {
                    // a report this user may not change now (signed, or waiting for someone else) is read-only
                    host.setEditable(bar.show(st, levels));
                }
                return null;
            });
        }
        service.verify(r.id()).whenComplete((v, error) -> {
            if (error != null || host.current() == null || host.current().id() != r.id()) {
                return;
            }
            boolean any = !v.signatures().isEmpty() || !v.problems().isEmpty();
            signatures.setVisible(any);
            signatures.setManaged(any);
            signatures.getStyleClass().removeAll("signature-valid", "signature-invalid");
            signatures.getStyleClass().add(v.valid() ? "signature-valid" : "signature-invalid");
            signatures.setText(v.valid() ? i18n.format("signoff.valid", v.signatures().size())
                    : i18n.format("signoff.invalid", firstProblem(v)));
        });
    }

    private static String firstProblem(ReportSignatures.Verification v) {
        if (!v.problems().isEmpty()) {
            return v.problems().get(0);
        }
        return v.signatures().stream().filter(c -> !c.valid()).map(c -> "level " + c.level() + " (" + c.login() + "): "
                + c.problem()).findFirst().orElse("");
    }

}
