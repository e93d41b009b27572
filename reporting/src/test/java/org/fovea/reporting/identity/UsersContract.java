package org.fovea.reporting.identity;

import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Users as the department keeps them, on each database: created with an Argon2id hash, logged in,
 * locked after five wrong passwords for fifteen minutes (on a clock the test moves), disabled,
 * and never without an administrator.
 */
abstract class UsersContract {

    abstract ReportingDatabase openDatabase();

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-04T08:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private ReportingDatabase db;
    private final TestClock clock = new TestClock();
    private Users users;

    @BeforeEach
    void open() {
        db = openDatabase();
        users = new Users(db.dataSource(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static char[] pw(String s) {
        return s.toCharArray();
    }

    @Test
    void aUserLogsInWithTheRightPasswordOnlyAndItIsStoredAsArgon2id() throws Exception {
        User u = users.create("ZhangWei", "张伟", Role.SENIOR_RADIOLOGIST, pw("Zw-2026-read"));
        assertThat(u.login()).isEqualTo("zhangwei");
        assertThat(users.authenticate("zhangwei", pw("Zw-2026-read"))).isInstanceOf(LoginResult.Success.class);
        assertThat(users.authenticate("ZHANGWEI ", pw("Zw-2026-read"))).as("logins ignore case")
                .isInstanceOf(LoginResult.Success.class);
        assertThat(users.authenticate("zhangwei", pw("zw-2026-read"))).isInstanceOf(LoginResult.Refused.class);
        assertThat(users.authenticate("nobody", pw("Zw-2026-read"))).isEqualTo(
                new LoginResult.Refused(LoginResult.Reason.WRONG_LOGIN_OR_PASSWORD, Users.MAX_FAILURES, Instant.EPOCH));
        try (var c = db.dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT password_hash FROM users WHERE login = 'zhangwei'")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("Zw-2026-read");
        }
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForFifteenMinutesEvenForTheRightOne() {
        users.create("li", "李明", Role.JUNIOR_RADIOLOGIST, pw("Li-2026-write"));
        for (int i = 1; i < Users.MAX_FAILURES; i++) {
            assertThat(users.authenticate("li", pw("wrong-" + i))).isEqualTo(new LoginResult.Refused(
                    LoginResult.Reason.WRONG_LOGIN_OR_PASSWORD, Users.MAX_FAILURES - i, Instant.EPOCH));
        }
        Instant until = clock.now.plus(Users.LOCKOUT);
        assertThat(users.authenticate("li", pw("wrong-5")))
                .isEqualTo(new LoginResult.Refused(LoginResult.Reason.LOCKED, 0, until));
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertThat(users.authenticate("li", pw("Li-2026-write"))).as("the right password, still locked")
                .isEqualTo(new LoginResult.Refused(LoginResult.Reason.LOCKED, 0, until));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(users.authenticate("li", pw("Li-2026-write"))).isInstanceOf(LoginResult.Success.class);
        assertThat(users.find("li").orElseThrow().failedLogins()).isZero();

        // a right password clears the count: four wrong, one right, four wrong does not lock
        for (int i = 0; i < 4; i++) {
            users.authenticate("li", pw("wrong"));
        }
        users.authenticate("li", pw("Li-2026-write"));
        for (int i = 0; i < 4; i++) {
            users.authenticate("li", pw("wrong"));
        }
        assertThat(users.authenticate("li", pw("Li-2026-write"))).isInstanceOf(LoginResult.Success.class);

        // an administrator lifts a lock before it runs out
        for (int i = 0; i < 5; i++) {
            users.authenticate("li", pw("wrong"));
        }
        users.unlock("li");
        assertThat(users.authenticate("li", pw("Li-2026-write"))).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void aDisabledUserCannotLogInAndTheLastAdministratorStays() {
        users.create("admin", "管理员", Role.ADMINISTRATOR, pw("Admin-2026x"));
        users.create("wang", "王芳", Role.TECHNICIAN, pw("Wang-2026x"));
        assertThat(users.hasAdministrator()).isTrue();
        users.setActive("wang", false);
        assertThat(users.authenticate("wang", pw("Wang-2026x")))
                .isEqualTo(new LoginResult.Refused(LoginResult.Reason.DISABLED, 0, Instant.EPOCH));
        assertThatThrownBy(() -> users.setActive("admin", false)).isInstanceOf(IdentityException.class)
                .hasMessageContaining("last administrator");
        assertThatThrownBy(() -> users.setRole("admin", Role.CHIEF)).isInstanceOf(IdentityException.class)
                .hasMessageContaining("last administrator");
        users.create("admin2", "管理员二", Role.ADMINISTRATOR, pw("Admin-2026y"));
        users.setRole("admin", Role.CHIEF);
        assertThat(users.find("admin").orElseThrow().role()).isEqualTo(Role.CHIEF);
    }

    @Test
    void badLoginsNamesAndPasswordsAreRefusedWithTheReason() {
        users.create("chen", "陈静", Role.CHIEF, pw("Chen-2026x"));
        assertThatThrownBy(() -> users.create("Chen", "另一个", Role.CHIEF, pw("Chen-2026y")))
                .isInstanceOf(IdentityException.class).hasMessageContaining("already a user chen");
        assertThatThrownBy(() -> users.create("a b", "x", Role.CHIEF, pw("Chen-2026y")))
                .hasMessageContaining("A login is");
        assertThatThrownBy(() -> users.create("zhao", "赵", Role.CHIEF, pw("short1"))).hasMessageContaining("8 characters");
        assertThatThrownBy(() -> users.create("zhao", "赵", Role.CHIEF, pw("onlyletters"))).hasMessageContaining("digits");
        assertThatThrownBy(() -> users.changePassword("nobody", pw("Good-2026x"))).hasMessageContaining("no user nobody");
        users.changePassword("chen", pw("Chen-2027z"));
        assertThat(users.authenticate("chen", pw("Chen-2026x"))).isInstanceOf(LoginResult.Refused.class);
        assertThat(users.authenticate("chen", pw("Chen-2027z"))).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void rolesGrantTheLeastTheyNeed() {
        assertThat(Role.JUNIOR_RADIOLOGIST.may(Permission.WRITE_REPORT)).isTrue();
        assertThat(Role.JUNIOR_RADIOLOGIST.may(Permission.SIGN_FINAL)).isFalse();
        assertThat(Role.SENIOR_RADIOLOGIST.may(Permission.REVIEW_REPORT)).isTrue();
        assertThat(Role.SENIOR_RADIOLOGIST.may(Permission.SIGN_FINAL)).isFalse();
        assertThat(Role.CHIEF.may(Permission.SIGN_FINAL)).isTrue();
        assertThat(Role.TECHNICIAN.may(Permission.WRITE_REPORT)).isFalse();
        assertThat(Role.CLINICIAN.may(Permission.ACKNOWLEDGE_ALERT)).isTrue();
        assertThat(Role.CLINICIAN.may(Permission.WRITE_REPORT)).isFalse();
        assertThat(Role.ADMINISTRATOR.may(Permission.MANAGE_USERS)).isTrue();
        assertThat(Role.ADMINISTRATOR.may(Permission.WRITE_REPORT)).as("an administrator writes no report").isFalse();
        assertThat(Role.parse("senior-radiologist")).isEqualTo(Role.SENIOR_RADIOLOGIST);
        assertThat(Role.parse("主任医师")).isEqualTo(Role.CHIEF);
        assertThatThrownBy(() -> Role.parse("nurse")).hasMessageContaining("junior-radiologist");
    }
}
