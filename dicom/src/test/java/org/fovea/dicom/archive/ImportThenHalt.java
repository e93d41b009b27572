package org.fovea.dicom.archive;

import org.fovea.dicom.CancelToken;

import java.nio.file.Path;
import java.util.List;

/**
 * Run in a JVM of its own by the tests: imports a folder and halts the JVM (no shutdown, as a
 * power cut or a kill would stop it) once the given number of files were handled.
 */
public final class ImportThenHalt {

    private ImportThenHalt() {
    }

    public static void main(String[] args) {
        int haltAt = Integer.parseInt(args[2]);
        LocalArchive archive = LocalArchive.open(Path.of(args[0]));
        archive.importPaths(List.of(Path.of(args[1])), (done, total, current) -> {
            if (done == haltAt) {
                System.out.println("halting after " + done);
                System.out.flush();
                Runtime.getRuntime().halt(9);
            }
        }, CancelToken.none());
    }
}
