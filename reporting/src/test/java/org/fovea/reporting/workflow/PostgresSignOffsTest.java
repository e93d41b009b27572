package org.fovea.reporting.workflow;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Postgres;
import org.junit.jupiter.api.BeforeEach;

/** Sign-off on a real PostgreSQL 15 shared by two workstations. */
class PostgresSignOffsTest extends SignOffsContract {

    private String url;

    @BeforeEach
    void freshDatabase() {
        url = Postgres.sharedDatabase("signoff");
    }

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.open(url, Postgres.shared().user(), Postgres.shared().password());
    }
}
