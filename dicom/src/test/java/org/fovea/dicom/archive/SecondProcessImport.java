package org.fovea.dicom.archive;

import org.fovea.dicom.CancelToken;

import java.nio.file.Path;
import java.util.List;

/** Run in a separate JVM by the tests, as `./fovea import` would run beside the GUI. */
public final class SecondProcessImport {

    private SecondProcessImport() {
    }

    public static void main(String[] args) {
        try (LocalArchive archive = LocalArchive.open(Path.of(args[0]))) {
            ImportReport report = archive.importPaths(List.of(Path.of(args[1])), ImportListener.none(),
                    CancelToken.none());
            System.out.println("imported=" + report.imported() + " studies="
                    + archive.findStudies(StudyQuery.all()).size());
        }
    }
}
