package org.fovea.app.ui.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fovea.app.view.MarkLabels;
import org.fovea.app.view.MarkSet;
import org.fovea.app.view.Messages;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Measured;

/**
 * The side panel listing the open study's marks: type, values, image; a click shows that image
 * and selects the mark. Below the list, what could not be shown from others' objects, with why.
 */
public final class MeasurementPanel extends VBox {

    /** One row. */
    public record Row(String id, String type, String value, String image, ImageRef ref, boolean readOnly) {
    }

    private final MarkSet marks;
    private final Supplier<ResourceBundle> bundle;
    private final Function<Annotation, Measured> measure;
    private final Function<ImageRef, String> imageLabel;
    private final TableView<Row> table = new TableView<>();
    private final Label title = new Label();
    private final Label notes = new Label();
    private final TableColumn<Row, String> type = new TableColumn<>();
    private final TableColumn<Row, String> value = new TableColumn<>();
    private final TableColumn<Row, String> image = new TableColumn<>();
    private List<String> notShown = List.of();

    /**
     * @param measure    measures a mark on its own image (its scale, its pixels when loaded)
     * @param imageLabel how an image is named in the list ("Se 3 · Im 45")
     * @param onJump     shows an image and selects a mark on it
     */
    public MeasurementPanel(MarkSet marks, Supplier<ResourceBundle> bundle, Function<Annotation, Measured> measure,
                            Function<ImageRef, String> imageLabel, BiConsumer<ImageRef, String> onJump) {
        this.marks = marks;
        this.bundle = bundle;
        this.measure = measure;
        this.imageLabel = imageLabel;
        getStyleClass().add("measurement-panel");
        setSpacing(4);
        setPrefWidth(360);
        type.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        image.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().image()));
        type.setPrefWidth(100);
        value.setPrefWidth(150);
        image.setPrefWidth(105);
        table.getColumns().setAll(List.of(type, value, image));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null) {
                onJump.accept(row.ref(), row.id());
            }
        });
        notes.setWrapText(true);
        notes.getStyleClass().add("measurement-notes");
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, table, notes);
        marks.addListener(this::refresh);
        refresh();
    }

    /** What could not be shown from others' objects (one reason a line). */
    public void setNotShown(List<String> reasons) {
        notShown = List.copyOf(reasons);
        refresh();
    }

    public TableView<Row> table() {
        return table;
    }

    /** Rebuilds the rows (after a change, or when the language changed). */
    public void refresh() {
        ResourceBundle b = bundle.get();
        title.setText(Messages.format(b, "marks.title", marks.all().size()));
        type.setText(b.getString("marks.type"));
        value.setText(b.getString("marks.value"));
        image.setText(b.getString("marks.image"));
        List<Row> rows = new ArrayList<>();
        for (Annotation a : marks.all()) {
            String text = a.kind().measurement() ? MarkLabels.summary(measure.apply(a), b) : a.text();
            boolean readOnly = marks.readOnlyReason(a.id()).isPresent();
            String type = MarkLabels.kind(a.kind(), b);
            if (readOnly) {
                type = Messages.format(b, "marks.readOnly", type, marks.readOnlyReason(a.id()).orElse(""));
            }
            rows.add(new Row(a.id(), type, text, imageLabel.apply(a.image()), a.image(), readOnly));
        }
        table.setItems(FXCollections.observableArrayList(rows));
        notes.setText(String.join("\n", notShown));
        notes.setVisible(!notShown.isEmpty());
        notes.setManaged(!notShown.isEmpty());
    }
}
