package org.fovea.reporting.identity;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Postgres;

/** Users on a real PostgreSQL 15, as the department shares them; a fresh database per test. */
class PostgresUsersTest extends UsersContract {

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.open(Postgres.sharedDatabase("users"), Postgres.shared().user(), Postgres.shared().password());
    }
}
