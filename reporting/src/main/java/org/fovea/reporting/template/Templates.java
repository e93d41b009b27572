package org.fovea.reporting.template;

import java.util.List;
import java.util.Optional;

/** The department's template library: the starter set plus imported MRRT files. */
public interface Templates {

    /** Every template, for the picker, filtered by body part and exam item when given (empty = any). */
    List<ReportTemplate> list(String bodyPart, String examItem, String search);

    Optional<ReportTemplate> find(String id);

    /**
     * Reads, validates, sanitises and stores an MRRT file (replacing a template of the same id).
     *
     * @throws TemplateException naming the file, the line and the reason, when the file is not a usable template
     */
    ReportTemplate importFile(java.nio.file.Path mrrtFile) throws TemplateException;
}
