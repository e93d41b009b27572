package org.fovea.app.ui.login;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.audit.AuditAction;
import org.fovea.reporting.audit.AuditLog;
import org.fovea.reporting.identity.LoginResult;
import org.fovea.reporting.identity.Users;

/**
 * Logins at this workstation against the department's users, each attempt in the audit log
 * (who, from which workstation, success or the reason it was refused). Blocks on the database and
 * on Argon2: call it off the FX thread.
 */
public final class Authenticator {

    private final Users users;
    private final AuditLog audit;
    private final String workstation = Actor.thisWorkstation();

    public Authenticator(ReportingDatabase db) {
        this.users = new Users(db);
        this.audit = new AuditLog(db);
    }

    /** Whether the department has users at all (without any, the workstation runs without login). */
    public boolean departmentHasUsers() {
        return !users.list().isEmpty();
    }

    public LoginResult login(String login, char[] password, AuditAction success) {
        LoginResult r = users.authenticate(login, password);
        String who = Users.normalise(login);
        if (r instanceof LoginResult.Refused refused) {
            audit.append(new Actor(who, workstation), AuditAction.LOGIN_REFUSED, "user", who, refused.reason().name());
        } else {
            audit.append(new Actor(who, workstation), success, "user", who, "");
        }
        return r;
    }

    public void audit(String login, AuditAction action) {
        audit.append(new Actor(login, workstation), action, "user", login, "");
    }
}
