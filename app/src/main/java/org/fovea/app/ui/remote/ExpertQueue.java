package org.fovea.app.ui.remote;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Tables;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.center.CenterRequest;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Remote diagnosis tab of an expert (or coordinator) at the center (D3, D4, D7): the requests
 * assigned to them, waiting in their group's queue, or forwarded to their group for consultation,
 * urgent first; Claim and Release; Retrieve and open (the study from the center's image store
 * into this workstation, then the viewer, where the expert reports and signs as usual, in the
 * center's reporting database); Return with a reason, Ask for images, Consult another group.
 */
final class ExpertQueue {

    private final I18n i18n;
    private final RemoteService service;
    private final Consumer<String> openStudy;
    private final Consumer<String> said;
    private final TableView<CenterRequest> table = new TableView<>();
    private final BorderPane root;

    /**
     * @param openStudy opens a study of the local archive in the viewer (by Study Instance UID)
     * @param said      one line on what happened, for the tab's status line
     */
    ExpertQueue(I18n i18n, RemoteService service, Consumer<String> openStudy, Consumer<String> said) {
        this.i18n = i18n;
        this.service = service;
        this.openStudy = openStudy;
        this.said = said;
        table.setId("remote-queue");
        table.getColumns().setAll(java.util.List.of(
                Tables.column(i18n.get("remote.column.hospital"), CenterRequest::hospital),
                Tables.column(i18n.get("remote.column.patient"), r -> PersonNameFormat.display(r.patientName())),
                Tables.column(i18n.get("remote.column.exam"), r -> r.modality() + " " + r.bodyPart() + "  "
                        + r.examDescription()),
                Tables.column(i18n.get("remote.column.urgency"), r -> i18n.get("remote.urgency." + r.urgency().name())),
                Tables.column(i18n.get("remote.column.state"), r -> i18n.get("remote.state." + r.state().name())
                        + (r.assignedTo() == null ? "" : " → " + r.assignedTo())),
                Tables.column(i18n.get("remote.question"), CenterRequest::question)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(i18n.get("remote.queueEmpty")));
        HBox buttons = new HBox(8,
                button("remote.claim", "remote-claim", r -> act(service.atCenter(c -> c.claim(r.id())))),
                button("remote.release", "remote-release", r -> reason("remote.release").ifPresent(why ->
                        act(service.atCenter(c -> c.release(r.id(), why))))),
                button("remote.open", "remote-open", this::retrieveAndOpen),
                button("remote.giveBack", "remote-give-back", r -> reason("remote.giveBack").ifPresent(why ->
                        act(service.atCenter(c -> c.giveBack(r.id(), why))))),
                button("remote.askImages", "remote-ask-images", r -> reason("remote.askImages").ifPresent(what ->
                        act(service.atCenter(c -> c.askForImages(r.id(), what))))),
                button("remote.consult", "remote-consult", r -> reason("remote.consultGroup").ifPresent(group ->
                        reason("remote.consultQuestion").ifPresent(q -> act(service.atCenter(c -> {
                            c.consult(r.id(), group, q);
                            return r;
                        }))))));
        buttons.setPadding(new Insets(0, 8, 8, 8));
        root = new BorderPane(table, null, null, buttons, null);
    }

    Node node() { return root; }

    TableView<CenterRequest> table() { return table; }

    /** The account's requests at the center, asked again. */
    void refresh() {
        service.atCenter(c -> c.requests()).whenComplete((all, error) -> {
            if (error == null) {
                CenterRequest selected = table.getSelectionModel().getSelectedItem();
                table.getItems().setAll(all);
                if (selected != null) {
                    all.stream().filter(r -> r.id().equals(selected.id())).findFirst()
                            .ifPresent(r -> table.getSelectionModel().select(r));
                }
            }
        });
    }

    private Button button(String key, String id, Consumer<CenterRequest> action) {
        Button b = Tables.button(i18n.get(key), id, () -> {
            CenterRequest r = table.getSelectionModel().getSelectedItem();
            if (r != null) {
                action.accept(r);
            }
        });
        b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        return b;
    }

    private void act(CompletableFuture<CenterRequest> change) {
        change.whenComplete((r, error) -> {
            if (error != null) {
                Alerts.error(table, i18n, "remote.queue", error);
            } else {
                said.accept(PersonNameFormat.display(r.patientName()) + " (" + r.hospital() + "): "
                        + i18n.get("remote.state." + r.state().name()).toLowerCase(Locale.ROOT));
            }
            refresh();
        });
    }

    private void retrieveAndOpen(CenterRequest r) {
        said.accept(i18n.get("remote.retrieving") + " " + PersonNameFormat.display(r.patientName()));
        service.retrieve(r.studyUid()).whenComplete((report, error) -> {
            if (error != null) {
                Alerts.error(table, i18n, "remote.open", error);
            } else {
                said.accept(i18n.get("remote.retrieved") + " " + (report.received() + report.alreadyPresent()));
                openStudy.accept(r.studyUid());
            }
        });
    }

    /** Asks one line of text (a reason, a group, a question); empty when cancelled or blank. */
    private Optional<String> reason(String key) {
        TextInputDialog d = new TextInputDialog();
        Dialogs.style(d, table, i18n);
        d.setHeaderText(i18n.get(key));
        d.getEditor().setId("remote-reason");
        d.getDialogPane().getButtonTypes().setAll(Dialogs.ok(i18n), Dialogs.cancel(i18n));
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }
}
