package org.fovea.reporting.store;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The store on a real PostgreSQL 15, as a department shares it: one cluster, a fresh database per test. */
class PostgresReportsTest extends ReportsContract {

    private static Postgres pg;
    private static int databases;
    private String url;

    @BeforeAll
    static void startPostgres() {
        pg = Postgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void freshDatabase() {
        url = pg.createDatabase("reports_" + ++databases);
    }

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.open(url, pg.user(), pg.password());
    }
}
