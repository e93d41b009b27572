package org.fovea.reporting.template;

import java.util.List;

/**
 * A structured field of a template: the editor shows a control for it and writes its value into
 * the text where the template's section refers to it.
 *
 * @param choices the allowed values of a CHOICE field (empty otherwise)
 * @param unit     the unit of a NUMBER field (UCUM or as the template writes it, e.g. "mm")
 * @param required the template's HTML {@code required}: a report cannot be signed with it empty
 */
public record TemplateField(String id, String label, Kind kind, List<String> choices, String unit,
                            String defaultValue, String section, boolean required) {

    public enum Kind { TEXT, NUMBER, CHOICE, CHECKBOX, DATE }
}
