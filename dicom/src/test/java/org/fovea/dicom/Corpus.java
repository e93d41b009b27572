package org.fovea.dicom;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/** The shared DICOM test corpus (see shared/testdata/dicom/SOURCES.md). */
public final class Corpus {
    private Corpus() {
    }

    public static Path dir(String sub) {
        String shared = System.getProperty("fovea.shared");
        Path base = shared != null ? Path.of(shared) : Path.of("..", "..", "shared");
        Path dir = base.resolve("testdata").resolve("dicom").resolve(sub).normalize();
        if (!Files.isDirectory(dir)) {
            fail("the shared DICOM corpus is missing at " + dir.toAbsolutePath());
        }
        return dir;
    }

    static Path file(String sub, String name) {
        return dir(sub).resolve(name);
    }
}
