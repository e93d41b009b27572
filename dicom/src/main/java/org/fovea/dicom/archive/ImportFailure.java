package org.fovea.dicom.archive;

import java.nio.file.Path;

/** A file the import skipped, with the reason a user can act on (no file name in the reason). */
public record ImportFailure(Path file, String reason) {

    /** One sentence naming the file and the reason, for lists shown to the user. */
    public String message() {
        return file + ": " + reason;
    }
}
