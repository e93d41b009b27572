package org.fovea.dicom.net;

import java.util.List;

/**
 * What a retrieve did.
 *
 * @param expected       instances the node holds for the request
 * @param received       instances newly stored in the archive by this retrieve
 * @param alreadyPresent instances the archive already held intact, not fetched again
 * @param failures       one sentence per instance or step that failed
 * @param cancelled      the user cancelled before the end
 */
public record RetrieveReport(int expected, int received, int alreadyPresent, List<String> failures,
                             boolean cancelled) {

    public RetrieveReport {
        failures = List.copyOf(failures);
    }

    /** Everything the node holds for the request is now in the archive. */
    public boolean complete() {
        return !cancelled && failures.isEmpty() && received + alreadyPresent >= expected;
    }
}
