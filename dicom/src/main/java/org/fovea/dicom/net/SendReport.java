package org.fovea.dicom.net;

import java.util.List;

/** Per-file results of a send, in the order the files were given. */
public record SendReport(List<SendResult> results, boolean cancelled) {

    public SendReport {
        results = List.copyOf(results);
    }

    public long sent() {
        return results.stream().filter(SendResult::ok).count();
    }

    public boolean allSent() {
        return !cancelled && results.stream().allMatch(SendResult::ok);
    }
}
