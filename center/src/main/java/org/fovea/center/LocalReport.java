package org.fovea.center;

/**
 * The requesting hospital's own report of the study, sent for the center's expert to review
 * (基层初诊, 上级审核; D1): it becomes the expert's draft, which they correct and sign.
 *
 * @param author who wrote it at the hospital, as the report shows them
 */
public record LocalReport(String findings, String impression, String author) {
}
