package org.fovea.reporting;

import org.fovea.reporting.store.JdbcReports;
import org.fovea.testsupport.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ReportingDatabase#forHome}: department.json names the shared PostgreSQL, else the embedded H2. */
class DepartmentDatabaseTest {

    @TempDir
    Path home;

    @Test
    void withoutDepartmentJsonTheWorkstationUsesItsEmbeddedDatabase() {
        try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
            assertFalse(db.postgres());
        }
        assertTrue(Files.exists(home.resolve("db/department.mv.db")));
    }

    @Test
    void departmentJsonOpensTheSharedPostgresqlWhereAnotherWorkstationSeesTheReports() throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = pg.createDatabase("department");
            Files.writeString(home.resolve("department.json"),
                    "{\"jdbcUrl\": \"" + url + "\", \"user\": \"postgres\", \"password\": \"\"}");
            StudyRef study = new StudyRef("1.2.3.4", "A1", "P1", "ZHANG^WEI=张^伟", "M", null, "",
                    LocalDate.of(2024, 3, 1), "CT", "CHEST", "", "", "");
            long id;
            try (ReportingDatabase db = ReportingDatabase.forHome(home)) {
                assertTrue(db.postgres());
                id = new JdbcReports(db).save(Report.draft(study, "", "李医生").withText("共享", "")).id();
            }
            try (ReportingDatabase other = ReportingDatabase.open(url, pg.user(), pg.password())) {
                assertEquals("共享", new JdbcReports(other).find(id).orElseThrow().findings());
            }
            assertFalse(Files.exists(home.resolve("db")), "no embedded database was made");
        }
    }

    @Test
    void aBadDepartmentJsonIsNamedWithItsFault() throws Exception {
        Path file = home.resolve("department.json");
        Files.writeString(file, "{\"jdbcUrl\": ");
        IllegalStateException broken = assertThrows(IllegalStateException.class, () -> ReportingDatabase.forHome(home));
        assertTrue(broken.getMessage().contains(file.toString()), broken.getMessage());

        Files.writeString(file, "{\"user\": \"fovea\"}");
        IllegalStateException noUrl = assertThrows(IllegalStateException.class, () -> ReportingDatabase.forHome(home));
        assertTrue(noUrl.getMessage().contains(file.toString()) && noUrl.getMessage().contains("jdbcUrl"),
                noUrl.getMessage());
    }
}
