package org.fovea.app.ui.report;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.fovea.reporting.template.TemplateField;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template's structured fields as controls: a choice box for a choice, a checkbox for a sign
 * (分叶征, 毛刺征…), a number field that takes only numbers with its unit beside it. Values are
 * kept as the template's text values, the form the report stores and merges into its text.
 */
final class FieldsForm {

    private final FlowPane root = new FlowPane(14, 6);
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private List<TemplateField> fields = List.of();
    private Runnable onChange = () -> { };

    FieldsForm() {
        root.getStyleClass().add("report-fields");
    }

    Node node() { return root; }

    void setOnChange(Runnable r) { onChange = r; }

    /** Shows the fields with the given values (a field without one gets its default). */
    void show(List<TemplateField> fields, Map<String, String> values) {
        root.getChildren().clear();
        controls.clear();
        this.fields = List.copyOf(fields);
        for (TemplateField f : fields) {
            String v = values.getOrDefault(f.id(), f.defaultValue() == null ? "" : f.defaultValue());
            Control c = control(f, v);
            c.setId("field-" + f.id());
            controls.put(f.id(), c);
            Node cell = c instanceof CheckBox ? c : new HBox(4, new Label(f.label()), c);
            if (f.kind() == TemplateField.Kind.NUMBER && f.unit() != null && !f.unit().isEmpty()) {
                cell = new HBox(4, new Label(f.label()), c, new Label(f.unit()));
            }
            root.getChildren().add(cell);
        }
        root.setVisible(!fields.isEmpty());
        root.setManaged(!fields.isEmpty());
    }

    Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        controls.forEach((id, c) -> out.put(id, value(c)));
        return out;
    }

    /**
     * The filled fields as a sentence for the findings: "结节位置：右肺上叶；结节大小：12 mm；分叶征、毛刺征".
     * Empty when nothing is filled.
     */
    String sentence() {
        Map<String, String> v = values();
        List<String> parts = new java.util.ArrayList<>();
        List<String> signs = new java.util.ArrayList<>();
        for (TemplateField f : fields) {
            String value = v.getOrDefault(f.id(), "");
            if (value.isEmpty()) {
                continue;
            }
            if (f.kind() == TemplateField.Kind.CHECKBOX) {
                signs.add(f.label());
            } else {
                parts.add(f.label() + "：" + value + (f.unit() == null || f.unit().isEmpty() ? "" : " " + f.unit()));
            }
        }
        if (!signs.isEmpty()) {
            parts.add(String.join("、", signs));
        }
        return parts.isEmpty() ? "" : String.join("；", parts) + "。";
    }

    private Control control(TemplateField f, String v) {
        switch (f.kind()) {
            case CHECKBOX -> {
                CheckBox b = new CheckBox(f.label());
                b.setSelected(v.equalsIgnoreCase("true") || v.equals("1") || v.equals(f.label()));
                b.selectedProperty().addListener((o, a, n) -> onChange.run());
                return b;
            }
            case CHOICE -> {
                ComboBox<String> box = new ComboBox<>();
                box.getItems().setAll(f.choices());
                box.setValue(v.isEmpty() ? null : v);
                box.valueProperty().addListener((o, a, n) -> onChange.run());
                return box;
            }
            case DATE -> {
                DatePicker p = new DatePicker();
                try {
                    p.setValue(v.isEmpty() ? null : LocalDate.parse(v));
                } catch (java.time.format.DateTimeParseException e) {
                    p.setValue(null);
                }
                p.valueProperty().addListener((o, a, n) -> onChange.run());
                return p;
            }
            case NUMBER -> {
                TextField t = new TextField(v);
                t.setPrefColumnCount(5);
                // only what can become a number: a typing radiologist sees a wrong key refused at once
                t.setTextFormatter(new TextFormatter<String>(c -> c.getControlNewText().matches("-?\\d*([.,]\\d*)?") ? c : null));
                t.textProperty().addListener((o, a, n) -> onChange.run());
                return t;
            }
            default -> {
                TextField t = new TextField(v);
                t.setPrefColumnCount(12);
                t.textProperty().addListener((o, a, n) -> onChange.run());
                return t;
            }
        }
    }

    private static String value(Control c) {
        if (c instanceof CheckBox b) {
            return b.isSelected() ? "true" : "";
        }
        if (c instanceof ComboBox<?> box) {
            return box.getValue() == null ? "" : box.getValue().toString();
        }
        if (c instanceof DatePicker p) {
            return p.getValue() == null ? "" : p.getValue().toString();
        }
        return ((TextField) c).getText().trim().replace(',', '.');
    }
}
