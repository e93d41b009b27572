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
 * signature is the report), with a signing key under their password; and each requesting
 * hospital a stand-in user ({@link #siteLogin}, a referring clinician who never logs in) an
 * expert addresses a critical value to, which the center relays to that hospital. What a center's
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
                                          Map<String, String> hospitals, char[] password)
            throws GeneralSecurityException {
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
        sites(db, hospitals);
        return keys.caCertificate().orElseThrow();
    }

    /** The stand-in user of a requesting hospital, to whom an expert addresses its critical values. */
    public static String siteLogin(String hospitalCode) {
        return "site." + Users.normalise(hospitalCode);
    }

    /** The hospital a stand-in login stands for, or null when it is none. */
    public static String hospitalOf(String login) {
        return login.startsWith("site.") ? login.substring(5).toUpperCase(java.util.Locale.ROOT) : null;
    }

    /** Makes the stand-in users the hospitals (code to name) lack. */
    public static void sites(ReportingDatabase db, Map<String, String> hospitals) {
        Users users = new Users(db);
        for (Map.Entry<String, String> h : hospitals.entrySet()) {
            if (users.find(siteLogin(h.getKey())).isEmpty()) {
                // it never logs in: the center acknowledges for it what the hospital's doctor acknowledged
                char[] unusable = ("Site-" + java.util.UUID.randomUUID()).toCharArray();
                users.create(siteLogin(h.getKey()), h.getValue() + "（申请医院）", Role.CLINICIAN, unusable);
            }
        }
    }
}
