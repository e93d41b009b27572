package org.fovea.reporting.identity;

import java.time.Instant;

/**
 * A user of the department: login (lower case), name as shown and signed, role, whether the
 * account may log in, and its lockout state.
 */
public record User(long id, String login, String displayName, Role role, boolean active, int failedLogins,
                   Instant lockedUntil) {

    public boolean may(Permission p) {
        return active && role.may(p);
    }

    /** Whether wrong passwords have locked the account at this instant. */
    public boolean lockedAt(Instant now) {
        return lockedUntil.isAfter(now);
    }
}
