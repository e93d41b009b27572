package org.fovea.app.ui.network;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.NetworkFields;
import org.fovea.dicom.net.DicomClient;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.EchoResult;
import org.fovea.dicom.net.NetworkSettings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Settings > DICOM Nodes: the workstation's own AE title, port, listener and timeouts, and the
 * nodes it talks to, each with a C-ECHO test. Nothing is saved until OK.
 */
public final class NetworkSettingsDialog {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkSettingsDialog.class);

    private final I18n i18n;
    private final NetworkService network;
    private final Dialog<NetworkSettings> dialog = new Dialog<>();
    private final TextField aeTitle = new TextField();
    private final TextField port = new TextField();
    private final CheckBox listen = new CheckBox();
    private final TextField connectTimeout = new TextField();
    private final TextField responseTimeout = new TextField();
    private final TableView<DicomNode> nodes = new TableView<>();
    /** C-ECHO results by node, shown in the table until the dialog closes. */
    private final ObservableMap<DicomNode, Echoed> tested = FXCollections.observableHashMap();
    private final Label problem = new Label();

    /** What the Test button found; {@code ok} null while the echo runs. */
    record Echoed(Boolean ok, String text) {
    }

    private final Node owner;

    public NetworkSettingsDialog(I18n i18n, NetworkService network, Node owner) {
        this.i18n = i18n;
        this.owner = owner;
        this.network = network;
        Dialogs.style(dialog, owner, i18n);
        dialog.setHeaderText(i18n.get("settings.title"));
        dialog.setResizable(true);
        NetworkSettings s = network.settings();
        aeTitle.setText(s.localAeTitle());
        port.setText(String.valueOf(s.localPort()));
        listen.setSelected(s.listen());
        connectTimeout.setText(String.valueOf(s.connectTimeoutSeconds()));
        responseTimeout.setText(String.valueOf(s.responseTimeoutSeconds()));
        aeTitle.setId("settings-ae");
        port.setId("settings-port");
        listen.setId("settings-listen");
        aeTitle.setPrefColumnCount(16);
        port.setPrefColumnCount(6);
        connectTimeout.setPrefColumnCount(4);
        responseTimeout.setPrefColumnCount(4);
        listen.setText(i18n.get("settings.listen"));
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);

        Label listenerState = new Label();
        listenerState.textProperty().bind(network.listenerText());
        listenerState.getStyleClass().add("status-line");

        GridPane own = new GridPane();
        own.setHgap(10);
        own.setVgap(8);
        own.addRow(0, label("settings.aeTitle"), aeTitle, label("settings.port"), port, listen);
        own.addRow(1, label("settings.connectTimeout"), connectTimeout, label("settings.responseTimeout"),
                responseTimeout);
        own.add(listenerState, 0, 2, 5, 1);

        buildTable();
        nodes.getItems().setAll(s.nodes());
        Button add = button("settings.add", this::add);
        add.setId("node-add");
        Button edit = button("settings.edit", () -> edit(nodes.getSelectionModel().getSelectedItem()));
        Button remove = button("settings.remove", () -> nodes.getItems().remove(nodes.getSelectionModel().getSelectedItem()));
        edit.disableProperty().bind(nodes.getSelectionModel().selectedItemProperty().isNull());
        remove.disableProperty().bind(nodes.getSelectionModel().selectedItemProperty().isNull());

        VBox content = new VBox(10, section("settings.thisWorkstation"), own, section("settings.nodes"), nodes,
                new HBox(8, add, edit, remove), problem);
        content.setPadding(new Insets(12));
        VBox.setVgrow(nodes, Priority.ALWAYS);
        content.setPrefSize(1180, 560);
        dialog.getDialogPane().setContent(content);
        ButtonType okType = Dialogs.okCancelValidated(dialog, i18n, this::firstProblem, problem);
        dialog.setResultConverter(b -> b == okType ? formSettings() : null);
    }

    /** Shows the dialog; OK saves (in the background) and applies the listener part. */
    public void show() {
        dialog.setOnHidden(e -> {
            NetworkSettings result = dialog.getResult();
            if (result != null) {
                network.save(result).whenComplete((v, error) -> {
                    if (error != null) {
                        Alerts.error(owner, i18n, "error.saveSettings", error);
                    }
                });
            }
        });
        dialog.show();
    }

    Dialog<NetworkSettings> dialog() { return dialog; }

    TableView<DicomNode> nodeTable() { return nodes; }

    private void buildTable() {
        nodes.setPlaceholder(new Label(i18n.get("settings.noNodes")));
        // the result column takes what is left, so a failure reason is not cut behind a scroll bar
        nodes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<DicomNode, Void> test = new TableColumn<>(i18n.get("settings.test"));
        test.setPrefWidth(90);
        test.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button(i18n.get("settings.testButton"));

            {
                button.getStyleClass().add("echo-button");
                button.setOnAction(e -> echo(getTableRow().getItem()));
            }

            @Override
            protected void updateItem(Void v, boolean empty) {
                super.updateItem(v, empty);
                setGraphic(empty || getTableRow() == null || getTableRow().getItem() == null ? null : button);
            }
        });
        TableColumn<DicomNode, Echoed> result = new TableColumn<>(i18n.get("settings.testResult"));
        result.setPrefWidth(260);
        result.setCellValueFactory(cd -> Bindings.valueAt(tested, cd.getValue()));
        result.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Echoed e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.text());
                setTooltip(empty || e == null ? null : new Tooltip(e.text()));
                getStyleClass().removeAll("echo-ok", "echo-failed");
                if (!empty && e != null && e.ok() != null) {
                    getStyleClass().add(e.ok() ? "echo-ok" : "echo-failed");
                }
            }
        });
        nodes.getColumns().setAll(List.of(
                NetworkLabels.column(i18n, "node.name", 130, DicomNode::name),
                NetworkLabels.column(i18n, "node.aeTitle", 110, DicomNode::aeTitle),
                NetworkLabels.column(i18n, "node.host", 120, DicomNode::host),
                NetworkLabels.column(i18n, "node.port", 60, n -> String.valueOf(n.port())),
                NetworkLabels.column(i18n, "node.services", 150, n -> NetworkLabels.services(i18n, n)),
                NetworkLabels.column(i18n, "node.retrieveMethod", 80,
                        n -> NetworkLabels.retrieveMethod(i18n).toString(n.retrieveMethod())),
                test, result));
        nodes.setRowFactory(t -> {
            TableRow<DicomNode> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    edit(row.getItem());
                }
            });
            return row;
        });
    }

    /** C-ECHO with the AE title and timeouts as typed, so a change can be tried before it is saved. */
    private void echo(DicomNode node) {
        if (node == null) {
            return;
        }
        NetworkSettings s = firstProblem() == null ? formSettings() : network.settings();
        tested.put(node, new Echoed(null, i18n.get("settings.testing")));
        network.call(() -> new DicomClient(s).echo(node)).whenComplete((EchoResult r, Throwable error) -> {
            if (error != null) {
                LOG.error("C-ECHO to {} failed", node, error);
                tested.put(node, new Echoed(false, i18n.format("settings.echoFailed", Alerts.sentence(i18n, error))));
            } else if (r.ok()) {
                tested.put(node, new Echoed(true, i18n.format("settings.echoOk", String.valueOf(r.millis()))));
            } else {
                tested.put(node, new Echoed(false, i18n.format("settings.echoFailed", r.reason())));
            }
        });
    }

    private void add() {
        new NodeEditor(i18n, nodes, null).showAndWait().ifPresent(n -> {
            nodes.getItems().add(n);
            nodes.getSelectionModel().select(n);
        });
    }

    private void edit(DicomNode node) {
        if (node == null) {
            return;
        }
        new NodeEditor(i18n, nodes, node).showAndWait().ifPresent(n -> {
            int i = nodes.getItems().indexOf(node);
            nodes.getItems().set(i, n);
            tested.remove(node);
            nodes.getSelectionModel().select(n);
        });
    }

    private String firstProblem() {
        String p = NetworkFields.aeTitleProblem(aeTitle.getText());
        if (p == null) {
            p = NetworkFields.portProblem(port.getText());
        }
        if (p == null) {
            p = NetworkFields.timeoutProblem(connectTimeout.getText());
        }
        if (p == null) {
            p = NetworkFields.timeoutProblem(responseTimeout.getText());
        }
        if (p == null && nodes.getItems().stream().map(DicomNode::name).distinct().count() < nodes.getItems().size()) {
            p = "settings.duplicateName";
        }
        return p;
    }

    private NetworkSettings formSettings() {
        return new NetworkSettings(aeTitle.getText().trim(), NetworkFields.parsePort(port.getText()), listen.isSelected(),
                NetworkFields.parseTimeout(connectTimeout.getText()), NetworkFields.parseTimeout(responseTimeout.getText()),
                List.copyOf(nodes.getItems()));
    }

    private Label label(String key) {
        return new Label(i18n.get(key));
    }

    private Label section(String key) {
        Label l = label(key);
        l.getStyleClass().add("section-title");
        return l;
    }

    private Button button(String key, Runnable action) {
        Button b = new Button(i18n.get(key));
        b.setOnAction(e -> action.run());
        return b;
    }
}
