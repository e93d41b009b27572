package org.fovea.reporting.teaching;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Postgres;

/** Teaching cases on a real PostgreSQL 15. */
class PostgresTeachingCasesTest extends TeachingCasesContract {

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.open(Postgres.sharedDatabase("teaching"), Postgres.shared().user(), Postgres.shared().password());
    }
}
