package org.fovea.reporting.store;

import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The store on the embedded H2 of a workstation standing alone; two opens share the file (AUTO_SERVER). */
class H2ReportsTest extends ReportsContract {

    @TempDir
    Path home;

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.embedded(home);
    }
}
