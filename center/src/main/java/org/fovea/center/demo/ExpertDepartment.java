package org.fovea.center.demo;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.Algorithm;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcSignOffs;
import org.fovea.reporting.workflow.SignOffPolicy;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The center's experts as a reporting department (their workstations' department database, which
 * the center watches for signed reports): the department CA whose certificate the hospitals trust
 * for returned reports, each expert a user who signs final (one level of sign-off: the expert's
 * signature is the report), with a signing key under their password. What a center's
 * administrator does once with {@code ./fovea user}; the demo and the tests do it here.
 */
public final class ExpertDepartment {

    private ExpertDepartment() {
    }

    /**
     * Makes what is missing: the CA (RSA), one-level sign-off, and each expert (login to name)
     * with a key under {@code password}; returns the CA's certificate.
     */
    public static X509Certificate prepare(ReportingDatabase db, String centerName, Map<String, String> experts,
                                          char[] password) throws GeneralSecurityException {
        SigningKeys keys = new SigningKeys(db);
        Actor by = Actor.here("center-setup");
        if (keys.caCertificate().isEmpty()) {
            keys.createCa(Algorithm.RSA, centerName + " CA", password.clone(), by);
            new JdbcSignOffs(db, null).setPolicy(new SignOffPolicy(1, Map.of(), Map.of()), by);
        }
        Users users = new Users(db);
        for (Map.Entry<String, String> e : experts.entrySet()) {
            if (users.find(e.getKey()).isEmpty()) {
                var user = users.create(e.getKey(), e.getValue(), Role.CHIEF, password.clone());
                keys.issue(user, Algorithm.RSA, password.clone(), password.clone(), by);
            }
        }
        return keys.caCertificate().orElseThrow();
    }
}
