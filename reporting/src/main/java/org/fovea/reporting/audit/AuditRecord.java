package org.fovea.reporting.audit;

import java.time.Instant;

/**
 * One audited event: when, who, from which workstation, what, on which object (type and id, e.g.
 * {@code report} and its number, {@code study} and its UID), a detail, and its place in the chain.
 * The action is kept as written ({@link AuditAction}'s name), so one this version does not know
 * still verifies.
 */
public record AuditRecord(long seq, Instant at, String user, String workstation, String action,
                          String objectType, String objectId, String detail, String prevHash, String hash) {
}
