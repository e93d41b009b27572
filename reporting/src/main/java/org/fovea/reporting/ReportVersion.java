package org.fovea.reporting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One saved version of a report: what it said, who saved it, from where and when. Versions are
 * never changed after they are written; a signature covers exactly one.
 *
 * @param measurements the measurements as the report words them, one per line
 * @param imageHashes  the SHA-256 (hex) of each image's PNG, in the report's order
 */
public record ReportVersion(long reportId, int version, ReportStatus status, String findings, String impression,
                            Map<String, String> fields, String measurements, List<String> imageHashes, String savedBy,
                            String workstation, Instant saved) {

    public ReportVersion {
        fields = Map.copyOf(fields);
        imageHashes = List.copyOf(imageHashes);
    }
}
