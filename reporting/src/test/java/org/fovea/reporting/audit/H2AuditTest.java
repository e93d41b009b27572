package org.fovea.reporting.audit;

import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The audit chain on the embedded H2. */
class H2AuditTest extends AuditContract {

    @TempDir
    Path home;

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.embedded(home);
    }
}
