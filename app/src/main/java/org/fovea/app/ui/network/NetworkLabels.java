package org.fovea.app.ui.network;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.util.StringConverter;
import org.fovea.app.ui.common.I18n;
import org.fovea.dicom.net.DicomNode;
import org.fovea.dicom.net.RetrieveMethod;

import java.util.function.Function;
import java.util.stream.Collectors;

/** How network things are named on screen, in the current language. */
final class NetworkLabels {

    private NetworkLabels() {
    }

    /** "PACS (ORTHANC@10.0.0.5:104)"; the name alone would hide which peer it really is. */
    static String node(DicomNode n) {
        String address = n.aeTitle() + "@" + n.host() + ":" + n.port();
        return n.name() == null || n.name().isBlank() || n.name().equals(n.aeTitle())
                ? address : n.name() + " (" + address + ")";
    }

    static String services(I18n i18n, DicomNode n) {
        return n.services().stream().sorted().map(s -> i18n.get("service." + s.name()))
                .collect(Collectors.joining(" · "));
    }

    static StringConverter<RetrieveMethod> retrieveMethod(I18n i18n) {
        return new StringConverter<>() {
            @Override
            public String toString(RetrieveMethod m) { return m == null ? "" : i18n.get("retrieve." + m.name()); }

            @Override
            public RetrieveMethod fromString(String s) { return null; }
        };
    }

    /** A node chooser that shows name and address, and keeps its choice when the node list is replaced. */
    static ComboBox<DicomNode> nodeChooser() {
        ComboBox<DicomNode> box = new ComboBox<>();
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(DicomNode n) { return n == null ? "" : node(n); }

            @Override
            public DicomNode fromString(String s) { return null; }
        });
        box.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(DicomNode n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : node(n));
            }
        });
        box.setPrefWidth(340);
        return box;
    }

    /** Replaces a chooser's nodes, keeping the chosen one (by name) if it is still offered. */
    static void offer(ComboBox<DicomNode> box, java.util.List<DicomNode> nodes) {
        DicomNode was = box.getValue();
        box.getItems().setAll(nodes);
        DicomNode keep = was == null ? null
                : nodes.stream().filter(n -> n.name().equals(was.name())).findFirst().orElse(null);
        box.setValue(keep != null ? keep : nodes.isEmpty() ? null : nodes.get(0));
    }

    static <S> TableColumn<S, String> column(I18n i18n, String key, double width, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>();
        c.textProperty().bind(i18n.text(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> text(value.apply(cd.getValue())));
        return c;
    }

    static ObservableValue<String> text(String s) {
        return new ReadOnlyObjectWrapper<>(s == null ? "" : s);
    }
}
