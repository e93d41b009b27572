package org.fovea.reporting.identity;

import java.time.Instant;

/** What a login attempt came to. */
public sealed interface LoginResult {

    /** The password was right: the user is logged in. */
    record Success(User user) implements LoginResult {
    }

    /**
     * Refused: a wrong login or password (which one is not said), with the attempts left before
     * the account locks; or the account is locked until a time; or it is disabled.
     */
    record Refused(Reason reason, int attemptsLeft, Instant lockedUntil) implements LoginResult {
    }

    enum Reason { WRONG_LOGIN_OR_PASSWORD, LOCKED, DISABLED }
}
