package org.fovea.reporting.identity;

import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Users on the embedded H2 of a workstation standing alone. */
class H2UsersTest extends UsersContract {

    @TempDir
    Path home;

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.embedded(home);
    }
}
