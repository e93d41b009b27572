package org.fovea.reporting.template;

import java.util.List;

/**
 * A report template read from an IHE MRRT file (HTML5 with coded content): its metadata, the
 * sections the editor fills (findings 检查所见, impression 诊断意见) with their starting text, and
 * the structured fields. Data only: the sanitised HTML is kept for display, nothing in it runs.
 *
 * @param id         the MRRT template identifier (dcterms.identifier), unique in the library
 * @param bodyParts  the body parts it is for (e.g. "CHEST", "胸部"), from its coded metadata
 * @param examItems  the exams it is for (e.g. "CT胸部平扫"), for the picker's filter
 * @param findings   the findings section's starting text, with {@code {{merge}}} fields and field slots
 * @param impression the impression section's starting text
 * @param html       the sanitised template body, as imported
 */
public record ReportTemplate(String id, String title, String language, String modality, List<String> bodyParts,
                             List<String> examItems, String findings, String impression, List<TemplateField> fields,
                             String html) {
}
