package org.fovea.reporting.identity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static org.fovea.reporting.identity.Permission.ACKNOWLEDGE_ALERT;
import static org.fovea.reporting.identity.Permission.EXAMINE;
import static org.fovea.reporting.identity.Permission.MANAGE_SETTINGS;
import static org.fovea.reporting.identity.Permission.MANAGE_USERS;
import static org.fovea.reporting.identity.Permission.RAISE_ALERT;
import static org.fovea.reporting.identity.Permission.READ_AUDIT;
import static org.fovea.reporting.identity.Permission.READ_IMAGES;
import static org.fovea.reporting.identity.Permission.READ_REPORTS;
import static org.fovea.reporting.identity.Permission.RECALL_REPORT;
import static org.fovea.reporting.identity.Permission.REGISTER;
import static org.fovea.reporting.identity.Permission.REVIEW_REPORT;
import static org.fovea.reporting.identity.Permission.SIGN_FINAL;
import static org.fovea.reporting.identity.Permission.WRITE_REPORT;

/**
 * The department's roles, each with the least it needs (Q1). A junior writes and submits; a
 * senior also reviews; the chief also signs final and recalls. Technicians and registrars never
 * touch report text; a referring clinician reads reports and acknowledges the alerts sent to
 * them; an administrator manages users, settings and the audit log but writes no report.
 */
public enum Role {
    JUNIOR_RADIOLOGIST("住院医师", EnumSet.of(READ_IMAGES, READ_REPORTS, WRITE_REPORT, RAISE_ALERT)),
    SENIOR_RADIOLOGIST("主治医师", EnumSet.of(READ_IMAGES, READ_REPORTS, WRITE_REPORT, REVIEW_REPORT, RAISE_ALERT)),
    CHIEF("主任医师", EnumSet.of(READ_IMAGES, READ_REPORTS, WRITE_REPORT, REVIEW_REPORT, SIGN_FINAL, RECALL_REPORT,
            RAISE_ALERT)),
    TECHNICIAN("技师", EnumSet.of(READ_IMAGES, EXAMINE)),
    REGISTRAR("登记员", EnumSet.of(REGISTER)),
    CLINICIAN("临床医生", EnumSet.of(READ_IMAGES, READ_REPORTS, ACKNOWLEDGE_ALERT)),
    ADMINISTRATOR("系统管理员", EnumSet.of(MANAGE_USERS, MANAGE_SETTINGS, READ_AUDIT));

    private final String chinese;
    private final Set<Permission> permissions;

    Role(String chinese, Set<Permission> permissions) {
        this.chinese = chinese;
        this.permissions = Set.copyOf(permissions);
    }

    public boolean may(Permission p) {
        return permissions.contains(p);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** The role's name as a Chinese department says it. */
    public String chinese() {
        return chinese;
    }

    /** A role as typed: {@code senior-radiologist}, {@code SENIOR_RADIOLOGIST} or {@code 主治医师}. */
    public static Role parse(String text) {
        String t = text.strip();
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(t.replace('-', '_')) || r.chinese.equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("No role \"" + text + "\"; the roles are " + names());
    }

    /** The roles as typed on the command line: junior-radiologist, senior-radiologist, ... */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (Role r : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(r.typed());
        }
        return b.toString();
    }

    public String typed() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
