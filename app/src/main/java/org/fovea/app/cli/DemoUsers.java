package org.fovea.app.cli;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.identity.Role;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import org.fovea.reporting.signature.Algorithm;
import org.fovea.reporting.signature.SigningKeys;
import org.fovea.reporting.store.JdbcSignOffs;
import org.fovea.reporting.workflow.SignOffPolicy;

import java.util.List;
import java.util.Map;

/**
 * The demo department's people, one for each role, all with the password {@link #PASSWORD} (the
 * README says so): an administrator, a junior, a senior and a chief radiologist, a technician, a
 * registrar and a referring clinician; a department CA (RSA) that issued the radiologists their
 * signing keys (the chief's is SM2, so both algorithms are on show); CT reports signed at three
 * levels, everything else at two. Made once, in a department that has no users yet.
 */
final class DemoUsers {

    static final String PASSWORD = "Demo-2026";
    static final String CA_PASSWORD = "Demo-CA-2026";

    record Person(String login, String name, Role role) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person("admin", "系统管理员", Role.ADMINISTRATOR),
            new Person("li", "李明", Role.JUNIOR_RADIOLOGIST),
            new Person("zhang", "张伟", Role.SENIOR_RADIOLOGIST),
            new Person("chen", "陈静", Role.CHIEF),
            new Person("wang", "王芳", Role.TECHNICIAN),
            new Person("zhao", "赵磊", Role.REGISTRAR),
            new Person("liu", "刘洋", Role.CLINICIAN));

    private DemoUsers() {
    }

    /** @return how many users were made (0 when the department already has users) */
    static int ensure(ReportingDatabase db) throws Exception {
        Users users = new Users(db);
        if (!users.list().isEmpty()) {
            return 0;
        }
        Actor setup = Actor.here("setup");
        for (Person p : PEOPLE) {
            users.create(p.login(), p.name(), p.role(), PASSWORD.toCharArray());
        }
        SigningKeys keys = new SigningKeys(db);
        keys.createCa(Algorithm.RSA, "Fovea 演示医院放射科 CA", CA_PASSWORD.toCharArray(), setup);
        for (String login : List.of("li", "zhang", "chen")) {
            User u = users.find(login).orElseThrow();
            keys.issue(u, login.equals("chen") ? Algorithm.SM2 : Algorithm.RSA, CA_PASSWORD.toCharArray(),
                    PASSWORD.toCharArray(), setup);
        }
        new JdbcSignOffs(db, null).setPolicy(new SignOffPolicy(2, Map.of("CT", 3), Map.of()), setup);
        return PEOPLE.size();
    }
}
