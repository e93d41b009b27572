package org.fovea.dicom;

import java.nio.file.Path;

/**
 * A file could not be read or decoded. The message is one sentence a user can act on and
 * always names the file and the reason (e.g. the unsupported transfer syntax).
 */
public class DicomReadException extends Exception {
    private final Path file;

    public DicomReadException(Path file, String reason) {
        super(file.getFileName() + ": " + reason);
        this.file = file;
    }

    public DicomReadException(Path file, String reason, Throwable cause) {
        super(file.getFileName() + ": " + reason, cause);
        this.file = file;
    }

    public Path file() { return file; }

    /** The reason without the file name. */
    public String reason() {
        String m = getMessage();
        int i = m.indexOf(": ");
        return i < 0 ? m : m.substring(i + 2);
    }
}
