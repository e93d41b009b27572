package org.fovea.reporting.alert;

import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Critical-value alerts on the embedded H2 (a second open is a second workstation, AUTO_SERVER). */
class H2AlertsTest extends AlertsContract {

    @TempDir
    Path home;

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.embedded(home);
    }
}
