package org.fovea.app.ui.remote;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Tables;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.center.client.Outbox;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudySummary;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The window's Remote diagnosis tab, a grassroots hospital's side (D1, D2, D5, D9): each request
 * of the outbox with its state as the doctor follows it (queued, sending n/N, received, assigned,
 * in review, reported) and its problem in one sentence; Connect gives the doctor's password at
 * the center, after which the outbox is sent in the background and progress and reports arrive
 * as the center pushes them; a reported request shows its report, checked against the center's
 * CA, and is filed into the local study. Studies are submitted from the study list.
 */
public final class RemotePage implements AutoCloseable {

    private final I18n i18n;
    private final RemoteService service;
    private final Tab tab = new Tab();
    private final TableView<Outbox.Status> table = new TableView<>();
    private final Label link = new Label();
    private final Label last = new Label();
    private final Timeline refresher = new Timeline(new KeyFrame(Duration.seconds(2), e -> refresh()));
    private final ExpertQueue queue;
    private final BorderPane root;
    private boolean expert;
    private final Button report;

    /**
     * @param filed     run on the FX thread when a returned report was filed into a local study (the
     *                  study list shows it)
     * @param openStudy opens a study of the local archive in the viewer (an expert's retrieved request)
     */
    public RemotePage(I18n i18n, Path home, LocalArchive archive, Runnable filed,
                      java.util.function.Consumer<String> openStudy) {
        this.i18n = i18n;
        this.service = new RemoteService(home, archive, line -> Platform.runLater(() -> {
            last.setText(line);
            refresh();
        }), () -> Platform.runLater(filed), c -> Platform.runLater(() -> showCritical(c)));
        table.setId("remote-requests");
        table.getColumns().setAll(java.util.List.of(
                Tables.column(i18n.get("remote.column.id"), Outbox.Status::clientRequestId),
                Tables.column(i18n.get("remote.column.patient"), s -> PersonNameFormat.display(s.patientName())),
                Tables.column(i18n.get("remote.column.state"), this::state),
                Tables.column(i18n.get("remote.column.problem"), Outbox.Status::problem)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(i18n.get("remote.empty")));
        Button connect = Tables.button(i18n.get("remote.connect"), "remote-connect", this::connect);
        report = Tables.button(i18n.get("remote.showReport"), "remote-show-report", this::showReport);
        Button more = Tables.button(i18n.get("remote.addImages"), "remote-add-images", this::addImages);
        more.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            Outbox.Status s = table.getSelectionModel().getSelectedItem();
            return s == null || java.util.Set.of("REPORTED", "RETURNED", "CANCELLED").contains(s.state());
        }, table.getSelectionModel().selectedItemProperty()));
        report.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            Outbox.Status s = table.getSelectionModel().getSelectedItem();
            return s == null || !"REPORTED".equals(s.state());
        }, table.getSelectionModel().selectedItemProperty()));
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<Outbox.Status> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty() && "REPORTED".equals(row.getItem().state())) {
                    showReport();
                }
            });
            return row;
        });
        link.setId("remote-link");
        link.setText(i18n.get("remote.notConnected"));
        last.setId("remote-last");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(10, link, gap, more, report, connect);
        top.setPadding(new Insets(8));
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        queue = new ExpertQueue(i18n, service, openStudy, last::setText);
        root = new BorderPane(table, top, null, last, null);
        more.visibleProperty().bind(report.visibleProperty());
        BorderPane.setMargin(last, new Insets(6, 8, 6, 8));
        tab.textProperty().bind(i18n.text("tab.remote"));
        tab.setContent(root);
        tab.setClosable(false);
        refresher.setCycleCount(Timeline.INDEFINITE);
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                refresh();
                refresher.play();
            } else {
                refresher.stop();
            }
        });
    }

    public Tab tab() { return tab; }

    public Node node() { return tab.getContent(); }

    public TableView<Outbox.Status> table() { return table; }

    /** The expert's queue at the center (shown once an expert or coordinator connected). */
    public TableView<org.fovea.center.CenterRequest> queue() { return queue.table(); }

    /** The state as the doctor reads it: sending 12/61, reported, … */
    private String state(Outbox.Status s) {
        String word = i18n.get("remote.state." + s.state());
        return s.state().equals("SENDING") ? word + " " + s.sent() + "/" + s.total() : word;
    }

    public void refresh() {
        if (expert) {
            queue.refresh();
            return;
        }
        service.status().whenComplete((all, error) -> {
            if (error == null) {
                Outbox.Status selected = table.getSelectionModel().getSelectedItem();
                table.getItems().setAll(all);
                if (selected != null) {
                    all.stream().filter(s -> s.clientRequestId().equals(selected.clientRequestId())).findFirst()
                            .ifPresent(s -> table.getSelectionModel().select(s));
                }
            }
        });
    }

    private void connect() {
        service.settings().whenComplete((s, error) -> {
            if (error != null || !s.complete()) {
                Alerts.error(table, i18n, "remote.connect", error != null ? error
                        : new IllegalStateException(i18n.get("remote.noSettings")));
                return;
            }
            RemoteDialogs.password(i18n, table, s.login(), s.center()).ifPresent(password ->
                    service.connect(password).whenComplete((who, failed) -> {
                        if (failed != null) {
                            Alerts.error(table, i18n, "remote.connect", failed);
                        } else {
                            link.setText(i18n.get("remote.connected") + " " + who);
                            service.role().thenAccept(role -> {
                                // the center's people read the queue; a hospital follows its outbox
                                expert = !role.isEmpty() && !role.equals("DOCTOR");
                                if (expert) {
                                    root.setCenter(queue.node());
                                    report.setVisible(false);
                                }
                                refresh();
                            });
                        }
                    }));
        });
    }

    /** Submits a study of the local archive, after the doctor's clinical history and question. */
    public void submit(StudySummary study, Supplier<String> by) {
        if (study == null) {
            return;
        }
        RemoteDialogs.submission(i18n, table, study).ifPresent(a -> service.submit(study.studyUid(), a.history(),
                a.question(), a.urgent(), a.attachments(), by.get()).whenComplete((id, error) -> {
                    if (error != null) {
                        Alerts.error(table, i18n, "remote.submit", error);
                    } else {
                        last.setText(i18n.get("remote.queued") + " " + id);
                        tab.getTabPane().getSelectionModel().select(tab);
                        refresh();
                    }
                }));
    }

    /** A critical value from the center, on screen until acknowledged with a read-back. */
    private void showCritical(org.fovea.center.client.RemoteWatch.Critical c) {
        RemoteDialogs.critical(i18n, table, c, readBack -> service.acknowledge(c, readBack)
                .whenComplete((done, error) -> refresh()));
    }

    /** Sends the images of the selected request's study that arrived since (the extra images asked for). */
    private void addImages() {
        Outbox.Status s = table.getSelectionModel().getSelectedItem();
        if (s == null) {
            return;
        }
        service.addNewImages(s.clientRequestId(), s.studyUid()).whenComplete((added, error) -> {
            if (error != null) {
                Alerts.error(table, i18n, "remote.addImages", error);
            } else {
                last.setText(s.clientRequestId() + ": " + added + " " + i18n.get("remote.imagesAdded"));
                refresh();
            }
        });
    }

    private void showReport() {
        Outbox.Status s = table.getSelectionModel().getSelectedItem();
        if (s == null) {
            return;
        }
        service.report(s.clientRequestId()).whenComplete((found, error) -> {
            if (error != null) {
                Alerts.error(table, i18n, "remote.showReport", error);
            } else if (found.isPresent()) {
                RemoteDialogs.report(i18n, table, found.get(), service);
            }
        });
    }

    @Override
    public void close() {
        refresher.stop();
        service.close();
    }
}
