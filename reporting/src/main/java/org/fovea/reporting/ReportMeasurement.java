package org.fovea.reporting;

/**
 * A measurement as the report carries it: what a reader sees ({@code text}, e.g. "结节 1 长径
 * 10.2 mm") and the coded value behind it, with the image it was made on.
 *
 * @param name   what was measured, as the viewer names it ("Length", "Area", "Mean", "CTR")
 * @param unit   UCUM unit code ("mm", "mm2", "[hnsf'U]", "deg", "1")
 * @param sopInstanceUid the image (empty when unknown), {@code frame} 1-based, 0 for single-frame
 */
public record ReportMeasurement(String name, double value, String unit, String text, String seriesUid,
                                String sopInstanceUid, int frame) {
}
