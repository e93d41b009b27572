package org.fovea.reporting.alert;

import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Postgres;

/** Critical-value alerts on a real PostgreSQL 15: other workstations hear of them by LISTEN/NOTIFY. */
class PostgresAlertsTest extends AlertsContract {

    /** One database per test (a new instance per test method), made when the test first opens it. */
    private String url;

    @Override
    ReportingDatabase openDatabase() {
        if (url == null) {
            url = Postgres.sharedDatabase("alerts");
        }
        return ReportingDatabase.open(url, Postgres.shared().user(), Postgres.shared().password());
    }
}
