package org.fovea.app.ui.network;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import org.fovea.app.ui.common.Dialogs;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.view.NetworkFields;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.RetrieveMethod;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Adds or edits one DICOM node: its name, AE title, address, what it offers and how it sends images back. */
final class NodeEditor {

    private final I18n i18n;
    private final Dialog<DicomNode> dialog = new Dialog<>();
    private final TextField name = new TextField();
    private final TextField aeTitle = new TextField();
    private final TextField host = new TextField();
    private final TextField port = new TextField();
    private final CheckBox queryRetrieve = new CheckBox();
    private final CheckBox store = new CheckBox();
    private final CheckBox worklist = new CheckBox();
    private final ComboBox<RetrieveMethod> retrieve = new ComboBox<>(FXCollections.observableArrayList(RetrieveMethod.values()));
    private final Label problem = new Label();

    NodeEditor(I18n i18n, Node owner, DicomNode editing) {
        this.i18n = i18n;
        Dialogs.style(dialog, owner, i18n);
        dialog.setHeaderText(i18n.get(editing == null ? "node.addTitle" : "node.editTitle"));
        name.setId("node-name");
        aeTitle.setId("node-ae");
        host.setId("node-host");
        port.setId("node-port");
        for (TextField f : new TextField[] {name, aeTitle, host}) {
            f.setPrefColumnCount(18);
        }
        port.setPrefColumnCount(6);
        queryRetrieve.setText(i18n.get("service.QUERY_RETRIEVE"));
        store.setText(i18n.get("service.STORE"));
        worklist.setText(i18n.get("service.WORKLIST"));
        retrieve.setConverter(NetworkLabels.retrieveMethod(i18n));
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(460);

        if (editing == null) {
            host.setText("127.0.0.1");
            port.setText("104");
            queryRetrieve.setSelected(true);
            store.setSelected(true);
            retrieve.setValue(RetrieveMethod.C_GET);
        } else {
            name.setText(editing.name());
            aeTitle.setText(editing.aeTitle());
            host.setText(editing.host());
            port.setText(String.valueOf(editing.port()));
            queryRetrieve.setSelected(editing.services().contains(DicomNode.Service.QUERY_RETRIEVE));
            store.setSelected(editing.services().contains(DicomNode.Service.STORE));
            worklist.setSelected(editing.services().contains(DicomNode.Service.WORKLIST));
            retrieve.setValue(editing.retrieveMethod());
        }

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        int row = 0;
        grid.addRow(row++, label("node.name"), name);
        grid.addRow(row++, label("node.aeTitle"), aeTitle);
        grid.addRow(row++, label("node.host"), host);
        grid.addRow(row++, label("node.port"), port);
        grid.addRow(row++, label("node.services"), new HBox(12, queryRetrieve, store, worklist));
        grid.addRow(row++, label("node.retrieveMethod"), retrieve);
        grid.add(problem, 0, row, 2, 1);
        dialog.getDialogPane().setContent(grid);
        ButtonType okType = Dialogs.okCancelValidated(dialog, i18n, this::firstProblem, problem);
        dialog.setResultConverter(b -> b == okType ? node() : null);
    }

    /** Shows the editor and waits; empty when cancelled. */
    Optional<DicomNode> showAndWait() {
        return dialog.showAndWait();
    }

    private String firstProblem() {
        String p = NetworkFields.aeTitleProblem(aeTitle.getText());
        if (p == null) {
            p = NetworkFields.hostProblem(host.getText());
        }
        if (p == null) {
            p = NetworkFields.portProblem(port.getText());
        }
        if (p == null && !queryRetrieve.isSelected() && !store.isSelected() && !worklist.isSelected()) {
            p = "node.noService";
        }
        return p;
    }

    private DicomNode node() {
        Set<DicomNode.Service> services = EnumSet.noneOf(DicomNode.Service.class);
        if (queryRetrieve.isSelected()) {
            services.add(DicomNode.Service.QUERY_RETRIEVE);
        }
        if (store.isSelected()) {
            services.add(DicomNode.Service.STORE);
        }
        if (worklist.isSelected()) {
            services.add(DicomNode.Service.WORKLIST);
        }
        String ae = aeTitle.getText().trim();
        String n = name.getText().trim();
        return new DicomNode(n.isEmpty() ? ae : n, ae, host.getText().trim(), NetworkFields.parsePort(port.getText()),
                Set.copyOf(services), retrieve.getValue() == null ? RetrieveMethod.C_GET : retrieve.getValue());
    }

    private Label label(String key) {
        return new Label(i18n.get(key));
    }
}
