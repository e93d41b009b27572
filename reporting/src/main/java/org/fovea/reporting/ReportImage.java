package org.fovea.reporting;

/**
 * An image in a graphic report (图文报告): a key image or a screenshot rendered as the radiologist
 * saw it (window, zoom, marks), with its caption.
 *
 * @param png            the rendered picture, PNG bytes
 * @param sopInstanceUid the source image (empty for a screenshot of a 3D view without one)
 */
public record ReportImage(String caption, byte[] png, String sopInstanceUid, int frame) {
}
