package org.fovea.center;

import org.fovea.reporting.Report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A signed report as the center returns it to the requesting hospital (D5): the report as the
 * center's experts signed it, and each sign-off signature with the exact bytes it covers, so the
 * hospital checks, against the center's CA, that what it shows, prints and files is what was signed.
 *
 * @param center     the name of the center that reported it (the printed report's header)
 * @param signatures oldest first; the last is the final one, over {@code report}'s version
 */
public record ReturnedReport(UUID requestId, String clientRequestId, String center, Report report,
                             List<Signature> signatures, Instant reportedAt) {

    public ReturnedReport {
        signatures = List.copyOf(signatures == null ? List.of() : signatures);
    }

    /** One sign-off step's signature: its version, level, action and signer, the signed bytes and the CMS. */
    public record Signature(int version, int level, String action, String login, byte[] content, byte[] cms) {
    }
}
