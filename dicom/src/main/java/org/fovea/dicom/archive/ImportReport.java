package org.fovea.dicom.archive;

import java.util.List;

/**
 * What one import did. {@code cancelled} is true when the user stopped it before every file was
 * looked at; the counts then cover the files handled until then.
 */
public record ImportReport(int imported, int duplicates, List<ImportFailure> failures, boolean cancelled) {

    public ImportReport {
        failures = List.copyOf(failures);
    }
}
