package org.fovea.reporting.audit;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Postgres;

/** The audit chain on a real PostgreSQL 15, as the department's workstations share it. */
class PostgresAuditTest extends AuditContract {

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.open(Postgres.sharedDatabase("audit"), Postgres.shared().user(), Postgres.shared().password());
    }
}
