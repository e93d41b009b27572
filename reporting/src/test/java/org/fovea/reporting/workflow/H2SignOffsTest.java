package org.fovea.reporting.workflow;

import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Sign-off on the embedded H2; a second open is a second workstation on the same file. */
class H2SignOffsTest extends SignOffsContract {

    @TempDir
    Path home;

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.embedded(home);
    }
}
