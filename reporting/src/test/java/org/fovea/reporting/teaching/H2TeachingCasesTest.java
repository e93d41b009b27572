package org.fovea.reporting.teaching;

import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Teaching cases on the embedded H2. */
class H2TeachingCasesTest extends TeachingCasesContract {

    @TempDir
    Path home;

    @Override
    ReportingDatabase openDatabase() {
        return ReportingDatabase.embedded(home);
    }
}
